import FeedwrightTesting
import Fetching
import Foundation
import Pipeline
import Store
import Syndication
import Testing

@Suite("Stopping a cycle part-way", .timeLimit(.minutes(1)), .scratch)
struct GracefulStopTests {
    @Test("a cancelled cycle records whole sources only; the next one finishes the rest without duplicates")
    func cancelledCycle() async throws {
        let space = try TemporaryWorkspace()
        let store = try SQLiteFeedStore(path: space.workspace.databasePath)
        // Five sources go through; the next two hang in flight until the stop comes.
        let stall = SyntheticSite.Stall(allowance: 5)
        let site = SyntheticSite(feeds: 12, items: 3, latency: .milliseconds(10), stall: stall)
        for url in site.feedURLs { try await store.upsert(Source(url: url, group: "web")) }
        let group = Subscriptions.Group(title: "Web", slug: "web", sources: site.feedURLs)
        var cycle = PollCycle(store: store, fetcher: site, republisher: Republisher(directory: space.workspace.publicDirectory))
        cycle.concurrency = 2
        let now = Date(timeIntervalSince1970: 1_800_000_000)

        let running = Task { [cycle] in try await cycle.run(groups: [group], now: now) }
        try await stall.waitUntilHeld(cycle.concurrency)
        running.cancel()
        let stopped = try await running.value
        stall.release()
        #expect(stopped.polled == 5, "the sources finished before the stop are recorded")
        #expect(stopped.abandoned == 2, "the sources in flight when the stop came are abandoned")
        #expect(stopped.failed == 0, "a stop is not a failure")
        let afterStop = try await store.entryCount(group: "web")
        #expect(afterStop == (stopped.polled) * 3, "each recorded source has all its entries, the others none")
        #expect(stopped.published == ["web"], "what was stored is still published")

        let finished = try await cycle.run(groups: [group], now: now)
        #expect(finished.polled == 12 - stopped.polled, "only the sources left over are due")
        #expect(finished.newEntries == 36 - afterStop)
        #expect(try await store.entryCount(group: "web") == 36)
        let feed = try FeedParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: space.workspace.publicDirectory + "/web.atom")))).feed
        #expect(feed.entries.count == 36)
        #expect(Set(feed.entries.compactMap(\.id)).count == 36, "no entry twice")
    }
}
