import CompressNIO
import FeedwrightCore
import Foundation
import HTTPTypes
import NIOCore

/// One published file as the server holds it: the bytes, a gzip copy, and the validators,
/// computed once when the file is (re)published, so that answering a request costs a lookup.
public struct PublishedDocument: Sendable {
    /// The file's name in the public directory (`<slug>.atom`, `<slug>.json`).
    public var name: String
    /// The media type, with charset.
    public var contentType: String
    /// The document as published.
    public var body: ByteBuffer
    /// The same, gzip-compressed; nil when compression would not pay (tiny files).
    public var gzipped: ByteBuffer?
    /// A strong validator of `body` (64-bit FNV-1a of the bytes, quoted).
    public var etag: String
    /// The validator of the gzip copy: a different representation needs a different strong
    /// ETag (RFC 9110, 8.8.3), so it carries a `-gz` suffix inside the quotes.
    public var gzippedETag: String
    /// When the file was written, and the same as an IMF-fixdate for `Last-Modified`.
    public var modified: Date
    public var lastModified: String
    /// The response headers, made once: for the document as is and gzipped, with a body
    /// (200, HEAD) and without (304, which repeats the validators and `Vary`).
    let plainHeaders: HTTPFields
    let gzippedHeaders: HTTPFields
    let plainNotModified: HTTPFields
    let gzippedNotModified: HTTPFields

    /// Below this size the gzip framing costs more than it saves.
    static let smallestCompressed = 256

    /// A document of `bytes` named `name`, written at `modified`.
    public init(name: String, contentType: String, bytes: [UInt8], modified: Date) {
        self.name = name
        self.contentType = contentType
        body = ByteBuffer(bytes: bytes)
        let digest = EntityTag.digest(of: bytes)
        etag = "\"\(digest)\""
        gzippedETag = "\"\(digest)-gz\""
        self.modified = modified
        lastModified = HTTPDate.string(from: modified)
        var compressed: ByteBuffer?
        if bytes.count >= Self.smallestCompressed {
            var source = body
            compressed = try? source.compress(with: .gzip())
        }
        gzipped = compressed
        let date = lastModified
        func validators(_ etag: String) -> HTTPFields {
            [.eTag: etag, .lastModified: date, .cacheControl: "public, max-age=300", .vary: "Accept-Encoding"]
        }
        plainNotModified = validators(etag)
        gzippedNotModified = validators(gzippedETag)
        var plain = plainNotModified
        plain[.contentType] = contentType
        plain[.contentLength] = String(bytes.count)
        plainHeaders = plain
        var zipped = gzippedNotModified
        zipped[.contentType] = contentType
        zipped[.contentEncoding] = "gzip"
        zipped[.contentLength] = String(compressed?.readableBytes ?? 0)
        gzippedHeaders = zipped
    }
}
