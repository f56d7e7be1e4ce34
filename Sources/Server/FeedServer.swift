import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The HTTP face of Feedwright (Hummingbird 2): published feeds with validators and 304s, an
/// index page, `/health` and `/metrics`.
public enum FeedServer {
    /// The application serving `feeds` on `host:port`; `onRunning` receives the bound port.
    public static func application(
        feeds: PublishedFeeds, status: any ServerStatus = IdleStatus(), host: String = "127.0.0.1", port: Int = 8080,
        logger: Logger = Logger(label: "feedwright.server"),
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: feeds.index())))
        }
        router.get("/health") { _, _ in
            // Degraded is still serving: 200 keeps load balancers sending readers here, the
            // text says what to fix.
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: status.healthText)))
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(string: status.exposition())))
        }
        @Sendable func feed(_ request: Request, _ context: BasicRequestContext, includeBody: Bool) -> Response {
            let name = context.parameters.get("name") ?? ""
            let reply = feeds.reply(name: name, ifNoneMatch: request.headers[.ifNoneMatch], ifModifiedSince: request.headers[.ifModifiedSince])
            var headers = HTTPFields()
            for (field, value) in reply.headers {
                if let fieldName = HTTPField.Name(field) { headers[fieldName] = value }
            }
            let body = includeBody ? reply.body : []
            return Response(status: .init(code: reply.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("/feeds/:name") { request, context in feed(request, context, includeBody: true) }
        router.head("/feeds/:name") { request, context in feed(request, context, includeBody: false) }
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}
