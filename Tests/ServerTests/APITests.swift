import AsyncHTTPClient
import FeedwrightTesting
import Foundation
import Hummingbird
import NIOCore
import Server
import Synchronization
import Testing

/// The loop's API over HTTP: every route, and the token that guards them.
@Suite("The API", .timeLimit(.minutes(1)), .scratch)
struct APITests {
    static let token = "s3cret-token"

    /// Runs a server with `sources` and `token`, hands `body` a request function.
    static func withServer(
        sources: FakeSources, token: String? = APITests.token,
        _ body: @Sendable (_ request: @Sendable (String, String, [(String, String)], String?) async throws -> (Int, [(String, String)], String)) async throws -> Void
    ) async throws {
        let feeds = PublishedFeeds(directory: try PublishedFeedsTests.directory())
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let app = FeedServer.application(feeds: feeds, options: .init(sources: sources, apiToken: token, feedsURL: "https://feeds.example/feeds/"), port: 0) { bound.yield($0) }
        try await withHTTPClient { client in try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body { method, path, headers, payload in
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)" + path)
                request.method = .init(rawValue: method)
                for (name, value) in headers { request.headers.add(name: name, value: value) }
                if let payload { request.body = .bytes(ByteBuffer(string: payload)) }
                let response = try await client.execute(request, timeout: .seconds(5))
                let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
                return (Int(response.status.code), response.headers.map { ($0.name, $0.value) }, text)
            }
            group.cancelAll()
        } }
    }

    static let auth = [("Authorization", "Bearer \(token)")]

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("every route refuses a missing, wrong or malformed token with 401 and a challenge")
    func refused() async throws {
        let sources = FakeSources()
        try await Self.withServer(sources: sources) { request in
            let routes = [("GET", "/api/sources"), ("POST", "/api/sources"), ("DELETE", "/api/sources?url=x"), ("POST", "/api/sources/poll?url=x"), ("GET", "/api/feeds")]
            let wrong: [[(String, String)]] = [[], [("Authorization", "Bearer nope")], [("Authorization", "Basic \(Self.token)")], [("Authorization", "Bearer \(Self.token)x")], [("Authorization", "Bearer")]]
            for (method, path) in routes {
                for headers in wrong {
                    let (status, responseHeaders, _) = try await request(method, path, headers, "{}")
                    #expect(status == 401, "\(method) \(path) \(headers)")
                    #expect(responseHeaders.contains { $0.0.lowercased() == "www-authenticate" && $0.1.hasPrefix("Bearer") })
                }
            }
        }
        #expect(sources.calls.withLock { $0 }.isEmpty)
    }

    @Test("without a token there is no API at all")
    func noToken() async throws {
        try await Self.withServer(sources: FakeSources(), token: nil) { request in
            let (status, _, _) = try await request("GET", "/api/sources", Self.auth, nil)
            #expect(status == 404)
        }
    }

    @Test("list, add, poll now, remove, and the published feeds")
    func routes() async throws {
        let sources = FakeSources()
        try await Self.withServer(sources: sources) { request in
            let empty = try Self.json(try await request("GET", "/api/sources", Self.auth, nil).2)
            #expect((empty["sources"] as? [Any])?.isEmpty == true)

            let added = try await request("POST", "/api/sources", Self.auth, #"{"url": "https://example.com/feed.xml", "group": "Tech News", "title": "Example"}"#)
            #expect(added.0 == 201)
            let source = try Self.json(added.2)
            #expect(source["url"] as? String == "https://example.com/feed.xml")
            #expect(source["group"] as? String == "Tech News")
            #expect(source["paused"] as? Bool == false)
            #expect(try await request("POST", "/api/sources", Self.auth, #"{"group": "x"}"#).0 == 400)
            #expect(try await request("POST", "/api/sources", Self.auth, "not json").0 == 400)

            let listed = try Self.json(try await request("GET", "/api/sources", Self.auth, nil).2)
            #expect((listed["sources"] as? [[String: Any]])?.first?["title"] as? String == "Example")

            let polled = try await request("POST", "/api/sources/poll?url=https%3A%2F%2Fexample.com%2Ffeed.xml", Self.auth, nil)
            #expect(polled.0 == 200)
            let result = try Self.json(polled.2)
            #expect(result["new_entries"] as? Int == 3)
            #expect((result["source"] as? [String: Any])?["entries"] as? Int == 3)
            #expect((result["source"] as? [String: Any])?["last_polled"] as? String == "2026-12-01T12:00:00Z")
            #expect(try await request("POST", "/api/sources/poll?url=https://unknown.example/", Self.auth, nil).0 == 404)
            #expect(try await request("POST", "/api/sources/poll", Self.auth, nil).0 == 400)

            let feeds = try Self.json(try await request("GET", "/api/feeds", Self.auth, nil).2)
            let news = try #require((feeds["feeds"] as? [[String: Any]])?.first)
            #expect(news["slug"] as? String == "news")
            #expect(news["atom"] as? String == "https://feeds.example/feeds/news.atom")
            #expect((news["etag"] as? String)?.hasPrefix("\"") == true)

            #expect(try await request("DELETE", "/api/sources?url=https://example.com/feed.xml", Self.auth, nil).0 == 204)
            #expect(try await request("DELETE", "/api/sources?url=https://example.com/feed.xml", Self.auth, nil).0 == 404)
            let after = try Self.json(try await request("GET", "/api/sources", Self.auth, nil).2)
            #expect((after["sources"] as? [Any])?.isEmpty == true)
        }
        #expect(sources.calls.withLock { $0 } == ["add https://example.com/feed.xml Tech News", "poll https://example.com/feed.xml", "remove https://example.com/feed.xml", "remove https://example.com/feed.xml"])
    }

    @Test("the index lists the feeds with subscribe links and the sources with their errors, escaped")
    func index() async throws {
        let sources = FakeSources()
        _ = try await sources.add(url: "https://broken.example/<feed>", group: "news", title: nil)
        sources.failing.withLock { $0 = "HTTP 500 <script>alert(1)</script>" }
        try await Self.withServer(sources: sources) { request in
            let (status, headers, page) = try await request("GET", "/", [], nil)
            #expect(status == 200)
            #expect(headers.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("text/html") })
            #expect(page.contains(#"href="https://feeds.example/feeds/news.atom""#))
            #expect(page.contains(#"name="viewport""#))
            #expect(page.contains("https://broken.example/&lt;feed&gt;"))
            #expect(page.contains("HTTP 500 &lt;script&gt;"))
            #expect(!page.contains("<script>"))
        }
    }
}

