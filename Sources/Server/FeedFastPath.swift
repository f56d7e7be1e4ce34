import FeedwrightCore
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `GET` and `HEAD` of a published feed on the event loop, as the request arrives;
/// everything else goes on to Hummingbird's router.
///
/// A feed request is a lookup and a write of bytes held in memory, yet through the router it
/// cost two thread hops (event loop to task and back), a task, a request context with its
/// logger and a route match: at a few microseconds of work, that machinery was most of the
/// time, and `serve` reached 0.4× nginx's requests/s on the same file. Installed in the
/// channel pipeline after HTTP decoding (Hummingbird's `additionalChannelHandlers`), this
/// handler answers from ``PublishedFeeds`` directly. Pipelined requests stay in order: while
/// a request passed on to the router has not been answered, feed requests are passed on too
/// (the router answers them the same way, in turn).
final class FeedFastPath: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let feeds: PublishedFeeds
    /// The request being answered here, from its head until its end arrives.
    private var answering: (request: HTTPRequest, document: PublishedDocument)?
    /// Requests passed on to the router whose responses have not ended yet.
    private var unanswered = 0
    /// The `Date` header value and the second it was made for (one string per second).
    private var date: (second: Int, text: String) = (-1, "")

    init(feeds: PublishedFeeds) {
        self.feeds = feeds
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case let .head(request):
            if unanswered == 0, let name = FeedFastPath.feedName(request), let document = feeds.document(named: name) {
                answering = (request, document)
                return
            }
            unanswered += 1
        case .body:
            if answering != nil { return }
        case .end:
            if let (request, document) = answering {
                answering = nil
                respond(to: request, document: document, context: context)
                return
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { unanswered = max(0, unanswered - 1) }
        context.write(data, promise: promise)
    }

    /// The published name a `GET`/`HEAD` of `/feeds/<name>` asks for (query ignored).
    static func feedName(_ request: HTTPRequest) -> String? {
        guard request.method == .get || request.method == .head, let path = request.path, path.hasPrefix("/feeds/") else { return nil }
        let name = path.dropFirst("/feeds/".count).prefix { $0 != "?" && $0 != "#" }
        return PublishedFeeds.kind(of: String(name)) == nil ? nil : String(name)
    }

    private func respond(to request: HTTPRequest, document: PublishedDocument, context: ChannelHandlerContext) {
        let reply = PublishedFeeds.reply(
            document,
            conditions: ConditionalRequest(ifNoneMatch: request.headerFields[.ifNoneMatch], ifModifiedSince: request.headerFields[.ifModifiedSince]),
            acceptEncoding: request.headerFields[.acceptEncoding], head: request.method == .head)
        var headers = reply.headers
        headers[.date] = currentDate()
        let closing = request.headerFields[.connection].map { $0.lowercased().contains("close") } ?? false
        if closing { headers[.connection] = "close" }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: reply.status, headerFields: headers))), promise: nil)
        if reply.body.readableBytes > 0 { context.write(wrapOutboundOut(.body(reply.body)), promise: nil) }
        let ended = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: ended)
        if closing {
            ended.futureResult.whenComplete { _ in context.close(promise: nil) }
        }
    }

    private func currentDate() -> String {
        let now = Date()
        let second = Int(now.timeIntervalSince1970)
        if second != date.second { date = (second, HTTPDate.string(from: now)) }
        return date.text
    }
}
