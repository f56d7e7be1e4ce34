import FeedwrightCore
import Foundation
import Markup

/// Writes the feed model as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
public struct JSONFeedWriter: Sendable {
    public var options: AtomWriter.Options

    public init(options: AtomWriter.Options = AtomWriter.Options()) {
        self.options = options
    }

    /// The JSON Feed document for `feed`, as UTF-8 bytes, entries newest first.
    public func write(_ feed: Feed) throws(SyndicationError) -> [UInt8] {
        let atom = AtomWriter(options: options)
        let feedID = atom.feedIdentifier(feed)
        var document = Document(
            title: feed.title.map(plain) ?? feed.alternateLink ?? "Untitled feed",
            homePageURL: feed.alternateLink,
            feedURL: options.selfURL ?? feed.selfLink,
            description: feed.subtitle.map(plain),
            icon: feed.image?.url,
            favicon: feed.icon,
            language: feed.language,
            authors: feed.authors.compactMap(Author.init)
        )
        let hubs = feed.links.filter { $0.relation == "hub" }.map { Hub(url: $0.href) }
        document.hubs = hubs.isEmpty ? nil : hubs
        // The older entries (JSON Feed's pagination), from the feed's `rel="next"` link.
        document.nextURL = feed.links.first { $0.relation == "next" }?.href
        document.items = atom.orderedEntries(feed).map { dated in
            let entry = dated.entry
            var item = Item(id: entry.id ?? atom.entryIdentifier(entry, feedID: feedID))
            item.url = entry.alternateLink
            item.title = entry.title.map(plain)
            if let content = entry.content {
                if content.kind == .text { item.contentText = content.value } else { item.contentHTML = content.value }
            } else if let summary = entry.summary {
                if summary.kind == .text { item.contentText = summary.value } else { item.contentHTML = summary.value }
            } else {
                item.contentText = ""
            }
            item.summary = entry.summary.map(plain)
            item.image = entry.images.first?.url
            item.datePublished = entry.published.map(TimestampFormat.rfc3339)
            item.dateModified = TimestampFormat.rfc3339(dated.updated)
            item.authors = entry.authors.compactMap(Author.init)
            item.tags = entry.categories.map(\.term)
            item.language = entry.language
            item.attachments = entry.enclosures.map { Attachment(url: $0.url, mimeType: $0.mediaType ?? "application/octet-stream", sizeInBytes: $0.length) }
            return item
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(document))
        } catch {
            throw .unwritable("\(error)")
        }
    }

    private func plain(_ text: Text) -> String {
        text.kind == .text ? text.value : (HTMLText.plainText(text.value) ?? "")
    }

    struct Document: Encodable {
        var version = "https://jsonfeed.org/version/1.1"
        var title: String
        var homePageURL: String?
        var feedURL: String?
        var description: String?
        var icon: String?
        var favicon: String?
        var language: String?
        var authors: [Author]
        /// WebSub hubs (JSON Feed 1.1 `hubs`), from the feed's `rel="hub"` links.
        var hubs: [Hub]?
        /// Where the older entries are (JSON Feed `next_url`).
        var nextURL: String?
        var items: [Item] = []

        enum CodingKeys: String, CodingKey {
            case version, title, description, icon, favicon, language, authors, items, hubs
            case homePageURL = "home_page_url"
            case feedURL = "feed_url"
            case nextURL = "next_url"
        }
    }

    struct Hub: Encodable {
        var type = "WebSub"
        var url: String
    }

    struct Author: Encodable {
        var name: String?
        var url: String?

        init?(_ person: Person) {
            guard person.name != nil || person.uri != nil || person.email != nil else { return nil }
            name = person.name ?? person.email
            url = person.uri ?? person.email.map { "mailto:" + $0 }
        }
    }

    struct Item: Encodable {
        var id: String
        var url: String?
        var title: String?
        var contentHTML: String?
        var contentText: String?
        var summary: String?
        var image: String?
        var datePublished: String?
        var dateModified: String?
        var authors: [Author] = []
        var tags: [String] = []
        var language: String?
        var attachments: [Attachment] = []

        enum CodingKeys: String, CodingKey {
            case id, url, title, summary, image, authors, tags, language, attachments
            case contentHTML = "content_html"
            case contentText = "content_text"
            case datePublished = "date_published"
            case dateModified = "date_modified"
        }
    }

    struct Attachment: Encodable {
        var url: String
        var mimeType: String
        var sizeInBytes: Int?

        enum CodingKeys: String, CodingKey {
            case url
            case mimeType = "mime_type"
            case sizeInBytes = "size_in_bytes"
        }
    }
}
