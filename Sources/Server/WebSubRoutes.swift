import HTTPTypes
import Hummingbird
import NIOCore

/// The WebSub callback routes: `GET /websub/:id` verifies intent, `POST /websub/:id` takes a
/// content distribution and answers at once (the ingest runs after the answer).
enum WebSubRoutes {
    /// The largest distribution taken (a feed document).
    static let maximumBody = 16 << 20
    static let signature = HTTPField.Name("X-Hub-Signature")!
    /// How long a hub told "busy" is asked to wait, in seconds.
    static let retryAfter = "30"

    static func add(to router: Router<FeedRequestContext>, endpoint: any WebSubEndpoint) {
        router.get("/websub/:id") { request, context in
            let query = request.uri.queryParameters
            guard let id = context.parameters.get("id"), let mode = query.get("hub.mode"), let topic = query.get("hub.topic") else {
                return Response(status: .notFound)
            }
            let answer = await endpoint.verification(
                id: id, mode: mode, topic: topic, challenge: query.get("hub.challenge"),
                leaseSeconds: query.get("hub.lease_seconds").flatMap { Int($0) }, reason: query.get("hub.reason"))
            guard let answer else { return Response(status: .notFound) }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: answer)))
        }
        router.post("/websub/:id") { request, context in
            guard let id = context.parameters.get("id") else { return Response(status: .notFound) }
            let body = try await request.body.collect(upTo: maximumBody)
            let answer = await endpoint.distribution(
                id: id, body: Array(buffer: body), signature: request.headers[signature], contentType: request.headers[.contentType])
            switch answer {
            case .taken: return Response(status: .accepted)
            case .unknown: return Response(status: .gone)
            case .busy: return Response(status: .serviceUnavailable, headers: [.retryAfter: retryAfter])
            }
        }
    }
}
