import AsyncHTTPClient
import Fetching
import Foundation
import FeedwrightTesting
import Pipeline
import Store
import Syndication
import Synchronization
import Testing

@Suite("The loop against dead hosts and broken subscriptions", .timeLimit(.minutes(1)), .scratch)
struct HostileNetworkTests {
    @Test("a local source of 130 entries linking to a refusing host is polled in seconds, its entries keep the feed's content")
    func deadHost() async throws {
        let space = try TemporaryWorkspace()
        let server = try LoopbackServer { _ in .init() }
        let port = server.port
        try server.shutdown()
        let items = (1...130).map { "<item><title>Story \($0)</title><link>http://127.0.0.1:\(port)/story/\($0)</link><description>Summary \($0)</description></item>" }
        let feed = "<rss version=\"2.0\"><channel><title>Rotten</title>\(items.joined())</channel></rss>"
        try Data(feed.utf8).write(to: space.root.appendingPathComponent("rotten.rss"))
        let store = try SQLiteFeedStore(path: space.workspace.databasePath)
        try await store.upsert(Source(url: "rotten.rss", group: "rotten"))
        try await withHTTPClient({ HTTPFetcher.makeClient() }) { client in
            // The default politeness: two at a time, starts 250 ms apart. 130 attempts would take
            // over half a minute even if each failed at once.
            let cycle = PollCycle(store: store, workspace: space.workspace, client: client, settings: FetchSettings(), baseURL: nil)
            let report = try await cycle.run(groups: [Subscriptions.Group(title: "Rotten", slug: "rotten", sources: ["rotten.rss"])])
            #expect(report.newEntries == 130)
            #expect(report.extractionFailures == 130)
            #expect(report.hostsSkipped == 1)
            #expect(report.requestsSkipped == 127)
            let stored = try await store.entries(group: "rotten", limit: 200)
            #expect(stored.count == 130)
            #expect(stored.allSatisfy { $0.entry.summary?.value.hasPrefix("Summary") == true })
        }
    }

    @Test("a broken subscriptions.opml while running keeps the last good list, says where it broke, and the next good file is picked up")
    func brokenSubscriptions() async throws {
        let space = try TemporaryWorkspace()
        let store = try SQLiteFeedStore(path: space.workspace.databasePath)
        let opml = space.root.appendingPathComponent("subscriptions.opml")
        let good = try Data(contentsOf: opml)
        let problems = Mutex<[String?]>([])
        let cycleCount = Mutex(0)
        let (reports, finished) = AsyncStream.makeStream(of: PollCycle.Report.self)
        var service = PollingService(cycle: space.cycle(store), workspace: space.workspace, pause: .milliseconds(1)) { report, _ in
            finished.yield(report)
            let cycles = cycleCount.withLock { value in
                value += 1
                return value
            }
            // Edits land between cycles: the service calls this before it reads the file again.
            switch cycles {
            case 1:
                try? Data("<opml version=\"2.0\"><body><outline text=\"Harbour\">\n<outline xmlUrl=\"samples/x.rss\"".utf8).write(to: opml)
            case 2:
                let added = String(decoding: good, as: UTF8.self).replacingOccurrences(of: "</body>", with: "<outline text=\"Extra\"><outline type=\"rss\" xmlUrl=\"samples/missing.rss\"/></outline></body>")
                try? Data(added.utf8).write(to: opml)
            default:
                break
            }
        }
        service.onSubscriptionsProblem = { problem in problems.withLock { $0.append(problem) } }
        let running = Task { [service] in try await service.run() }
        // Three cycles: good, broken, good again with one more source.
        var cycles: [PollCycle.Report] = []
        for await report in reports {
            cycles.append(report)
            if cycles.count == 3 { break }
        }
        running.cancel()
        _ = try? await running.value
        let seen = problems.withLock { $0 }
        #expect(seen.count == 2)
        let broken = try #require(seen.first ?? nil)
        #expect(broken.contains("line 2"), "\(broken)")
        #expect(broken.contains("column"))
        #expect(seen.last == .some(nil), "the good file clears the problem")
        #expect(cycles[0].failed == 0)
        #expect(cycles[1].failed == 0, "the broken file did not stop polling or add a broken source")
        #expect(try await store.sources().contains { $0.url == "samples/missing.rss" }, "the next good file was read")
    }
}
