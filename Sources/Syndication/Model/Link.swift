/// A typed link (RFC 4287 §4.2.7), also used for RSS `link` and `atom:link` inside RSS.
public struct Link: Sendable, Hashable, Codable {
    public var href: String
    /// The link relation; `alternate` when the source gave none.
    public var relation: String
    public var mediaType: String?
    public var hreflang: String?
    public var title: String?
    public var length: Int?

    public init(href: String, relation: String = "alternate", mediaType: String? = nil, hreflang: String? = nil, title: String? = nil, length: Int? = nil) {
        self.href = href
        self.relation = relation
        self.mediaType = mediaType
        self.hreflang = hreflang
        self.title = title
        self.length = length
    }
}
