import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A scripted HTTP/1.1 server on 127.0.0.1 for end-to-end tests: each request is answered by
/// the handler, and every request is recorded so tests can check the headers that were sent.
final class LoopbackServer: Sendable {
    struct Request: Sendable {
        var path: String
        var headers: [(String, String)]

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    struct Response: Sendable {
        var status: Int = 200
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        /// Seconds to wait before answering (to exercise timeouts).
        var delay: Double = 0
    }

    typealias Handler = @Sendable (Request) -> Response

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let channel: Channel
    private let log = NIOLockedValueBox<[Request]>([])

    init(handler: @escaping Handler) throws {
        let log = self.log
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(ScriptedHandler(handler: handler, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
    }

    var port: Int { channel.localAddress?.port ?? 0 }
    var base: String { "http://127.0.0.1:\(port)" }
    var requests: [Request] { log.withLockedValue { $0 } }

    func shutdown() throws {
        try channel.close().wait()
        try group.syncShutdownGracefully()
    }
}

private final class ScriptedHandler: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked: the handler lives on one channel's event loop and keeps only the request
    // head between callbacks; the shared log is a locked box.
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let handler: LoopbackServer.Handler
    let log: NIOLockedValueBox<[LoopbackServer.Request]>
    private var head: HTTPRequestHead?

    init(handler: @escaping LoopbackServer.Handler, log: NIOLockedValueBox<[LoopbackServer.Request]>) {
        self.handler = handler
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head else { return }
            let request = LoopbackServer.Request(path: head.uri, headers: head.headers.map { ($0.name, $0.value) })
            log.withLockedValue { $0.append(request) }
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
