import FeedwrightCore
import Foundation
import NIOCore
import NIOHTTP1

/// Answers `GET` and `HEAD` of a published feed on the event loop, as the request arrives;
/// everything else goes on to Hummingbird's router.
///
/// A feed request is a lookup and a write of bytes held in memory, so the machinery around it
/// is what costs. Through the router it took two thread hops (event loop to task and back), a
/// task, a request context and a route match, and `serve` reached 0.13× nginx's requests/s;
/// as a handler after Hummingbird's conversion to HTTPTypes, 0.37×, the conversion of every
/// request and response between NIO's HTTP/1 types and HTTPTypes being most of what was left.
/// ``FeedHTTP1Channel`` therefore installs this handler right after NIO's HTTP/1 decoder,
/// before that conversion, and it writes headers the document prepared in NIO's form.
///
/// Pipelined requests stay in order: while a request passed on to the router has not been
/// answered, feed requests are passed on too (the router answers them the same way, in turn).
final class FeedFastPath: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let feeds: PublishedFeeds
    /// The request being answered here, from its head until its end arrives.
    private var answering: (request: HTTPRequestHead, document: PublishedDocument)?
    /// Requests passed on to the router whose responses have not ended yet.
    private var unanswered = 0
    /// The `Date` header value and the second it was made for (one string per second).
    private var date: (second: Int, text: String) = (-1, "")
    /// The last `Accept-Encoding` judged and whether it allows gzip: a connection's client
    /// sends the same one every time, and judging it is most of a request's own work.
    private var acceptEncoding: (header: String?, gzip: Bool) = (nil, false)

    init(feeds: PublishedFeeds) {
        self.feeds = feeds
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
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

    /// The published name a `GET`/`HEAD` of `/feeds/<name>` asks for (query ignored). Only
    /// published names are ever held, so any other string simply finds nothing.
    static func feedName(_ request: HTTPRequestHead) -> String? {
        guard request.method == .GET || request.method == .HEAD, request.uri.hasPrefix("/feeds/") else { return nil }
        let name = request.uri.utf8.dropFirst("/feeds/".utf8.count).prefix { $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        return name.isEmpty ? nil : String(Substring(name))
    }

    private func respond(to request: HTTPRequestHead, document: PublishedDocument, context: ChannelHandlerContext) {
        let asked = AskedHeaders(request.headers)
        let conditions = ConditionalRequest(ifNoneMatch: asked.ifNoneMatch, ifModifiedSince: asked.ifModifiedSince)
        let answer = document.answer(conditions: conditions, acceptsGzip: acceptsGzip(asked.acceptEncoding), head: request.method == .HEAD)
        var headers = document.http1Headers[answer.prepared.rawValue]
        headers.add(name: "date", value: currentDate())
        // HTTP/1.0 without keep-alive, or `Connection: close`: answer, then close. An HTTP/1.0
        // client that asked to keep the connection is told it is kept, or it would close it.
        let keepAlive = request.isKeepAlive
        let http10 = request.version == .http1_0
        if !keepAlive { headers.add(name: "connection", value: "close") } else if http10 { headers.add(name: "connection", value: "keep-alive") }
        let version = http10 ? HTTPVersion.http1_0 : HTTPVersion.http1_1
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: answer.http1Status, headers: headers))), promise: nil)
        if answer.body.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(answer.body))), promise: nil) }
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
        }
    }

    private func acceptsGzip(_ header: String?) -> Bool {
        if header != acceptEncoding.header { acceptEncoding = (header, AcceptEncoding.allowsGzip(header)) }
        return acceptEncoding.gzip
    }

    private func currentDate() -> String {
        let now = Date()
        let second = Int(now.timeIntervalSince1970)
        if second != date.second { date = (second, HTTPDate.string(from: now)) }
        return date.text
    }
}

/// The request headers a feed's answer depends on, read in one pass, each one's repeated
/// lines joined as one list (RFC 9110, 5.3).
private struct AskedHeaders {
    var ifNoneMatch: String?
    var ifModifiedSince: String?
    var acceptEncoding: String?

    init(_ headers: HTTPHeaders) {
        for (name, value) in headers {
            if Self.named(name, "if-none-match") { Self.join(&ifNoneMatch, value) }
            else if Self.named(name, "if-modified-since") { Self.join(&ifModifiedSince, value) }
            else if Self.named(name, "accept-encoding") { Self.join(&acceptEncoding, value) }
        }
    }

    /// Whether `name` is `lowercased` in any case (header names are ASCII tokens).
    private static func named(_ name: String, _ lowercased: StaticString) -> Bool {
        name.utf8.count == lowercased.utf8CodeUnitCount
            && lowercased.withUTF8Buffer { name.utf8.elementsEqual($0) { $0 | 0x20 == $1 } }
    }

    private static func join(_ held: inout String?, _ value: String) {
        held = held.map { "\($0), \(value)" } ?? value
    }
}
