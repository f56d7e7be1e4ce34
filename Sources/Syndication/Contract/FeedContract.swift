import FeedwrightCore
import Foundation
import Markup

/// The JSON shape of a parsed feed that `feedwright parse --json` prints and the scoring
/// scripts read (DESIGN.md, "The JSON contracts"). Text fields are plain text; dates are UTC.
public struct FeedContract: Encodable, Sendable {
    public struct EntryContract: Encodable, Sendable {
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

        enum CodingKeys: String, CodingKey {
            case id, title, link, published, updated, authors
            case summaryText = "summary_text"
            case contentText = "content_text"
            case categories, enclosures
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(link, forKey: .link)
            try container.encode(published, forKey: .published)
            try container.encode(updated, forKey: .updated)
            try container.encode(authors, forKey: .authors)
            try container.encode(summaryText, forKey: .summaryText)
            try container.encode(contentText, forKey: .contentText)
            try container.encode(categories, forKey: .categories)
            try container.encode(enclosures, forKey: .enclosures)
        }
    }

    public struct EnclosureContract: Encodable, Sendable {
        var url: String
        var type: String?
        var length: Int?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(url, forKey: .url)
            try container.encode(type, forKey: .type)
            try container.encode(length, forKey: .length)
        }

        enum CodingKeys: String, CodingKey { case url, type, length }
    }

    var format: String
    var title: String?
    var link: String?
    var subtitle: String?
    var updated: String?
    var entries: [EntryContract]
    var warnings: [String]

    enum CodingKeys: String, CodingKey { case format, title, link, subtitle, updated, entries, warnings }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(title, forKey: .title)
        try container.encode(link, forKey: .link)
        try container.encode(subtitle, forKey: .subtitle)
        try container.encode(updated, forKey: .updated)
        try container.encode(entries, forKey: .entries)
        try container.encode(warnings, forKey: .warnings)
    }

    /// The contract view of a parsed feed.
    public init(_ parsed: ParsedFeed) {
        let feed = parsed.feed
        format = feed.format.rawValue
        title = feed.title.flatMap(FeedContract.plain)
        link = feed.alternateLink
        subtitle = feed.subtitle.flatMap(FeedContract.plain)
        updated = feed.updated.map(TimestampFormat.rfc3339)
        warnings = parsed.warnings.map(\.description)
        entries = feed.entries.map { entry in
            EntryContract(
                id: entry.id,
                title: entry.title.flatMap(FeedContract.plain),
                link: entry.alternateLink,
                published: entry.published.map(TimestampFormat.rfc3339),
                updated: entry.updated.map(TimestampFormat.rfc3339),
                authors: entry.authors.compactMap { $0.displayName.flatMap(FeedContract.plain) },
                summaryText: entry.summary.flatMap(FeedContract.plain),
                contentText: entry.content.flatMap(FeedContract.plain),
                categories: entry.categories.compactMap { FeedContract.plain($0.term) },
                enclosures: entry.enclosures.map { EnclosureContract(url: $0.url, type: $0.mediaType, length: $0.length) }
            )
        }
    }

    /// Plain text of a text construct: markup stripped, entities decoded, white space collapsed.
    ///
    /// Text marked plain that still looks like markup is stripped too: publishers mislabel
    /// types far more often than they mean a literal `<b>`.
    static func plain(_ text: Text) -> String? {
        text.isMarkup || Text.looksLikeHTML(text.value) ? HTMLText.plainText(text.value) : HTMLText.collapseWhitespace(text.value)
    }

    static func plain(_ value: String) -> String? {
        plain(Text(value))
    }

    /// One line of compact JSON.
    public func jsonLine() -> String {
        JSONLine.encode(self)
    }
}
