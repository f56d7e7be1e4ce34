import AsyncHTTPClient
import FeedwrightTesting
import Foundation
import Pipeline
import Store
import Syndication
import Testing

/// WebSub publishing: republished feeds name their hubs, and each publication pings them
/// (issue 17's publisher half), against a hub on loopback run by the test.
@Suite("WebSub publisher: hub links and publish pings", .timeLimit(.minutes(1)), .scratch)
struct WebSubPublishTests {
    @Test("feeds carry rel=hub and rel=self; every hub is pinged once per publication with each topic; nothing changed, no ping")
    func publish() async throws {
        let hub = try LoopbackServer { request in request.method == "POST" ? .init(status: 202) : .init(status: 405) }
        defer { try? hub.shutdown() }
        let refusing = try LoopbackServer { _ in .init(status: 500) }
        defer { try? refusing.shutdown() }
        let space = try TemporaryWorkspace()
        let store = try SQLiteFeedStore(path: space.workspace.databasePath)
        let subscriptions = try await space.workspace.syncSubscriptions(into: store)
        try await withHTTPClient { client in
            var cycle = space.cycle(store)
            let hubs = [hub.base + "/hub", refusing.base + "/"]
            cycle.republisher.hubs = hubs
            cycle.hubNotifier = WebSubPing(hubs: hubs, client: client)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let report = try await cycle.run(groups: subscriptions.groups, now: now)
            #expect(report.published == ["harbour-news"])
            #expect(report.errors.contains { $0.contains(refusing.base) && $0.contains("500") }, "a refusing hub is reported: \(report.errors)")

            let feed = try space.published()
            #expect(feed.links.filter { $0.relation == "hub" }.map(\.href) == hubs)
            #expect(feed.selfLink == "http://localhost:8080/feeds/harbour-news.atom")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: space.workspace.publicDirectory + "/harbour-news.json"))) as? [String: Any]
            #expect(json?["feed_url"] as? String == "http://localhost:8080/feeds/harbour-news.json")
            #expect((json?["hubs"] as? [[String: String]])?.map { $0["url"] } == hubs.map { Optional($0) })

            let pings = hub.requests.filter { $0.path == "/hub" }
            try #require(pings.count == 1)
            #expect(pings[0].method == "POST")
            #expect(pings[0].header("Content-Type") == "application/x-www-form-urlencoded")
            let form = String(decoding: pings[0].body, as: UTF8.self)
            #expect(form == "hub.mode=publish&hub.url=http%3A%2F%2Flocalhost%3A8080%2Ffeeds%2Fharbour-news.atom&hub.url=http%3A%2F%2Flocalhost%3A8080%2Ffeeds%2Fharbour-news.json")

            // Nothing new an hour later: nothing is published, and no hub is told.
            let quiet = try await cycle.run(groups: subscriptions.groups, now: now.addingTimeInterval(3600 * 30))
            #expect(quiet.published.isEmpty)
            #expect(hub.requests.filter { $0.path == "/hub" }.count == 1)
        }
    }
}
