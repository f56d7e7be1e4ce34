import Foundation

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
    /// Where the source now lives when the server answered 301 or 308 on the way.
    public var permanentURL: String?
    /// How long the server asked clients to wait before asking again (`Retry-After`, or the
    /// freshness lifetime of `Cache-Control: max-age`), in seconds.
    public var retryAfter: Double?
    /// The values of the response's `Link` headers (RFC 8288), one per link: where a page
    /// names its feeds or a feed its hub without saying so in the body.
    public var links: [String]

    public init(bytes: [UInt8], charset: String? = nil, url: String, etag: String? = nil, lastModified: String? = nil, notModified: Bool = false, permanentURL: String? = nil, retryAfter: Double? = nil, links: [String] = []) {
        self.bytes = bytes
        self.charset = charset
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.notModified = notModified
        self.permanentURL = permanentURL
        self.retryAfter = retryAfter
        self.links = links
    }
}

/// Where documents come from. The loop depends on this protocol only, so tests substitute
/// their own and the HTTP fetcher (conditional GET, politeness, limits) slots in beside the
/// local one.
public protocol DocumentFetcher: Sendable {
    /// Fetches `url`; `etag`/`lastModified` are the validators of the previous fetch.
    func fetch(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> FetchedDocument
}

/// Why a fetch failed, with what the scheduler needs to react.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 410: the source is gone for good and should be retired.
    case gone(url: String)
    /// 429 or 503 with `Retry-After`: come back after this many seconds.
    case retryAfter(url: String, seconds: Double)
    case httpStatus(url: String, status: Int)
    /// The body grew past the cap; the transfer was aborted.
    case tooLarge(url: String, limit: Int)
    case timedOut(url: String)
    /// No connection could be made: refused, unreachable, a connect timeout, a name that does
    /// not resolve. The host counts as down (see ``HostCircuit``).
    case connectionFailed(url: String, reason: String)
    /// Not tried: the host failed to connect several times in a row this cycle.
    case hostUnavailable(url: String, host: String)
    /// The address is loopback, private, link-local or a metadata service, and the source
    /// was not allowed to reach such addresses.
    case forbiddenAddress(url: String, address: String)
    case tooManyRedirects(url: String)
    case unsupportedURL(String)
    case unreadable(url: String, reason: String)
    /// The site's robots.txt does not allow Feedwright to fetch this page.
    case disallowedByRobots(url: String)
    /// The fetch was stopped because the loop is shutting down.
    case cancelled(url: String)

    public var description: String {
        switch self {
        case let .gone(url): return "\(url): 410 Gone"
        case let .retryAfter(url, seconds): return "\(url): asked to retry after \(Int(seconds)) s"
        case let .httpStatus(url, status): return "\(url): HTTP \(status)"
        case let .tooLarge(url, limit): return "\(url): body larger than \(limit) bytes"
        case let .timedOut(url): return "\(url): timed out"
        case let .connectionFailed(url, reason): return "\(url): \(reason)"
        case let .hostUnavailable(url, host): return "\(url): skipped, \(host) refused several connections in a row this cycle"
        case let .forbiddenAddress(url, address): return "\(url): refused to connect to non-public address \(address)"
        case let .tooManyRedirects(url): return "\(url): too many redirects"
        case let .unsupportedURL(url): return "\(url): unsupported URL"
        case let .unreadable(url, reason): return "\(url): \(reason)"
        case let .disallowedByRobots(url): return "\(url): disallowed by the site's robots.txt"
        case let .cancelled(url): return "\(url): cancelled"
        }
    }
}

/// Reads local sources: plain paths (relative to the workspace) and `file:` URLs.
public struct LocalFileFetcher: DocumentFetcher {
    /// The directory relative paths are resolved against (the `Feeds/` workspace).
    public var root: String

    public init(root: String) {
        self.root = root
    }

    public func fetch(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> FetchedDocument {
        guard let path = localPath(url) else { throw .unsupportedURL(url) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(url: url, reason: "cannot read \(path)") }
        return FetchedDocument(bytes: Array(data), url: URL(fileURLWithPath: path).absoluteString)
    }

    /// The file path for a local reference, or nil for network URLs.
    public func localPath(_ reference: String) -> String? {
        if reference.hasPrefix("file:") { return URL(string: reference)?.path }
        if reference.contains("://") { return nil }
        return reference.hasPrefix("/") ? reference : (root as NSString).appendingPathComponent(reference)
    }
}
