import ArgumentParser
import Extraction
import FeedwrightCore
import Foundation
import Markup
import Pipeline
import Syndication

/// `feedwright convert`: article pages and text dumps into one Atom feed, merged into the
/// existing file when there is one.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Turn HTML pages, text dumps, or directories of them into one Atom feed.",
        discussion: """
            Each page becomes one entry (title, authors, dates, canonical link, sanitized body). \
            When the output file already holds a feed, new articles are added, changed ones are \
            updated with a new `updated` date, and nothing is duplicated. The file is replaced \
            atomically. Pages that fail are reported and skipped; the exit status is 1 if any did.
            """
    )

    @Argument(help: "Pages (.html, .htm, .html.gz) and text dumps (.txt), or directories of them.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The Atom file to write (and merge into).")
    var output: String

    @Option(help: "The feed's title.")
    var title: String?

    @Option(help: "The feed's id (an IRI); derived from --link or the title when absent.")
    var id: String?

    @Option(help: "The page the feed stands for (its alternate link).")
    var link: String?

    @Option(help: "The URL the feed will be served from (its self link).")
    var selfURL: String?

    @OptionGroup var siteRules: SiteRuleOptions

    func run() throws {
        let now = Date()
        let pages: [String]
        do {
            pages = try PageConversion.pages(in: inputs)
        } catch {
            throw ValidationError("\(error)")
        }
        var existing: Feed?
        if FileManager.default.fileExists(atPath: output), let bytes = CompressedFile.read(path: output) {
            existing = try FeedParser.parse(bytes).feed
        }
        let result = PageConversion.convert(
            pages, into: existing, details: .init(title: title, id: id, link: link),
            fallbackTitle: URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent, now: now,
            rules: siteRules.library(workspace: Workspace(root: "Feeds"))
        )
        for failure in result.failures {
            FileHandle.standardError.write(Data("feedwright: \(failure.path): \(failure.problem)\n".utf8))
        }
        let bytes = try AtomWriter(options: .init(selfURL: selfURL, fallbackDate: now)).write(result.feed)
        try AtomicFile.write(bytes, to: output)
        print("\(output): \(result.feed.entries.count) entries (\(result.converted) pages read, \(result.failures.count) failed)")
        if !result.failures.isEmpty { throw ExitCode(1) }
    }
}
