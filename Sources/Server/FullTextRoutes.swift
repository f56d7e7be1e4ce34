import Foundation
import HTTPTypes
import Hummingbird

/// `GET /fulltext?url=FEED[&max=N][&format=atom|json]` and `GET /extract?url=ARTICLE`, behind
/// the per-client rate limit.
enum FullTextRoutes {
    static func add(to router: Router<FeedRequestContext>, service: any FullTextService, limit: ClientRateLimit, publicRoot: @escaping @Sendable (Request) -> String) {
        let group = router.group().add(middleware: RateLimited(limit: limit))
        group.get("fulltext") { request, _ in
            let query = request.uri.queryParameters
            guard let url = query.get("url"), !url.isEmpty else { return APIResponse.error(.badRequest, "give the feed as ?url=") }
            let format = query.get("format") ?? "atom"
            guard format == "atom" || format == "json" else { return APIResponse.error(.badRequest, "format is atom or json") }
            var entries: Int?
            if let max = query.get("max") {
                guard let value = Int(max), value > 0 else { return APIResponse.error(.badRequest, "max is a positive number of entries") }
                entries = value
            }
            let selfURL = publicRoot(request) + "fulltext?" + (request.uri.query ?? "")
            do throws(FullTextRefusal) {
                let bytes = try await service.fullText(url: url, entries: entries, json: format == "json", selfURL: selfURL)
                let type = format == "json" ? "application/feed+json; charset=utf-8" : "application/atom+xml; charset=utf-8"
                return Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=300"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            } catch {
                return APIResponse.error(error.status, error.message)
            }
        }
        group.get("extract") { request, _ in
            guard let url = request.uri.queryParameters.get("url"), !url.isEmpty else { return APIResponse.error(.badRequest, "give the article as ?url=") }
            do throws(FullTextRefusal) {
                var bytes = try await service.extract(url: url)
                bytes.append(UInt8(ascii: "\n"))
                return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            } catch {
                return APIResponse.error(error.status, error.message)
            }
        }
    }
}
