import AsyncHTTPClient
import FeedwrightTesting
import Foundation
import NIOCore
import NIOHTTP1
import Server
import Testing

/// The WebSub callback routes: what each answer of the endpoint becomes on the wire.
@Suite("WebSub callback routes", .timeLimit(.minutes(1)), .scratch)
struct WebSubRoutesTests {
    /// Answers distributions by callback id: `taken`, `gone` or `busy`.
    struct ScriptedEndpoint: WebSubEndpoint {
        func verification(id: String, mode: String, topic: String, challenge: String?, leaseSeconds: Int?, reason: String?) async -> String? {
            id == "known" ? challenge : nil
        }

        func distribution(id: String, body: [UInt8], signature: String?, contentType: String?) async -> WebSubDistributionAnswer {
            switch id {
            case "taken": .taken
            case "busy": .busy
            default: .unknown
            }
        }
    }

    @Test("a taken distribution is 202, an unknown callback 410 Gone, a busy subscriber 503 with Retry-After; verification echoes or 404s")
    func answers() async throws {
        let feeds = PublishedFeeds(directory: try PublishedFeedsTests.directory())
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let app = FeedServer.application(feeds: feeds, options: .init(webSub: ScriptedEndpoint()), port: 0) { bound.yield($0) }
        try await withHTTPClient { client in try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            func send(_ method: HTTPMethod, _ path: String) async throws -> HTTPClientResponse {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)" + path)
                request.method = method
                if method == .POST { request.body = .bytes(ByteBuffer(string: "<feed/>")) }
                return try await client.execute(request, timeout: .seconds(5))
            }
            #expect(try await send(.POST, "/websub/taken").status.code == 202)
            #expect(try await send(.POST, "/websub/forgotten").status.code == 410)
            let busy = try await send(.POST, "/websub/busy")
            #expect(busy.status.code == 503)
            #expect(busy.headers.first(name: "Retry-After").flatMap { Int($0) }.map { $0 > 0 } == true)
            let verified = try await send(.GET, "/websub/known?hub.mode=subscribe&hub.topic=t&hub.challenge=c1")
            #expect(verified.status.code == 200)
            #expect(String(buffer: try await verified.body.collect(upTo: 1024)) == "c1")
            #expect(try await send(.GET, "/websub/other?hub.mode=subscribe&hub.topic=t&hub.challenge=c1").status.code == 404)
            group.cancelAll()
        } }
    }
}
