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

    func run() throws {
        let now = Date()
        var entries: [Entry] = []
        var failures = 0
        for path in try ConvertCommand.pages(in: inputs) {
            do {
                guard let bytes = CompressedFile.read(path: path) else { throw InputError.missingFile(path) }
                let article = try ArticleReader.read(bytes, path: InputSource.pageName(path))
                entries.append(Entry(article: article, fetchedAt: now))
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("feedwright: \(path): \(error)\n".utf8))
            }
        }
        var feed = Feed(format: .atom10)
        if FileManager.default.fileExists(atPath: output), let bytes = CompressedFile.read(path: output) {
            feed = try FeedParser.parse(bytes).feed
        }
        if let title { feed.title = Text(title) }
        if let id { feed.id = id }
        if let link, !feed.links.contains(where: { $0.relation == "alternate" }) { feed.links.append(Link(href: link)) }
        if feed.title == nil { feed.title = Text(URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent) }
        feed = FeedMerge.merge(entries, into: feed, now: now)
        let bytes = try AtomWriter(options: .init(selfURL: selfURL, fallbackDate: now)).write(feed)
        try AtomicFile.write(bytes, to: output)
        print("\(output): \(feed.entries.count) entries (\(entries.count) pages read, \(failures) failed)")
        if failures > 0 { throw ExitCode(1) }
    }

    static let pageExtensions = [".html", ".htm", ".xhtml", ".txt", ".html.gz", ".htm.gz"]

    /// The files named, with directories expanded to the pages inside them, sorted.
    static func pages(in inputs: [String]) throws -> [String] {
        var result: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else { throw ValidationError("\(input): no such file or directory") }
            if isDirectory.boolValue {
                let walker = FileManager.default.enumerator(atPath: input)
                while let relative = walker?.nextObject() as? String {
                    if pageExtensions.contains(where: { relative.lowercased().hasSuffix($0) }) {
                        result.append((input as NSString).appendingPathComponent(relative))
                    }
                }
            } else {
                result.append(input)
            }
        }
        return result.sorted()
    }
}
