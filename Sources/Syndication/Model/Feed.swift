import Foundation

/// A feed in any format, read into one model.
///
/// Every reader fills the same fields; where a format has no equivalent the field stays empty.
public struct Feed: Sendable, Hashable, Codable {
    /// The format the feed was served in.
    public var format: FeedFormat
    /// The feed's IRI identity (`atom:id`, RSS 1.0 `rdf:about`), if it has one.
    public var id: String?
    public var title: Text?
    public var subtitle: Text?
    /// All links, absolute where a base was known; see ``alternateLink`` and ``selfLink``.
    public var links: [Link]
    public var updated: Date?
    public var published: Date?
    public var authors: [Person]
    public var contributors: [Person]
    public var categories: [Category]
    public var rights: Text?
    public var generator: Generator?
    /// A small square icon (Atom `icon`, JSON Feed `favicon`).
    public var icon: String?
    /// The feed's image or logo (RSS `image`, Atom `logo`, `itunes:image`).
    public var image: Image?
    /// The feed's language (`language`, `dc:language`, `xml:lang`).
    public var language: String?
    /// How often the publisher says the feed changes, for polling.
    public var updateHint: UpdateHint?
    /// What the document says of the feed's history (RFC 5005): the whole feed
    /// (`fh:complete`), or one archive of it (`fh:archive`); nil for an ordinary document,
    /// which holds only the newest entries.
    public var history: FeedHistory?
    public var entries: [Entry]

    public init(
        format: FeedFormat, id: String? = nil, title: Text? = nil, subtitle: Text? = nil, links: [Link] = [],
        updated: Date? = nil, published: Date? = nil, authors: [Person] = [], contributors: [Person] = [],
        categories: [Category] = [], rights: Text? = nil, generator: Generator? = nil, icon: String? = nil,
        image: Image? = nil, language: String? = nil, updateHint: UpdateHint? = nil, entries: [Entry] = []
    ) {
        self.format = format
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.links = links
        self.updated = updated
        self.published = published
        self.authors = authors
        self.contributors = contributors
        self.categories = categories
        self.rights = rights
        self.generator = generator
        self.icon = icon
        self.image = image
        self.language = language
        self.updateHint = updateHint
        self.entries = entries
    }

    /// The page the feed belongs to: the first `alternate` link (a link without `rel` counts).
    public var alternateLink: String? {
        links.first(where: { $0.relation == "alternate" })?.href
    }

    /// The feed's own URL as the publisher states it.
    public var selfLink: String? {
        links.first(where: { $0.relation == "self" })?.href
    }
}

/// A feed document's place in the feed's history (RFC 5005, "Feed Paging and Archiving").
public enum FeedHistory: String, Sendable, Hashable, Codable {
    /// `fh:complete`: the document holds every entry of the feed; one that is gone from it is
    /// gone from the feed.
    case complete
    /// `fh:archive`: one of the feed's archive documents, whose entries do not change.
    case archive

    /// The namespace of `fh:complete` and `fh:archive`.
    public static let namespace = "http://purl.org/syndication/history/1.0"
}

/// The program that produced a feed.
public struct Generator: Sendable, Hashable, Codable {
    public var name: String
    public var uri: String?
    public var version: String?

    public init(name: String, uri: String? = nil, version: String? = nil) {
        self.name = name
        self.uri = uri
        self.version = version
    }
}

/// What the publisher says about how often to poll (RSS `ttl`, `sy:updatePeriod`/`sy:updateFrequency`).
public struct UpdateHint: Sendable, Hashable, Codable {
    /// The suggested minimum interval between polls, in seconds.
    public var interval: TimeInterval

    public init(interval: TimeInterval) {
        self.interval = interval
    }
}
