import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Fetches over HTTP(S) with async-http-client: conditional GET, compressed transfer, manual
/// redirects (so permanent moves are reported and every hop's address is checked), a streamed
/// body cap, connect and whole-request timeouts, and `Retry-After` on 429/503.
public struct HTTPFetcher: DocumentFetcher {
    public struct Options: Sendable {
        public var userAgent = "Feedwright/0.1 (+https://github.com/feedwright/feedwright)"
        public var maximumBytes = 16 << 20
        public var maximumRedirects = 5
        public var connectTimeout: TimeAmount = .seconds(10)
        public var requestTimeout: TimeAmount = .seconds(30)
        public var addresses = AddressPolicy()
        /// Keeps the connection open for the next request to the host. Article pages are
        /// fetched once each, usually from a site the loop will not ask again this cycle, and
        /// a kept connection holds its (page-sized) read buffer until it idles out, so the
        /// article fetcher closes them.
        public var keepAlive = true

        public init() {}
    }

    public var options: Options
    private let client: HTTPClient

    /// Uses `client` (shut down by its owner); `HTTPFetcher.makeClient` builds a suitable one.
    public init(client: HTTPClient, options: Options = Options()) {
        self.client = client
        self.options = options
    }

    /// A client that decompresses gzip/deflate (bounded) and never follows redirects itself.
    public static func makeClient(options: Options = Options()) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: options.connectTimeout, read: options.requestTimeout),
            decompression: .enabled(limit: .ratio(100))
        )
        configuration.httpVersion = .automatic
        // A poller talks to thousands of hosts once per cycle: a connection is worth keeping
        // for the article requests that follow a feed, not until the next cycle. Short idle
        // times keep thousands of idle sockets (and their buffers) from piling up.
        configuration.connectionPool = .init(idleTimeout: .seconds(5), concurrentHTTP1ConnectionsPerHostSoftLimit: 2)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func fetch(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> FetchedDocument {
        var current = url
        var permanent: String?
        var onlyPermanent = true
        for _ in 0...options.maximumRedirects {
            guard let parsed = URL(string: current), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = parsed.host else {
                throw .unsupportedURL(current)
            }
            if let address = options.addresses.forbiddenAddress(host: host) {
                throw .forbiddenAddress(url: current, address: address)
            }
            var request = HTTPClientRequest(url: current)
            request.headers.add(name: "User-Agent", value: options.userAgent)
            request.headers.add(name: "Accept", value: "application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
            request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
            if !options.keepAlive { request.headers.add(name: "Connection", value: "close") }
            if current == url {
                if let etag { request.headers.add(name: "If-None-Match", value: etag) }
                if let lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
            }
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, timeout: options.requestTimeout)
            } catch {
                if "\(error)".lowercased().contains("timeout") || "\(error)".lowercased().contains("deadline") { throw .timedOut(url: current) }
                throw .unreadable(url: current, reason: "\(error)")
            }
            let status = Int(response.status.code)
            switch status {
            case 301, 302, 303, 307, 308:
                guard let location = response.headers.first(name: "Location"),
                      let next = URL(string: location, relativeTo: URL(string: current))?.absoluteString else {
                    throw .httpStatus(url: current, status: status)
                }
                onlyPermanent = onlyPermanent && (status == 301 || status == 308)
                if onlyPermanent { permanent = next }
                current = next
                continue
            case 304:
                return FetchedDocument(bytes: [], url: current, etag: etag, lastModified: lastModified, notModified: true, permanentURL: permanent)
            case 410:
                throw .gone(url: current)
            case 429, 503:
                let wait = HTTPFetcher.retryAfter(response.headers.first(name: "Retry-After")) ?? 3600
                throw .retryAfter(url: current, seconds: wait)
            case 200...299:
                let body: ByteBuffer
                do {
                    body = try await response.body.collect(upTo: options.maximumBytes)
                } catch {
                    if error is NIOTooManyBytesError { throw .tooLarge(url: current, limit: options.maximumBytes) }
                    if "\(error)".lowercased().contains("timeout") { throw .timedOut(url: current) }
                    throw .unreadable(url: current, reason: "\(error)")
                }
                return FetchedDocument(
                    bytes: Array(body.readableBytesView),
                    charset: HTTPFetcher.charset(response.headers.first(name: "Content-Type")),
                    url: current,
                    etag: response.headers.first(name: "ETag"),
                    lastModified: response.headers.first(name: "Last-Modified"),
                    permanentURL: permanent,
                    retryAfter: HTTPFetcher.maxAge(response.headers.first(name: "Cache-Control"))
                )
            default:
                throw .httpStatus(url: current, status: status)
            }
        }
        throw .tooManyRedirects(url: url)
    }

    /// `Retry-After` as seconds: a number, or an HTTP date.
    static func retryAfter(_ value: String?) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    static func maxAge(_ value: String?) -> Double? {
        guard let value else { return nil }
        for directive in value.split(separator: ",") {
            let parts = directive.trimmingCharacters(in: .whitespaces).split(separator: "=")
            if parts.count == 2, parts[0].lowercased() == "max-age", let seconds = Double(parts[1]) { return seconds }
        }
        return nil
    }

    static func charset(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
                return parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            }
        }
        return nil
    }
}
