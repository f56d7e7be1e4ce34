import ArgumentParser
import Extraction
import FeedwrightCore
import Fetching
import Foundation
import Pipeline
import Syndication

/// `feedwright extract`: the article in a page, as text, sanitized HTML or JSON.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the article from HTML pages or plain-text page dumps.",
        discussion: """
            With one input prints the body as text (paragraphs separated by blank lines, a <pre> \
            with its own lines), as sanitized HTML, or as JSON. With --jsonl prints one JSON line \
            per input, in the order given (pages are extracted on every core), and goes on after \
            a bad page; the exit status is 1 when any input failed. Inputs ending in .txt, and any \
            input that opens with words rather than markup, are read as text dumps (one block of \
            the page per line).
            """
    )

    @Argument(help: "HTML files, text dumps (.txt), http(s) URLs, or - for standard input.")
    var inputs: [String]

    @Flag(help: "Print the body as plain text (the default).")
    var text = false

    @Flag(help: "Print the body as sanitized HTML.")
    var html = false

    @Flag(help: "Print the article as one JSON object.")
    var json = false

    @Flag(help: "Print one JSON line per input.")
    var jsonl = false

    @Option(help: "The page URL, for resolving links and the canonical URL of a local file.")
    var url: String?

    @Flag(help: "Read every input as a plain-text dump of a page (one block per line), whatever its name.")
    var dump = false

    @Flag(help: "Print what the extractor weighed (the best-scored containers, the ones it kept, where the body came from, each run of them it dropped and why) instead of the body.")
    var explain = false

    @OptionGroup var siteRules: SiteRuleOptions

    /// The rule library the options name, or `Feeds/site-rules` when it exists.
    private var ruleLibrary: SiteRuleLibrary? { siteRules.library(workspace: Workspace(root: "Feeds")) }

    func validate() throws {
        if !jsonl && inputs.count != 1 { throw ValidationError("give exactly one input, or use --jsonl for several") }
        if [text, html, json, jsonl].filter({ $0 }).count > 1 { throw ValidationError("choose one of --text, --html, --json, --jsonl") }
        if explain && (jsonl || html || json) { throw ValidationError("--explain prints its own report of one input; leave out --jsonl, --json and --html") }
    }

    func run() async throws {
        let failures = try await InputSource.withWebFetcher(for: inputs) { web in
            jsonl ? await extractBatch(using: web) : (await extractOne(inputs[0], using: web) ? 0 : 1)
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// One JSON line per input, in the order given, on every core (``OrderedBatch``).
    private func extractBatch(using web: (any DocumentFetcher)?) async -> Int {
        let command = self
        let rules = ruleLibrary
        return await OrderedBatch.run(inputs) { argument in await command.jsonLine(argument, using: web, rules: rules) }
    }

    /// The JSON line for one input, and whether it succeeded.
    private func jsonLine(_ argument: String, using web: (any DocumentFetcher)?, rules: SiteRuleLibrary?) async -> ([UInt8], Bool) {
        do {
            if let article = try await fetchedArticle(argument, using: web, rules: rules) {
                return (ArticleContract(path: argument, article: article).jsonLineBytes(), true)
            }
            let input = try await InputSource(argument: argument).read(using: web)
            let article = try ArticleReader.read(input.bytes, path: PageConversion.pageName(argument), url: url ?? input.documentURL, charset: input.charset, textDump: dump ? true : nil, rules: rules)
            return (ArticleContract(path: argument, article: article).jsonLineBytes(), true)
        } catch {
            return (JSONLine.error(path: argument, message: InputSource.problem(error, of: argument)), false)
        }
    }

    /// A web page read as the loop reads articles (the site rule's headers, single-page view
    /// and later pages); nil for a file, standard input, or a dump.
    private func fetchedArticle(_ argument: String, using web: (any DocumentFetcher)?, rules: SiteRuleLibrary?) async throws -> Article? {
        guard let web, !dump, url == nil, InputSource(argument: argument).isRemote else { return nil }
        return try await ArticleFetch(fetcher: web, rules: rules).article(at: argument)
    }

    /// Extracts and prints one input; false when it failed (the error is printed).
    private func extractOne(_ argument: String, using web: (any DocumentFetcher)?) async -> Bool {
        let source = InputSource(argument: argument)
        do {
            let rules = ruleLibrary
            let article: Article
            if !explain, let fetched = try await fetchedArticle(argument, using: web, rules: rules) {
                article = fetched
            } else {
                let input = try await source.read(using: web)
                let pageURL = url ?? input.documentURL
                if explain {
                    let rule = pageURL.flatMap { rules?.rule(forURL: $0) }
                    print(try ArticleExtractor.explain(input.bytes, url: pageURL, charset: input.charset, rule: rule))
                    return true
                }
                article = try ArticleReader.read(input.bytes, path: PageConversion.pageName(argument), url: pageURL, charset: input.charset, textDump: dump ? true : nil, rules: rules)
            }
            if json {
                JSONLine.print(ArticleContract(path: argument, article: article).jsonLineBytes())
            } else if html {
                print(article.html)
            } else {
                print(article.text)
            }
            return true
        } catch {
            FileHandle.standardError.write(Data("feedwright: \(argument): \(InputSource.problem(error, of: argument))\n".utf8))
            return false
        }
    }
}
