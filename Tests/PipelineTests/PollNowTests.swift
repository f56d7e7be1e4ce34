import FeedwrightTesting
import Fetching
import Foundation
import Pipeline
import Store
import Syndication
import Testing

/// Polling one source on request (the API's "poll now"), and the state it leaves behind.
@Suite("Polling one source now", .timeLimit(.minutes(1)), .scratch)
struct PollNowTests {
    @Test("a source not yet due is polled, recorded with when, counted, and its feed published")
    func pollNow() async throws {
        let space = try TemporaryWorkspace()
        let store = try SQLiteFeedStore(path: space.workspace.databasePath)
        let subscriptions = try await space.workspace.syncSubscriptions(into: store)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try await space.cycle(store).run(groups: subscriptions.groups, now: start)
        let gazette = try #require(await store.sources().first { $0.url.hasSuffix("gazette.rss") })
        #expect(gazette.lastPolled == start)
        #expect(try await store.dueSources(at: start.addingTimeInterval(60), maximumErrors: 8).isEmpty)

        // Not due for a day; polled anyway, an hour later.
        let later = start.addingTimeInterval(3600)
        let report = try await space.cycle(store).pollNow(gazette, groups: subscriptions.groups, now: later)
        #expect(report.polled == 1 && report.failed == 0)
        let after = try #require(await store.sources().first { $0.id == gazette.id })
        #expect(after.lastPolled == later)
        let counts = try await store.entryCountsBySource()
        #expect(counts[try #require(gazette.id)] == 2)
        #expect(counts.values.reduce(0, +) == 3)
    }

    @Test("a failing source polled now keeps its error and its feed is published all the same")
    func failing() async throws {
        let space = try TemporaryWorkspace()
        let store = try SQLiteFeedStore(path: space.workspace.databasePath)
        let subscriptions = try await space.workspace.syncSubscriptions(into: store)
        let missing = try await store.upsert(Source(url: "samples/missing.rss", group: "harbour-news"))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let report = try await space.cycle(store).pollNow(missing, groups: subscriptions.groups, now: now)
        #expect(report.failed == 1)
        #expect(report.published == ["harbour-news"], "never published before, so published now")
        let after = try #require(await store.sources().first { $0.url == missing.url })
        #expect(after.errorCount == 1 && after.lastError != nil && after.lastPolled == now)
    }
}
