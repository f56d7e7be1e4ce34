import AsyncHTTPClient
import Fetching
import FeedwrightTesting
import Foundation
import NIOConcurrencyHelpers
import Pipeline
import Store
import Syndication
import Testing

@Suite("The loop against a local HTTP server", .timeLimit(.minutes(2)), .scratch)
struct HTTPLoopTests {
    static func rss(_ base: String, items: [(String, String)]) -> [UInt8] {
        let body = items.map { "<item><title>\($0.1)</title><link>\(base)\($0.0)</link><guid>\(base)\($0.0)</guid><description>Feed summary of \($0.1)</description></item>" }.joined()
        return Array("<rss version=\"2.0\"><channel><title>Loopback</title><link>\(base)/</link>\(body)</channel></rss>".utf8)
    }

    static func article(_ title: String) -> [UInt8] {
        Array("<html><head><title>\(title)</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>\(title)</h1><p>This is the full text of \(title), long enough to be the body of a real article, with a comma, and another sentence that keeps going.</p><p>A second paragraph of \(title) follows, because real articles have more than one paragraph of text in them.</p></article></body></html>".utf8)
    }

    @Test("conditional GET, redirects, 410, 429, timeouts, size caps, malformed feeds and failing pages")
    func loop() async throws {
        let items = NIOLockedValueBox([("/a/1", "First story"), ("/a/2", "Second story")])
        let server = try LoopbackServer { request in
            switch request.path {
            case "/feed.xml":
                if request.header("If-None-Match") == "\"v1\"" && items.withLockedValue({ $0.count }) == 2 { return .init(status: 304) }
                return .init(headers: [("ETag", "\"v1\""), ("Content-Type", "application/rss+xml; charset=utf-8")], body: HTTPLoopTests.rss("http://127.0.0.1:\(request.header("Host")?.split(separator: ":").last ?? "")", items: items.withLockedValue { $0 }))
            case "/old": return .init(status: 301, headers: [("Location", "/moved.xml")])
            case "/moved.xml": return .init(body: HTTPLoopTests.rss("", items: [("https://example.invalid/m", "Moved story")]))
            case "/gone": return .init(status: 410)
            case "/busy": return .init(status: 429, headers: [("Retry-After", "7200")])
            case "/slow": return .init(body: Array("<rss/>".utf8), delay: 3)
            case "/huge": return .init(body: [UInt8](repeating: 0x20, count: 200_000))
            case "/malformed": return .init(headers: [("ETag", "\"broken\"")], body: Array("this is not a feed <<<".utf8))
            case "/a/1": return .init(body: HTTPLoopTests.article("First story"))
            case "/a/3": return .init(body: HTTPLoopTests.article("Third story"))
            default: return .init(status: 500)
            }
        }
        defer { try? server.shutdown() }
        try await withHTTPClient({ HTTPFetcher.makeClient() }) { client in
            var options = HTTPFetcher.Options()
            options.addresses = AddressPolicy(allowPrivate: true)
            options.requestTimeout = .seconds(1)
            options.maximumBytes = 100_000
            let fetcher = HTTPFetcher(client: client, options: options)

            let space = try TemporaryWorkspace()
            let store = try SQLiteFeedStore(path: space.workspace.databasePath)
            for path in ["/feed.xml", "/old", "/gone", "/busy", "/slow", "/huge", "/malformed"] {
                try await store.upsert(Source(url: server.base + path, group: "loop"))
            }
            let groups = [Subscriptions.Group(title: "Loop", slug: "loop", sources: [])]
            let cycle = PollCycle(store: store, fetcher: fetcher, republisher: Republisher(directory: space.workspace.publicDirectory))
            let start = Date()
            let first = try await cycle.run(groups: groups, now: start)
            #expect(first.polled == 7)
            #expect(first.failed == 5, "\(first.errors)")
            #expect(first.newEntries == 3)
            #expect(first.extracted == 1)
            #expect(first.extractionFailures == 2, "the 500 page and the unreachable one fall back to the feed's content")

            let stored: [Source] = try await store.sources()
            var sources: [String: Source] = [:]
            for source in stored { sources[source.url] = source }
            #expect(sources[server.base + "/moved.xml"] != nil, "a 301 updates the stored URL")
            #expect(sources[server.base + "/gone"]?.errorCount == cycle.maximumErrors, "410 retires the source")
            let busy = try #require(sources[server.base + "/busy"])
            #expect(busy.nextPoll >= start.addingTimeInterval(7199), "Retry-After is honoured (the store keeps milliseconds)")
            #expect(sources[server.base + "/slow"]?.lastError?.contains("timed out") == true)
            #expect(sources[server.base + "/huge"]?.lastError?.contains("larger than") == true)
            #expect(sources[server.base + "/malformed"]?.lastError != nil)
            #expect(sources[server.base + "/malformed"]?.etag == nil, "a broken document's validators are not kept")

            let published = try FeedParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: space.workspace.publicDirectory + "/loop.atom")))).feed
            let firstStory = try #require(published.entries.first { $0.title?.value == "First story" })
            #expect(firstStory.content?.value.contains("full text of First story") == true, "extracted content reaches the output")
            let secondStory = try #require(published.entries.first { $0.title?.value == "Second story" })
            #expect(secondStory.summary?.value.contains("Feed summary") == true)

            // Second poll: validators are sent, the unchanged feed answers 304, nothing is republished twice.
            let later = start.addingTimeInterval(4000)
            let second = try await cycle.run(groups: groups, now: later)
            let feedRequests = server.requests.filter { $0.path == "/feed.xml" }
            #expect(feedRequests.last?.header("If-None-Match") == "\"v1\"")
            #expect(second.newEntries == 0)

            // The feed changes: the new entry is published exactly once.
            items.withLockedValue { $0.append(("/a/3", "Third story")) }
            let third = try await cycle.run(groups: groups, now: later.addingTimeInterval(4000))
            #expect(third.newEntries == 1)
            let republished = try FeedParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: space.workspace.publicDirectory + "/loop.atom")))).feed
            #expect(republished.entries.filter { $0.title?.value == "Third story" }.count == 1)
            #expect(republished.entries.count == 4)
        }
    }

    @Test("links to loopback, private and metadata addresses are refused by default")
    func privateAddresses() async throws {
        try await withHTTPClient({ HTTPFetcher.makeClient() }) { client in
            let fetcher = HTTPFetcher(client: client)
            for url in ["http://127.0.0.1:9/x", "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/", "http://[::1]/", "http://localhost/"] {
                do throws(FetchError) {
                    _ = try await fetcher.fetch(url, etag: nil, lastModified: nil)
                    Issue.record("fetched \(url)")
                } catch {
                    guard case .forbiddenAddress = error else {
                        Issue.record("\(url): \(error)")
                        continue
                    }
                }
            }
        }
    }
}
