import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A scripted HTTP/1.1 server on a loopback address for end-to-end tests: each request is
/// answered by the handler, and every request is recorded so tests can check the headers that
/// were sent.
public final class LoopbackServer: Sendable {
    /// A request as the server received it.
    public struct Request: Sendable {
        public var path: String
        public var headers: [(String, String)]
        /// `GET`, `POST`, …
        public var method: String = "GET"
        /// The request body (a hub's form, a ping).
        public var body: [UInt8] = []

        /// The first value of the header `name` (any case).
        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    /// What the handler answers.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        /// Seconds to wait before answering (to exercise timeouts).
        public var delay: Double

        public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [], delay: Double = 0) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
        }
    }

    /// Answers one request.
    public typealias Handler = @Sendable (Request) -> Response

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let channel: Channel
    private let log = NIOLockedValueBox<[Request]>([])
    /// Counts every request, so that a test can wait for the n-th.
    public let received = Countdown()

    /// Address the server is bound to.
    public let host: String

    /// A server on `host` (any 127.x.y.z address is loopback on Linux) and `port` (0 picks a
    /// free one).
    public init(host: String = "127.0.0.1", port: Int = 0, handler: @escaping Handler) throws {
        self.host = host
        let log = self.log
        let received = self.received
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                // The initializer runs on the channel's event loop, so the handler is added
                // synchronously there and never crosses threads (no Sendable needed).
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(handler: handler, log: log, received: received))
                }
            }
            .bind(host: host, port: port).wait()
    }

    /// The port the server listens on.
    public var port: Int { channel.localAddress?.port ?? 0 }
    /// `http://HOST:PORT`.
    public var base: String { "http://\(host):\(port)" }
    /// Every request received so far.
    public var requests: [Request] { log.withLockedValue { $0 } }

    /// Stops the server.
    public func shutdown() throws {
        try channel.close().wait()
        try group.syncShutdownGracefully()
    }
}

private final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let handler: LoopbackServer.Handler
    let log: NIOLockedValueBox<[LoopbackServer.Request]>
    let received: Countdown
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(handler: @escaping LoopbackServer.Handler, log: NIOLockedValueBox<[LoopbackServer.Request]>, received: Countdown) {
        self.handler = handler
        self.log = log
        self.received = received
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(let buffer):
            body += buffer.readableBytesView
        case .end:
            guard let head else { return }
            let request = LoopbackServer.Request(path: head.uri, headers: head.headers.map { ($0.name, $0.value) }, method: head.method.rawValue, body: body)
            log.withLockedValue { $0.append(request) }
            received.increment()
            let response = handler(request)
            let respond = {
                var headers = HTTPHeaders(response.headers)
                headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
                context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers))), promise: nil)
                var buffer = context.channel.allocator.buffer(capacity: response.body.count)
                buffer.writeBytes(response.body)
                context.write(self.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
                context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
            }
            if response.delay > 0 {
                context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(response.delay * 1000))) { respond() }
            } else {
                respond()
            }
        }
    }
}
