import FeedwrightCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging

/// The HTTP face of Feedwright (Hummingbird 2): published feeds from memory with validators,
/// gzip and 304s, an index page, `/health`, `/metrics`, the loop's API under a token, WebSub
/// callbacks, and full text on demand when it is turned on.
public enum FeedServer {
    /// What the server offers beyond the published feeds.
    public struct Options: Sendable {
        /// The loop's sources, for the index page and the API; nil for `serve` alone.
        public var sources: (any SourceControl)?
        /// The API's bearer token; no token, no API.
        public var apiToken: String?
        /// Where readers find the feeds (`…/feeds/`), for links; by default the request's own
        /// host.
        public var feedsURL: String?
        /// Full text on demand at `/fulltext` and `/extract`; nil: off.
        public var fullText: (any FullTextService)?
        /// Full-text requests a client may make per minute.
        public var fullTextPerMinute: Int
        /// WebSub callbacks at `/websub/<id>`; nil: no such routes.
        public var webSub: (any WebSubEndpoint)?

        /// Options; every part off unless given.
        public init(sources: (any SourceControl)? = nil, apiToken: String? = nil, feedsURL: String? = nil, fullText: (any FullTextService)? = nil, fullTextPerMinute: Int = 30, webSub: (any WebSubEndpoint)? = nil) {
            self.sources = sources
            self.apiToken = apiToken
            self.feedsURL = feedsURL
            self.fullText = fullText
            self.fullTextPerMinute = fullTextPerMinute
            self.webSub = webSub
        }
    }

    /// The application serving `feeds` on `host:port`; `onRunning` receives the bound port.
    public static func application(
        feeds: PublishedFeeds, status: any ServerStatus = IdleStatus(), options: Options = Options(), host: String = "127.0.0.1", port: Int = 8080,
        logger: Logger = Logger(label: "feedwright.server"),
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router(context: FeedRequestContext.self)
        let feedsURL: @Sendable (Request) -> String = { request in
            options.feedsURL ?? request.head.authority.map { "http://\($0)/feeds/" } ?? "/feeds/"
        }
        router.get("/") { request, _ in
            let sources = try await options.sources?.sources()
            let page = IndexPage.html(feeds: feeds.slugs(), feedsURL: feedsURL(request), sources: sources, now: Date())
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(string: page)))
        }
        router.get("/health") { _, _ in
            // Degraded is still serving: 200 keeps load balancers sending readers here, the
            // text says what to fix.
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: status.healthText)))
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(string: status.exposition())))
        }
        @Sendable func feed(_ request: Request, _ context: FeedRequestContext, head: Bool) -> Response {
            var name = context.parameters.get("feed") ?? ""
            if let page = context.parameters.get("page") { name = ArchiveName.folder(slug: name) + page }
            let reply = feeds.reply(
                name: name,
                conditions: ConditionalRequest(ifNoneMatch: request.headers[.ifNoneMatch], ifModifiedSince: request.headers[.ifModifiedSince]),
                acceptEncoding: request.headers[.acceptEncoding], head: head)
            return Response(status: reply.status, headers: reply.headers, body: .init(byteBuffer: reply.body))
        }
        // Published feeds are answered by `FeedFastPath` before the router; these routes see
        // what it passes on (names not published, or not of the allowed form).
        // One parameter name at one depth: Hummingbird's trie takes two names there for one
        // route overriding the other (and says so in a debug build).
        router.get("/feeds/:feed") { request, context in feed(request, context, head: false) }
        router.head("/feeds/:feed") { request, context in feed(request, context, head: true) }
        router.get("/feeds/:feed/archive/:page") { request, context in feed(request, context, head: false) }
        router.head("/feeds/:feed/archive/:page") { request, context in feed(request, context, head: true) }
        if let sources = options.sources, let token = options.apiToken, !token.isEmpty {
            APIRoutes.add(to: router, sources: sources, feeds: feeds, token: token, feedsURL: feedsURL)
        }
        if let endpoint = options.webSub { WebSubRoutes.add(to: router, endpoint: endpoint) }
        if let service = options.fullText {
            // The server's root, where `/fulltext` itself is: the feeds' URL without `feeds/`.
            let root: @Sendable (Request) -> String = { request in
                let feeds = feedsURL(request)
                return feeds.hasSuffix("feeds/") ? String(feeds.dropLast("feeds/".count)) : feeds
            }
            FullTextRoutes.add(to: router, service: service, limit: ClientRateLimit(perMinute: options.fullTextPerMinute), publicRoot: root)
        }
        return Application(
            router: router,
            server: HTTPServerBuilder { responder in FeedHTTP1Channel(responder: responder, feeds: feeds) },
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger.quietMetadata()
        )
    }
}
