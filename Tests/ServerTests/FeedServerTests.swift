import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import Server
import Testing
import FeedwrightTesting

@Suite("Serving published feeds", .timeLimit(.minutes(1)), .scratch)
struct FeedServerTests {
    static func directory() throws -> String {
        let directory = try Scratch.directory("public").path
        try Data("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>".utf8).write(to: URL(fileURLWithPath: directory + "/news.atom"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: directory + "/news.json"))
        try Data("secret".utf8).write(to: URL(fileURLWithPath: directory + "/../feedwright-secret.txt"))
        return directory
    }

    @Test("a feed with validators, then 304 for a matching ETag or date")
    func conditional() throws {
        let feeds = PublishedFeeds(directory: try Self.directory())
        let first = feeds.reply(name: "news.atom")
        #expect(first.status == 200)
        #expect(first.header("Content-Type")?.hasPrefix("application/atom+xml") == true)
        let etag = try #require(first.header("ETag"))
        #expect(feeds.reply(name: "news.atom", conditions: .init(ifNoneMatch: etag)).status == 304)
        #expect(feeds.reply(name: "news.atom", conditions: .init(ifNoneMatch: "W/" + etag)).status == 304)
        #expect(feeds.reply(name: "news.atom", conditions: .init(ifNoneMatch: "\"a\", " + etag)).status == 304)
        #expect(feeds.reply(name: "news.atom", conditions: .init(ifNoneMatch: "\"other\"")).status == 200)
        #expect(feeds.reply(name: "news.atom", conditions: .init(ifModifiedSince: first.header("Last-Modified"))).status == 304)
        // If-None-Match decides when both are sent.
        #expect(feeds.reply(name: "news.atom", conditions: .init(ifNoneMatch: "\"other\"", ifModifiedSince: first.header("Last-Modified"))).status == 200)
    }

    @Test("Last-Modified is an IMF-fixdate; If-Modified-Since is read in all three HTTP date forms")
    func httpDates() throws {
        let directory = try Self.directory()
        // 1994-11-06 08:49:37 UTC, RFC 9110's example instant.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 784_111_777)], ofItemAtPath: directory + "/news.atom")
        let feeds = PublishedFeeds(directory: directory)
        let first = feeds.reply(name: "news.atom")
        #expect(first.header("Last-Modified") == "Sun, 06 Nov 1994 08:49:37 GMT")
        for form in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
            #expect(feeds.reply(name: "news.atom", conditions: .init(ifModifiedSince: form)).status == 304, "\(form)")
        }
        #expect(feeds.reply(name: "news.atom", conditions: .init(ifModifiedSince: "Sat, 05 Nov 1994 08:49:37 GMT")).status == 200)
        #expect(feeds.reply(name: "news.atom", conditions: .init(ifModifiedSince: "yesterday")).status == 200)
    }

    @Test("only published feed names are reachable", arguments: ["../feedwright-secret.txt", "..%2Fsecret", "news.txt", ".atom", "NEWS.atom", "a/b.atom", "news.atom.bak", ""])
    func confined(name: String) throws {
        let feeds = PublishedFeeds(directory: try Self.directory())
        #expect(feeds.reply(name: name).status == 404)
    }

    @Test("over HTTP: index, feed, 304, health, metrics, traversal refused")
    func live() async throws {
        let feeds = PublishedFeeds(directory: try Self.directory())
        let status = ScriptedStatus()
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let app = FeedServer.application(feeds: feeds, status: status, port: 0) { bound.yield($0) }
        try await withHTTPClient { client in try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let base = "http://127.0.0.1:\(port)"
            func get(_ path: String, _ headers: [(String, String)] = []) async throws -> (Int, [(String, String)], String) {
                var request = HTTPClientRequest(url: base + path)
                for (name, value) in headers { request.headers.add(name: name, value: value) }
                let response = try await client.execute(request, timeout: .seconds(5))
                let body = try await response.body.collect(upTo: 1 << 20)
                return (Int(response.status.code), response.headers.map { ($0.name, $0.value) }, String(buffer: body))
            }
            let index = try await get("/")
            #expect(index.0 == 200 && index.2.contains("/feeds/news.atom"))
            let feed = try await get("/feeds/news.atom")
            #expect(feed.0 == 200 && feed.2.contains("Atom"))
            let etag = try #require(feed.1.first { $0.0.lowercased() == "etag" }?.1)
            #expect(try await get("/feeds/news.atom", [("If-None-Match", etag)]).0 == 304)
            let healthy = try await get("/health")
            #expect(healthy.0 == 200 && healthy.2 == "ok\n")
            let exposition = try await get("/metrics")
            #expect(exposition.2 == "feedwright_polls_total 4\n")
            #expect(exposition.1.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("text/plain; version=0.0.4") })
            #expect(try await get("/feeds/..%2Ffeedwright-secret.txt").0 == 404)
            #expect(try await get("/feedwright-secret.txt").0 == 404)
            status.problem.withLockedValue { $0 = "subscriptions: not well-formed OPML at line 2, column 7" }
            let degraded = try await get("/health")
            #expect(degraded.2 == "degraded: subscriptions: not well-formed OPML at line 2, column 7\n")
            group.cancelAll()
        } }
    }
}

/// A status whose figures the test sets: the server only relays what it is given.
final class ScriptedStatus: ServerStatus {
    let problem = NIOLockedValueBox<String?>(nil)

    func exposition() -> String { "feedwright_polls_total 4\n" }
    var healthText: String { problem.withLockedValue { $0 }.map { "degraded: \($0)\n" } ?? "ok\n" }
}