/// Sources kept in memory, recording what the API asked of them.
final class FakeSources: SourceControl {
    let states = Mutex<[SourceState]>([])
    let calls = Mutex<[String]>([])
    /// The error every source shows, when set.
    let failing = Mutex<String?>(nil)

    func sources() async throws -> [SourceState] {
        let error = failing.withLock { $0 }
        return states.withLock { $0 }.map { state in
            var state = state
            if let error {
                state.errorCount = 2
                state.lastError = error
            }
            return state
        }
    }

    func add(url: String, group: String, title: String?) async throws -> SourceState {
        calls.withLock { $0.append("add \(url) \(group)") }
        let state = SourceState(url: url, group: group, title: title, lastPolled: nil, nextPoll: .distantPast, interval: 3600, errorCount: 0, lastError: nil, paused: false, entries: 0)
        states.withLock { $0.append(state) }
        return state
    }

    func remove(url: String) async throws -> Bool {
        calls.withLock { $0.append("remove \(url)") }
        return states.withLock { states in
            guard let index = states.firstIndex(where: { $0.url == url }) else { return false }
            states.remove(at: index)
            return true
        }
    }

    func pollNow(url: String) async throws -> PollResult? {
        guard let polled = states.withLock({ states -> SourceState? in
            guard let index = states.firstIndex(where: { $0.url == url }) else { return nil }
            states[index].entries = 3
            states[index].lastPolled = Date(timeIntervalSince1970: 1_796_126_400)
            return states[index]
        }) else { return nil }
        calls.withLock { $0.append("poll \(url)") }
        return PollResult(source: polled, newEntries: 3, changedEntries: 0, error: nil, published: [polled.group])
    }
}
