import FeedwrightCore
import Foundation
import HTTPTypes
import Hummingbird

/// The loop's API under `/api`, behind a bearer token: the sources with their state, adding
/// and removing one, polling one now, and the published feeds. JSON in and out.
enum APIRoutes {
    /// Adds the routes to `router`, every one behind `token`.
    static func add(to router: Router<FeedRequestContext>, sources: any SourceControl, feeds: PublishedFeeds, token: String, feedsURL: @escaping @Sendable (Request) -> String) {
        let api = router.group("api").add(middleware: BearerToken(token: token))
        api.get("sources") { _, _ in
            let states = try await sources.sources()
            return APIResponse.json(.ok) { writer in
                writer.object { $0.field("sources") { $0.array(states) { $1.write(to: &$0) } } }
            }
        }
        api.post("sources") { request, _ in
            let body = try await request.body.collect(upTo: 64 * 1024)
            guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
                  let url = object["url"] as? String, !url.isEmpty else {
                return APIResponse.error(.badRequest, #"send a JSON object with "url" (and optionally "group" and "title")"#)
            }
            let group = (object["group"] as? String) ?? "subscriptions"
            guard Slug.isValid(Slug.make(from: group)) else { return APIResponse.error(.badRequest, "the group \(group) has no usable slug") }
            let state = try await sources.add(url: url, group: group, title: object["title"] as? String)
            return APIResponse.json(.created) { state.write(to: &$0) }
        }
        api.delete("sources") { request, _ in
            guard let url = request.uri.queryParameters.get("url") else { return APIResponse.error(.badRequest, "give the source as ?url=") }
            guard try await sources.remove(url: url) else { return APIResponse.error(.notFound, "no source \(url)") }
            return Response(status: .noContent)
        }
        api.post("sources/poll") { request, _ in
            guard let url = request.uri.queryParameters.get("url") else { return APIResponse.error(.badRequest, "give the source as ?url=") }
            guard let result = try await sources.pollNow(url: url) else { return APIResponse.error(.notFound, "no source \(url)") }
            return APIResponse.json(.ok) { result.write(to: &$0) }
        }
        api.get("feeds") { request, _ in
            let base = feedsURL(request)
            let published = feeds.slugs().compactMap { slug in feeds.document(named: "\(slug).atom").map { (slug, $0) } }
            return APIResponse.json(.ok) { writer in
                writer.object {
                    $0.field("feeds") {
                        $0.array(published) { writer, item in
                            let (slug, document) = item
                            writer.object {
                                $0.field("atom", base + slug + ".atom")
                                $0.field("bytes", document.body.readableBytes)
                                $0.field("etag", document.etag)
                                $0.field("json", base + slug + ".json")
                                $0.field("slug", slug)
                                $0.field("updated", TimestampFormat.rfc3339(document.modified))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The API's JSON replies.
enum APIResponse {
    static func json(_ status: HTTPResponse.Status, _ write: (inout JSONWriter) -> Void) -> Response {
        var writer = JSONWriter()
        write(&writer)
        var bytes = writer.bytes
        bytes.append(UInt8(ascii: "\n"))
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(status) { writer in writer.object { $0.field("error", message) } }
    }
}
