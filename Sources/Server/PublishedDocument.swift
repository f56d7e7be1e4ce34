import CompressNIO
import FeedwrightCore
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1

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
    /// The response headers, made once in both of the forms the server writes: HTTPTypes'
    /// for the router, NIO's HTTP/1 for the fast path (``FeedFastPath``), which answers before
    /// any conversion between the two. Indexed by ``Prepared``.
    let fields: [HTTPFields]
    let http1Headers: [HTTPHeaders]

    /// The four replies a document can give: as is or gzipped, with a body (200, HEAD) or
    /// without (304, which repeats the validators and `Vary`).
    enum Prepared: Int {
        case plain, gzipped, plainNotModified, gzippedNotModified
    }

    /// What to answer a `GET` or `HEAD` of this document.
    struct Answer {
        var prepared: Prepared
        var body: ByteBuffer
        var notModified: Bool { prepared == .plainNotModified || prepared == .gzippedNotModified }
        /// The status, as HTTPTypes names it (the router's replies)…
        var status: HTTPResponse.Status { notModified ? .notModified : .ok }
        /// …and as NIO's HTTP/1 codec does (the fast path's).
        var http1Status: HTTPResponseStatus { notModified ? .notModified : .ok }
    }

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
        var plain = validators(etag)
        plain[.contentType] = contentType
        plain[.contentLength] = String(bytes.count)
        var zipped = validators(gzippedETag)
        zipped[.contentType] = contentType
        zipped[.contentEncoding] = "gzip"
        zipped[.contentLength] = String(compressed?.readableBytes ?? 0)
        fields = [plain, zipped, validators(etag), validators(gzippedETag)]
        http1Headers = fields.map { HTTPHeaders($0.map { ($0.name.canonicalName, $0.value) }) }
    }

    /// The answer to a request with `conditions` from a reader that accepts gzip or not: 304
    /// when the reader's copy is current, else the document, gzipped when allowed; HEAD tells
    /// the length GET would send (RFC 9110, 9.3.2) with the same headers and no body.
    func answer(conditions: ConditionalRequest, acceptsGzip: Bool, head: Bool) -> Answer {
        let gzip = gzipped != nil && acceptsGzip
        if conditions.isCurrent(etag: etag, or: gzippedETag, modified: modified) {
            return Answer(prepared: gzip ? .gzippedNotModified : .plainNotModified, body: ByteBuffer())
        }
        let chosen = gzip ? gzipped ?? body : body
        return Answer(prepared: gzip ? .gzipped : .plain, body: head ? ByteBuffer() : chosen)
    }
}
