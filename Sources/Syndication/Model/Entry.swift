import Foundation

/// One item of a feed (an RSS `item`, an Atom `entry`, a JSON Feed item).
public struct Entry: Sendable, Hashable, Codable {
    /// The publisher's identity for the entry (`guid`, `atom:id`, JSON Feed `id`).
    public var id: String?
    public var title: Text?
    public var links: [Link]
    public var published: Date?
    public var updated: Date?
    public var authors: [Person]
    public var contributors: [Person]
    /// A short description (RSS `description`, Atom `summary`).
    public var summary: Text?
    /// The full body (`content:encoded`, Atom `content`, JSON Feed `content_html`).
    public var content: Text?
    public var categories: [Category]
    public var enclosures: [Enclosure]
    /// Media RSS `media:content` items: renditions of the entry's media, kept apart from
    /// enclosures because publishers often list the same file in both.
    public var media: [Enclosure]
    /// Thumbnails and the lead image (`media:thumbnail`, JSON Feed `image`).
    public var images: [Image]
    public var rights: Text?
    /// The language of the entry (`xml:lang` in scope, `dc:language`).
    public var language: String?
    /// The page with the entry's comments (RSS `comments`).
    public var commentsLink: String?
    /// Playing time of the entry's media in seconds (`itunes:duration`).
    public var duration: TimeInterval?

    public init(
        id: String? = nil, title: Text? = nil, links: [Link] = [], published: Date? = nil, updated: Date? = nil,
        authors: [Person] = [], contributors: [Person] = [], summary: Text? = nil, content: Text? = nil,
        categories: [Category] = [], enclosures: [Enclosure] = [], media: [Enclosure] = [], images: [Image] = [], rights: Text? = nil,
        language: String? = nil, commentsLink: String? = nil, duration: TimeInterval? = nil
    ) {
        self.id = id
        self.title = title
        self.links = links
        self.published = published
        self.updated = updated
        self.authors = authors
        self.contributors = contributors
        self.summary = summary
        self.content = content
        self.categories = categories
        self.enclosures = enclosures
        self.media = media
        self.images = images
        self.rights = rights
        self.language = language
        self.commentsLink = commentsLink
        self.duration = duration
    }

    /// The article the entry points to: the first `alternate` link.
    public var alternateLink: String? {
        links.first(where: { $0.relation == "alternate" })?.href
    }
}
