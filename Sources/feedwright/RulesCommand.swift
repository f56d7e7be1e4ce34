import ArgumentParser
import Extraction
import FeedwrightCore
import Fetching
import Foundation
import Pipeline

/// `feedwright rules`: install and try site rules.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Install site rules (ftr-site-config) and see what a rule extracts.",
        subcommands: [Update.self, Test.self]
    )

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Install the ftr-site-config rules into the workspace's site-rules/.",
            discussion: """
                Downloads the archive (or reads a local archive or directory) and replaces \
                site-rules/ in one step; a failed download or an archive without rules leaves the \
                installed rules as they were. Keep rules of your own in another directory and give \
                both with --site-rules (later directories win), so that an update never overwrites them.
                """)
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: ArgumentHelp("An archive URL, an archive file (.tar.gz, .tgz, .tar, .zip) or a directory of rule files.", valueName: "url|file"))
        var from: String = SiteRuleInstaller.defaultArchive

        func run() async throws {
            let installer = SiteRuleInstaller(workspace: workspace.space)
            var path = from
            var downloaded: String?
            if WebURL.isHTTP(from) {
                let name = from.lowercased().hasSuffix(".zip") ? "site-rules-download.zip" : "site-rules-download.tar.gz"
                let target = (workspace.space.stagingDirectory as NSString).appendingPathComponent(name)
                var options = HTTPFetcher.Options()
                options.maximumBytes = 128 << 20
                options.requestTimeout = .seconds(300)
                options.addresses = AddressPolicy(allowPrivate: true)
                let document = try await HTTPFetcher.withClient(options: options) { client in
                    try await HTTPFetcher(client: client, options: options).fetch(from, etag: nil, lastModified: nil)
                }
                try FileManager.default.createDirectory(atPath: workspace.space.stagingDirectory, withIntermediateDirectories: true)
                try AtomicFile.write(document.bytes, to: target)
                path = target
                downloaded = target
            }
            defer { if let downloaded { try? FileManager.default.removeItem(atPath: downloaded) } }
            let count = try installer.install(from: path)
            print("installed \(count) rule files into \(installer.destination) from \(from)")
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Show a rule, what it extracts from a page, and whether its test_urls still pass.",
            discussion: """
                HOST looks the rule up as the loop does (exact host, without www., .parent files, \
                then global.txt); a path reads that rule file alone. With --page the rule is applied \
                to a saved page. Otherwise each test_url is fetched (public addresses only) and its \
                test_contains strings are looked for in the extracted text; an unreachable address \
                is reported, not failed. The exit status is 1 when a test fails.
                """)
        @Argument(help: "A host (example.com) or a rule file.") var target: String
        @Option(help: "A saved page to apply the rule to, instead of fetching its test_urls.") var page: String?
        @Option(help: "With --page: the page's URL (for its links and the rule's lookup).") var url: String?
        @OptionGroup var siteRules: SiteRuleOptions

        func run() async throws {
            let (rule, name) = try resolve()
            RulesCommand.describe(rule, name: name)
            if let page {
                let bytes = try InputSource.readFile(page)
                let explanation = try ArticleExtractor.explain(bytes, url: url, rule: rule)
                let article = try ArticleExtractor.extract(bytes, url: url, rule: rule)
                RulesCommand.show(article, problems: explanation.ruleProblems, source: explanation.source?.rawValue ?? "-")
                return
            }
            guard !rule.tests.isEmpty else {
                print("no test_url in the rule; give --page FILE to try it on a saved page")
                return
            }
            let failed = try await HTTPFetcher.withClient { client in
                var ruled = ArticleFetch(fetcher: HTTPFetcher(client: client), rules: nil)
                ruled.rule = rule
                return await Test.runTests(rule.tests, with: ruled)
            }
            if failed > 0 { throw ExitCode(1) }
        }

        /// Runs each test_url through `ruled`; the number that failed.
        private static func runTests(_ tests: [(url: String, contains: [String])], with ruled: ArticleFetch) async -> Int {
            var failed = 0
            for test in tests {
                do {
                    let article = try await ruled.article(at: test.url)
                    let missing = test.contains.filter { !article.text.contains($0) }
                    if missing.isEmpty {
                        print("pass  \(test.url) (\(article.text.split { $0.isWhitespace }.count) words)")
                    } else {
                        failed += 1
                        print("FAIL  \(test.url): missing \(missing.map { "\"\($0)\"" }.joined(separator: ", "))")
                    }
                } catch let error as FetchError {
                    print("skip  \(test.url): unreachable (\(error))")
                } catch {
                    failed += 1
                    print("FAIL  \(test.url): \(error)")
                }
            }
            return failed
        }

        /// The rule named: a file read alone, or a host's rule from the library.
        private func resolve() throws -> (SiteRule, String) {
            if FileManager.default.fileExists(atPath: target) {
                let data = try InputSource.readFile(target)
                return (SiteRuleParser.parse(String(decoding: data, as: UTF8.self)), target)
            }
            guard let library = siteRules.library(workspace: Workspace(root: "Feeds")) else {
                throw ValidationError("no site rules: give --site-rules DIR or run `feedwright rules update`")
            }
            guard let rule = library.rule(for: target) else { throw ValidationError("no rule for \(target) in \(library.directories.map(\.path).joined(separator: ", "))") }
            let file = library.siteFile(for: target)?.path ?? "global.txt only"
            return (rule, file)
        }
    }

    /// What a rule holds, and the lines Feedwright does not use.
    static func describe(_ rule: SiteRule, name: String) {
        print("rule: \(name)")
        let counts: [(String, Int)] = [
            ("title", rule.title.count), ("body", rule.body.count), ("author", rule.author.count), ("date", rule.date.count),
            ("strip", rule.strip.count), ("strip_id_or_class", rule.stripIDOrClass.count), ("strip_image_src", rule.stripImageSource.count),
            ("strip_attr", rule.stripAttribute.count), ("dissolve", rule.dissolve.count), ("wrap_in", rule.wrapIn.count),
            ("replace_string", rule.replacements.count), ("http_header", rule.httpHeaders.count),
            ("single_page_link", rule.singlePageLink.count), ("next_page_link", rule.nextPageLink.count), ("test_url", rule.tests.count),
        ]
        print("  " + counts.filter { $0.1 > 0 }.map { "\($0.0): \($0.1)" }.joined(separator: ", "))
        if !rule.ignored.isEmpty { print("  read, not used by Feedwright: \(rule.ignored.sorted().joined(separator: ", "))") }
        for (line, text) in rule.unknown { print("  warning: line \(line): not a directive Feedwright knows: \(text)") }
    }

    static func show(_ article: Article, problems: [String], source: String) {
        print("title: \(article.title ?? "-")")
        print("author: \(article.authors.isEmpty ? "-" : article.authors.joined(separator: ", "))")
        print("date: \(article.published.map { TimestampFormat.rfc3339($0) } ?? "-")")
        print("body from: \(source), \(article.text.split { $0.isWhitespace }.count) words")
        for problem in problems { print("  problem: \(problem)") }
        print("")
        print(article.text.count > 1200 ? String(article.text.prefix(1200)) + " …" : article.text)
    }
}
