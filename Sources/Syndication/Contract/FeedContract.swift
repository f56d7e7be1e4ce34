import FeedwrightCore
import Foundation
import Markup
import Synchronization

/// The JSON shape of a parsed feed that `feedwright parse --json` prints and the scoring
/// scripts read (DESIGN.md, "The JSON contracts"). Text fields are plain text; dates are UTC.
public struct FeedContract: JSONWritable, Sendable {
    public struct EntryContract: JSONWritable, Sendable {
        var id: String?
        var title: String?
        var link: String?
        var published: String?
        var updated: String?
        var authors: [String]
        var summaryText: String?
        var contentText: String?
        var categories: [String]
        var enclosures: [EnclosureContract]

        init(_ entry: Entry, reader: HTMLTextReader) {
            func plain(_ text: Text) -> String? { FeedContract.plain(text, reader: reader) }
            id = entry.id
            title = entry.title.flatMap(plain)
            link = entry.alternateLink
            published = entry.published.map(TimestampFormat.rfc3339)
            updated = entry.updated.map(TimestampFormat.rfc3339)
            authors = entry.authors.compactMap { $0.displayName.flatMap { plain(Text($0)) } }
            summaryText = entry.summary.flatMap(plain)
            contentText = entry.content.flatMap(plain)
            categories = entry.categories.compactMap { plain(Text($0.term)) }
            enclosures = entry.enclosures.map { EnclosureContract(url: $0.url, type: $0.mediaType, length: $0.length) }
        }

        /// Keys in sorted order, as every contract line writes them.
        public func write(to writer: inout JSONWriter) {
            writer.object {
                $0.field("authors", authors)
                $0.field("categories", categories)
                $0.field("content_text", contentText)
                $0.field("enclosures") { $0.array(enclosures) { $1.write(to: &$0) } }
                $0.field("id", id)
                $0.field("link", link)
                $0.field("published", published)
                $0.field("summary_text", summaryText)
                $0.field("title", title)
                $0.field("updated", updated)
            }
        }
    }

    public struct EnclosureContract: JSONWritable, Sendable {
        var url: String
        var type: String?
        var length: Int?

        public func write(to writer: inout JSONWriter) {
            writer.object {
                $0.field("length", length)
                $0.field("type", type)
                $0.field("url", url)
            }
        }
    }

    var format: String
    var title: String?
    var link: String?
    var subtitle: String?
    var updated: String?
    var entries: [EntryContract]
    var warnings: [String]

    public func write(to writer: inout JSONWriter) {
        writer.object {
            $0.field("entries") { $0.array(entries) { $1.write(to: &$0) } }
            $0.field("format", format)
            $0.field("link", link)
            $0.field("subtitle", subtitle)
            $0.field("title", title)
            $0.field("updated", updated)
            $0.field("warnings", warnings)
        }
    }

    /// The contract view of a parsed feed.
    public init(_ parsed: ParsedFeed) {
        let feed = parsed.feed
        let reader = HTMLTextReader()
        format = feed.format.rawValue
        title = feed.title.flatMap { FeedContract.plain($0, reader: reader) }
        link = feed.alternateLink
        subtitle = feed.subtitle.flatMap { FeedContract.plain($0, reader: reader) }
        updated = feed.updated.map(TimestampFormat.rfc3339)
        warnings = parsed.warnings.map(\.description)
        entries = FeedContract.entries(of: feed.entries, reader: reader)
    }

    /// Entries at or above this count are converted on every core.
    static let concurrentEntries = 64

    /// The entries' contract views, in order. Stripping each summary's and content's markup
    /// costs as much as parsing the feed, so a long feed spreads it over the cores in chunks.
    static func entries(of entries: [Entry], reader: HTMLTextReader) -> [EntryContract] {
        let cores = ProcessorCores.active
        guard entries.count >= concurrentEntries, cores > 1 else { return entries.map { EntryContract($0, reader: reader) } }
        let chunks = min(entries.count / 16, 4 * cores)
        let converted = Mutex([[EntryContract]](repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * entries.count / chunks)..<((chunk + 1) * entries.count / chunks)
            // A reader of its own: a reader's parser context is not shared between threads.
            let reader = HTMLTextReader()
            let part = entries[range].map { EntryContract($0, reader: reader) }
            converted.withLock { $0[chunk] = part }
        }
        return converted.withLock { $0.flatMap { $0 } }
    }

    /// Plain text of a text construct: markup stripped, entities decoded, white space collapsed.
    ///
    /// Text marked plain that still looks like markup is stripped too: publishers mislabel
    /// types far more often than they mean a literal `<b>`.
    static func plain(_ text: Text, reader: HTMLTextReader) -> String? {
        text.isMarkup || Text.looksLikeHTML(text.value) ? reader.plainText(text.value) : HTMLText.collapseWhitespace(text.value)
    }

    /// One line of compact JSON, without the newline.
    public func jsonLine() -> String {
        String(decoding: jsonLineBytes().dropLast(), as: UTF8.self)
    }
}
