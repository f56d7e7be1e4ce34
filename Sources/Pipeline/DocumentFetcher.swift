import Foundation
import Markup

/// The bytes of a feed or page and what the transport said about them.
public struct FetchedDocument: Sendable {
    public var bytes: [UInt8]
    /// The charset from `Content-Type`, if the transport had one.
    public var charset: String?
    /// The URL the bytes came from (after redirects), for resolving relative links.
    public var url: String
    public var etag: String?
    public var lastModified: String?
    /// True for a 304: the source has not changed since the validators were issued.
    public var notModified: Bool

    public init(bytes: [UInt8], charset: String? = nil, url: String, etag: String? = nil, lastModified: String? = nil, notModified: Bool = false) {
        self.bytes = bytes
        self.charset = charset
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.notModified = notModified
    }
}

/// Where documents come from. The loop depends on this protocol only, so tests substitute
/// their own and the HTTP fetcher (conditional GET, politeness, limits) slots in beside the
/// local one.
public protocol DocumentFetcher: Sendable {
    /// Fetches `url`; `etag`/`lastModified` are the validators of the previous fetch.
    func fetch(_ url: String, etag: String?, lastModified: String?) async throws(PipelineError) -> FetchedDocument
}

/// Reads local sources: plain paths (relative to the workspace) and `file:` URLs.
public struct LocalFileFetcher: DocumentFetcher {
    /// The directory relative paths are resolved against (the `Feeds/` workspace).
    public var root: String

    public init(root: String) {
        self.root = root
    }

    public func fetch(_ url: String, etag: String?, lastModified: String?) async throws(PipelineError) -> FetchedDocument {
        guard let path = localPath(url) else { throw .unsupportedURL(url) }
        guard let bytes = CompressedFile.read(path: path) else { throw .fetchFailed(url: url, reason: "cannot read \(path)") }
        return FetchedDocument(bytes: bytes, url: URL(fileURLWithPath: path).absoluteString)
    }

    /// The file path for a local reference, or nil for network URLs.
    public func localPath(_ reference: String) -> String? {
        if reference.hasPrefix("file:") { return URL(string: reference)?.path }
        if reference.contains("://") { return nil }
        return reference.hasPrefix("/") ? reference : (root as NSString).appendingPathComponent(reference)
    }
}
