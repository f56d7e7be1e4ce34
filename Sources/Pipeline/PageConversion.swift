import Extraction
import FeedwrightCore
import Foundation
import Markup
import Syndication

/// Article pages and text dumps on disk turned into one Atom feed, merged into the feed the
/// output file already holds: the work behind `feedwright convert`, where tests reach it.
public enum PageConversion {
    /// The endings of files read as pages (`.txt` as text dumps); `.gz` ones are decompressed.
    public static let pageExtensions = [".html", ".htm", ".xhtml", ".txt", ".html.gz", ".htm.gz"]

    /// The files named, with directories expanded (recursively) to the pages inside them,
    /// sorted, so that a feed built twice from the same tree comes out the same.
    /// - Throws: ``PipelineError/missingInput(_:)`` for a name that is neither.
    public static func pages(in inputs: [String]) throws(PipelineError) -> [String] {
        var result: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else { throw .missingInput(input) }
            guard isDirectory.boolValue else {
                result.append(input)
                continue
            }
            let walker = FileManager.default.enumerator(atPath: input)
            while let relative = walker?.nextObject() as? String {
                if pageExtensions.contains(where: { relative.lowercased().hasSuffix($0) }) {
                    result.append((input as NSString).appendingPathComponent(relative))
                }
            }
        }
        return result.sorted()
    }

    /// What a conversion made, and what it could not read.
    public struct Result: Sendable {
        /// The merged feed.
        public var feed: Feed
        /// Entries made from the pages read this time.
        public var converted: Int
        /// The pages that failed, with why.
        public var failures: [(path: String, problem: String)]
    }

    /// The feed's own fields, as the user gives them.
    public struct FeedDetails: Sendable {
        public var title: String?
        public var id: String?
        public var link: String?

        public init(title: String? = nil, id: String? = nil, link: String? = nil) {
            self.title = title
            self.id = id
            self.link = link
        }
    }

    /// Reads every page, extracts its article and merges the entries into `existing` (new ones
    /// added, changed ones given a new `updated`, none twice). A page that fails is reported in
    /// the result and the rest go on.
    /// - Parameter fallbackTitle: the title when neither `details` nor `existing` has one.
    /// - Parameter rules: site rules, found for each page by its canonical address.
    public static func convert(_ pages: [String], into existing: Feed?, details: FeedDetails, fallbackTitle: String, now: Date, rules: SiteRuleLibrary? = nil) -> Result {
        var entries: [Entry] = []
        var failures: [(path: String, problem: String)] = []
        for path in pages {
            guard let bytes = CompressedFile.read(path: path) else {
                failures.append((path, "cannot be read"))
                continue
            }
            do {
                let article = try ArticleReader.read(bytes, path: pageName(path), rules: rules)
                entries.append(Entry(article: article, fetchedAt: now))
            } catch {
                failures.append((path, "\(error)"))
            }
        }
        var feed = existing ?? Feed(format: .atom10)
        if let title = details.title { feed.title = Text(title) }
        if let id = details.id { feed.id = id }
        if let link = details.link, !feed.links.contains(where: { $0.relation == "alternate" }) { feed.links.append(Link(href: link)) }
        if feed.title == nil { feed.title = Text(fallbackTitle) }
        return Result(feed: FeedMerge.merge(entries, into: feed, now: now), converted: entries.count, failures: failures)
    }

    /// The name a page is judged by (`.txt` is a dump), without a `.gz` ending.
    public static func pageName(_ path: String) -> String {
        path.hasSuffix(".gz") ? String(path.dropLast(3)) : path
    }
}
