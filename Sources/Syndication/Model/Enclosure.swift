/// A media file attached to an entry (RSS `enclosure`, Atom `link rel="enclosure"`,
/// `media:content`, JSON Feed attachment).
public struct Enclosure: Sendable, Hashable, Codable {
    public var url: String
    public var mediaType: String?
    /// Size in bytes, when stated and a number.
    public var length: Int?

    public init(url: String, mediaType: String? = nil, length: Int? = nil) {
        self.url = url
        self.mediaType = mediaType
        self.length = length
    }
}
