import ArgumentParser
import Foundation
import Markup
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// `feedwright-bench fixture-server`: serves a ``FixtureWeb`` on many loopback addresses.
/// Run by the loop benchmark as a child process, so that the benchmark's memory figure is the
/// loop's own. Prints `ready <port>` once listening; exits when its standard input closes.
struct FixtureServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fixture-server", abstract: "Serve the loop benchmark's feeds (used by `loop`).", shouldDisplay: false)

    @Option var feeds: Int
    @Option var hosts: Int
    @Option var changing: Int
    @Option(help: "Directory of article pages (.html or .html.gz).") var pages: String

    func run() throws {
        let web = FixtureWeb(feeds: feeds, hosts: hosts, changing: changing)
        let names = try FileManager.default.contentsOfDirectory(atPath: pages).filter { $0.hasSuffix(".html") || $0.hasSuffix(".html.gz") }.sorted()
        let articles = names.compactMap { CompressedFile.read(path: (pages as NSString).appendingPathComponent($0)) }
        guard !articles.isEmpty else { throw ValidationError("no pages in \(pages)") }
        let state = FixtureState(web: web, articles: articles)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        func bootstrap() -> ServerBootstrap {
            ServerBootstrap(group: group)
                .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(ChannelOptions.backlog, value: 1024)
                .childChannelInitializer { channel in
                    // The initializer runs on the channel's event loop, so the handler is added
                    // synchronously there and never crosses threads (no Sendable needed).
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(FixtureHandler(state: state))
                    }
                }
        }
        let first = try bootstrap().bind(host: FixtureWeb.address(host: 0), port: 0).wait()
        let port = first.localAddress?.port ?? 0
        var channels = [first]
        for host in 1..<max(hosts, 1) {
            channels.append(try bootstrap().bind(host: FixtureWeb.address(host: host), port: port).wait())
        }
        FileHandle.standardOutput.write(Data("ready \(port)\n".utf8))
        while let line = readLine() {
            if line == "advance" { state.advance() }
        }
        for channel in channels { try? channel.close().wait() }
        try? group.syncShutdownGracefully()
    }
}

/// What every connection shares: the generation and the article pages.
final class FixtureState: Sendable {
    let web: FixtureWeb
    let articles: [[UInt8]]
    private let generation = NIOLockedValueBox(0)

    init(web: FixtureWeb, articles: [[UInt8]]) {
        self.web = web
        self.articles = articles
    }

    func advance() { generation.withLockedValue { $0 += 1 } }

    func respond(path: String, host: String, ifNoneMatch: String?) -> (HTTPResponseStatus, [(String, String)], [UInt8]) {
        let parts = path.split(separator: "/")
        if parts.count == 2, parts[0] == "feed", let feed = Int(parts[1].dropLast(4)) {
            let version = web.version(feed: feed, generation: generation.withLockedValue { $0 })
            let etag = "\"\(feed)-\(version)\""
            if ifNoneMatch == etag { return (.notModified, [("ETag", etag)], []) }
            return (.ok, [("ETag", etag), ("Content-Type", "application/rss+xml; charset=utf-8")], web.feed(feed, version: version, origin: "http://\(host)"))
        }
        if parts.count == 3, parts[0] == "article", let feed = Int(parts[1]), let item = Int(parts[2].dropLast(5)) {
            return (.ok, [("Content-Type", "text/html")], articles[(feed &* 7 &+ item) % articles.count])
        }
        if path == "/robots.txt" {
            return (.ok, [("Content-Type", "text/plain")], Array("User-agent: *\nDisallow: /private/\n".utf8))
        }
        return (.notFound, [], [])
    }
}

/// One per connection, living on that connection's event loop.
private final class FixtureHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: FixtureState
    private var head: HTTPRequestHead?

    init(state: FixtureState) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(request):
            head = request
        case .body:
            break
        case .end:
            guard let request = head else { return }
            let (status, fields, body) = state.respond(path: request.uri, host: request.headers.first(name: "Host") ?? "", ifNoneMatch: request.headers.first(name: "If-None-Match"))
            var headers = HTTPHeaders(fields)
            headers.add(name: "Content-Length", value: "\(body.count)")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
            if !body.isEmpty { context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil) }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            head = nil
        }
    }
}
