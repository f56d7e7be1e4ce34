import AsyncHTTPClient
import FeedwrightCore
import Foundation
import NIOCore
import NIOHTTP1

/// Fetches over HTTP(S) with async-http-client: conditional GET, compressed transfer, manual
/// redirects (so permanent moves are reported and every hop's address is checked), a streamed
/// body cap, connect and whole-request timeouts, and `Retry-After` on 429/503.
///
/// Where the ``AddressPolicy`` checks addresses, each hop's host is resolved once and the
/// connection made to the address that was checked: plain HTTP by address with the name in
/// `Host`, HTTPS through a client told to connect there (async-http-client's DNS override, so
/// that SNI and the certificate check still use the name).
public struct HTTPFetcher: DocumentFetcher {
    /// How the fetcher talks to servers.
    public struct Options: Sendable {
        public var userAgent = Product.userAgent
        public var maximumBytes = 16 << 20
        public var maximumRedirects = 5
        /// How long a connection may take to open. A refused connection fails at once (the
        /// client does not retry until this deadline); this bounds a host that never answers.
        public var connectTimeout: Duration = .seconds(5)
        public var requestTimeout: Duration = .seconds(30)
        public var addresses = AddressPolicy()
        /// Resolves the hosts whose addresses ``addresses`` checks.
        public var resolver: any HostResolver = SystemResolver()
        /// Keeps the connection open for the next request to the host. Article pages are
        /// fetched once each, usually from a site the loop will not ask again this cycle, and
        /// a kept connection holds its (page-sized) read buffer until it idles out, so the
        /// article fetcher closes them.
        public var keepAlive = true

        /// The defaults: 16 MB bodies, 5 redirects, 5 s to connect, 30 s per request, public
        /// addresses only.
        public init() {}
    }

    public var options: Options
    private let client: HTTPClient

    /// Uses `client` (shut down by its owner); `HTTPFetcher.makeClient` builds a suitable one.
    public init(client: HTTPClient, options: Options = Options()) {
        self.client = client
        self.options = options
    }

    /// Runs `body` with a client from ``makeClient(options:dnsOverride:)`` and shuts the client
    /// down afterwards, whether `body` returns or throws: the one place a command's client lives
    /// and ends.
    public static func withClient<T>(options: Options = Options(), _ body: (HTTPClient) async throws -> T) async throws -> T {
        let client = makeClient(options: options)
        let result: T
        do {
            result = try await body(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }

    /// A client that decompresses gzip/deflate (bounded), never follows redirects itself, and
    /// gives up on a refused connection at once; `dnsOverride` pins host names to addresses.
    public static func makeClient(options: Options = Options(), dnsOverride: [String: String] = [:]) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(options.connectTimeout), read: TimeAmount(options.requestTimeout)),
            decompression: .enabled(limit: .ratio(100))
        )
        configuration.httpVersion = .automatic
        configuration.dnsOverride = dnsOverride
        // A poller talks to thousands of hosts once per cycle: a connection is worth keeping
        // for the article requests that follow a feed, not until the next cycle. Short idle
        // times keep thousands of idle sockets (and their buffers) from piling up.
        configuration.connectionPool = .init(idleTimeout: .seconds(5), concurrentHTTP1ConnectionsPerHostSoftLimit: 2)
        // Retrying a refused connection until the connect deadline made every request to a
        // dead host cost the whole timeout; link rot is common, so fail and move on.
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func fetch(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> FetchedDocument {
        var current = url
        var permanent: String?
        var onlyPermanent = true
        for _ in 0...options.maximumRedirects {
            let reply = try await exchange(current, etag: current == url ? etag : nil, lastModified: current == url ? lastModified : nil)
            let status = Int(reply.head.status.code)
            let headers = reply.head.headers
            switch status {
            case 301, 302, 303, 307, 308:
                guard let location = headers.first(name: "Location"),
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
                let wait = HTTPFetcher.retryAfter(headers.first(name: "Retry-After")) ?? 3600
                throw .retryAfter(url: current, seconds: wait)
            case 200...299:
                return FetchedDocument(
                    bytes: reply.body,
                    charset: HTTPFetcher.charset(headers.first(name: "Content-Type")),
                    url: current,
                    etag: headers.first(name: "ETag"),
                    lastModified: headers.first(name: "Last-Modified"),
                    permanentURL: permanent,
                    retryAfter: HTTPFetcher.maxAge(headers.first(name: "Cache-Control")),
                    links: headers["Link"]
                )
            default:
                throw .httpStatus(url: current, status: status)
            }
        }
        throw .tooManyRedirects(url: url)
    }

    /// A response's status and headers, and its body when the status is a success.
    private struct Reply {
        var head: HTTPClientResponse
        var body: [UInt8]
    }

    /// One request and its response, to the address the policy checked.
    private func exchange(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> Reply {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              WebURL.isHTTPScheme(scheme), let host = components.host, !host.isEmpty else {
            throw .unsupportedURL(url)
        }
        let pinned = try await options.addresses.checkedAddress(host: host, url: url, resolver: options.resolver)
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: options.userAgent)
        request.headers.add(name: "Accept", value: "application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        if !options.keepAlive { request.headers.add(name: "Connection", value: "close") }
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
        for (name, value) in SiteRequestHeaders.current?.headers(forHost: host) ?? [:] {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        let options = options
        return try await PinnedConnection.exchange(request, pinnedTo: pinned, client: client, makeClient: { HTTPFetcher.makeClient(options: options, dnsOverride: $0) }) {
            (request, client) async throws(FetchError) in try await exchange(request, url: url, client: client)
        }
    }

    private func exchange(_ request: HTTPClientRequest, url: String, client: HTTPClient) async throws(FetchError) -> Reply {
        do {
            let response = try await client.execute(request, timeout: TimeAmount(options.requestTimeout))
            guard (200...299).contains(Int(response.status.code)) else { return Reply(head: response, body: []) }
            let body = try await response.body.collect(upTo: options.maximumBytes)
            return Reply(head: response, body: Array(body.readableBytesView))
        } catch {
            throw FetchError(transport: error, url: url, limit: options.maximumBytes)
        }
    }

    /// `Retry-After` as seconds: a number, or an HTTP date.
    static func retryAfter(_ value: String?) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        return HTTPDate.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    static func maxAge(_ value: String?) -> Double? {
        guard let value else { return nil }
        for directive in value.split(separator: ",") {
            let parts = directive.trimmingCharacters(in: .whitespaces).split(separator: "=")
            if parts.count == 2, parts[0].lowercased() == "max-age", let seconds = Double(parts[1]) { return seconds }
        }
        return nil
    }

    /// The `charset` parameter of a `Content-Type` value (fetched bodies, pushed ones).
    public static func charset(_ contentType: String?) -> String? {
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
