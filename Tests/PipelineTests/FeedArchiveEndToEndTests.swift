import AsyncHTTPClient
import FeedwrightCore
import FeedwrightTesting
import Fetching
import Foundation
import Markup
import Pipeline
import Store
import Syndication
import Testing

/// RFC 5005 end to end (issue 17's must-shows 3 and 4): the real `run --once` and `serve`
/// write and answer a history of archives that holds every entry once; a second Feedwright
/// subscribing to that feed reads the archives back; a complete feed's dropped entry leaves.
@Suite("Feed archives end to end: written, served, walked and read back", .serialized, .timeLimit(.minutes(2)))
struct FeedArchiveEndToEndTests {
    /// A local Atom source of `count` entries an hour apart, with no links (nothing to fetch).
    static func datedFeed(count: Int) -> [UInt8] {
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        let entries = (0..<count).map { index in
            let date = TimestampFormat.rfc3339(start.addingTimeInterval(Double(index) * 3600))
            return "<entry><title>Dated story \(index)</title><id>urn:feedwright:test:dated:\(index)</id><updated>\(date)</updated><content>Story \(index) of the history, told in a sentence.</content></entry>"
        }
        let updated = TimestampFormat.rfc3339(start.addingTimeInterval(Double(count) * 3600))
        return Array("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Dated</title><id>urn:feedwright:test:dated</id><updated>\(updated)</updated>\(entries.joined())</feed>".utf8)
    }

    static func workspace(subscribing url: String, title: String) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("feedwright-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("<opml version=\"2.0\"><body><outline title=\"\(title)\"><outline type=\"rss\" xmlUrl=\"\(url)\"/></outline></body></opml>".utf8)
            .write(to: root.appendingPathComponent("subscriptions.opml"))
        return root
    }

    @Test("130 dated entries: the served prev-archive chain holds each once, archives are fh:archive, every document is valid Atom; a new subscriber reads all 130 back")
    func history() async throws {
        let first = try Self.workspace(subscribing: "dated.atom", title: "History")
        defer { try? FileManager.default.removeItem(at: first) }
        try Data(Self.datedFeed(count: 130)).write(to: first.appendingPathComponent("dated.atom"))
        let port = try RunningBinary.freePort()
        let base = "http://127.0.0.1:\(port)/feeds/"
        #expect(try await RunningBinary.run(["run", "--once", "--workspace", first.path, "--base-url", base]) == 0)

        let server = try RunningBinary(["serve", "--workspace", first.path, "--port", String(port)])
        let schema = try TemporaryWorkspace.schema()
        // Redirects are the server's answer to check, not to follow.
        try await withHTTPClient({ HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow)) }) { client in
            let current = base + "history.atom"
            #expect(try await RunningBinary.eventually(within: 10) { (try? await RunningBinary.send(client, .GET, current))?.status == 200 }, "serve answers")
            var next: String? = current
            var visited: Set<String> = []
            var identities: [String] = []
            var archives = 0
            while let url = next, visited.insert(url).inserted {
                let reply = try await RunningBinary.send(client, .GET, url)
                try #require(reply.status == 200, "\(url)")
                #expect(schema.validate(try MarkupDocument.parseXML(reply.bytes)).isEmpty, "\(url) is valid Atom")
                let feed = try FeedParser.parse(reply.bytes, url: url).feed
                if url != current {
                    #expect(feed.history == .archive, "\(url) is marked fh:archive")
                    #expect(feed.links.contains { $0.relation == "current" && $0.href == current })
                    let newer = try #require(feed.links.first { $0.relation == "next-archive" }?.href)
                    if archives == 0 {
                        // The newest archive's next page is not written yet: it answers with the current document.
                        let ahead = try await RunningBinary.send(client, .GET, newer)
                        #expect(ahead.status == 307, "\(newer)")
                        #expect(ahead.header("Location").map { URL(string: $0, relativeTo: URL(string: newer))?.absoluteURL.absoluteString } == current)
                    }
                    archives += 1
                    // An archive never changes: the same strong ETag, answered 304.
                    let etag = try #require(reply.header("ETag"))
                    #expect(try await RunningBinary.send(client, .GET, url, headers: [("If-None-Match", etag)]).status == 304)
                }
                identities += feed.entries.compactMap(\.id)
                next = feed.links.first { $0.relation == "prev-archive" }?.href
            }
            #expect(archives >= 1)
            #expect(identities.count == 130, "every entry is in one document")
            #expect(Set(identities) == Set((0..<130).map { "urn:feedwright:test:dated:\($0)" }), "each exactly once")

            // A new subscriber to the served feed gets the archived entries too.
            let second = try Self.workspace(subscribing: current, title: "Reread")
            defer { try? FileManager.default.removeItem(at: second) }
            #expect(try await RunningBinary.run(["run", "--once", "--workspace", second.path, "--base-url", "http://127.0.0.1:1/feeds/"]) == 0)
            let store = try SQLiteFeedStore(path: Workspace(root: second.path).databasePath)
            #expect(try await store.entryCount(group: "reread") == 130)
            await store.close()
        }
        #expect(try await server.stop() == 0)
    }

    @Test("a fh:complete source that drops an entry drops it from the republished feed")
    func completeFeed() async throws {
        let root = try Self.workspace(subscribing: "complete.atom", title: "Complete")
        defer { try? FileManager.default.removeItem(at: root) }
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures/history", withExtension: nil))
        let source = root.appendingPathComponent("complete.atom")
        try Data(contentsOf: fixtures.appendingPathComponent("complete-before.atom")).write(to: source)
        let workspace = Workspace(root: root.path)
        let store = try SQLiteFeedStore(path: workspace.databasePath)
        let subscriptions = try await workspace.syncSubscriptions(into: store)
        let cycle = PollCycle(store: store, fetcher: LocalFileFetcher(root: root.path), republisher: workspace.republisher(baseURL: "http://localhost:8080/feeds/"))
        func published() throws -> [String] {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: workspace.publicDirectory).appendingPathComponent("complete.atom")))
            return try FeedParser.parse(bytes).feed.entries.compactMap { $0.title?.value }.sorted()
        }
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try await cycle.run(groups: subscriptions.groups, now: start)
        #expect(try published() == ["Dropped later", "Kept first", "Kept last"])

        try Data(contentsOf: fixtures.appendingPathComponent("complete-after.atom")).write(to: source)
        let report = try await cycle.run(groups: subscriptions.groups, now: start.addingTimeInterval(2 * 86400))
        #expect(report.published == ["complete"])
        #expect(try published() == ["Kept first", "Kept last"])
        #expect(try await store.entryCount(group: "complete") == 2)
        await store.close()
    }
}
