/// An image associated with a feed or entry.
public struct Image: Sendable, Hashable, Codable {
    public var url: String
    public var title: String?
    /// The page the image links to (RSS `image/link`).
    public var link: String?
    public var width: Int?
    public var height: Int?

    public init(url: String, title: String? = nil, link: String? = nil, width: Int? = nil, height: Int? = nil) {
        self.url = url
        self.title = title
        self.link = link
        self.width = width
        self.height = height
    }
}
