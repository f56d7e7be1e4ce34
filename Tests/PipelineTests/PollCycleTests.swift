import FeedwrightTesting
import Fetching
import Foundation
import Markup
import Pipeline
import Store
import Syndication
import Testing

/// A copy of the repository's `Feeds/` samples in the running test's scratch directory
/// (the `.scratch` trait).
struct TemporaryWorkspace {
    let root: URL

    init() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        root = try Scratch.directory("workspace")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Feeds/samples"), to: root.appendingPathComponent("samples"))
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Feeds/subscriptions.opml"), to: root.appendingPathComponent("subscriptions.opml"))
    }

    var workspace: Workspace { Workspace(root: root.path) }

    func cycle(_ store: any FeedStore) -> PollCycle {
        PollCycle(store: store, fetcher: LocalFileFetcher(root: root.path), republisher: workspace.republisher(baseURL: "http://localhost:8080/feeds/"))
    }

    func published() throws -> Feed {
        try FeedParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: workspace.publicDirectory).appendingPathComponent("harbour-news.atom")))).feed
    }

    static func schema() throws -> RelaxNGSchema {
        // The shared directory as the other test targets find it: `$FEEDWRIGHT_SHARED`, else
        // `../shared` beside the checkout.
        let shared = ProcessInfo.processInfo.environment["FEEDWRIGHT_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("shared")
        let url = shared.appendingPathComponent("schema/atom.rng")
        return try RelaxNGSchema(bytes: Array(try Data(contentsOf: url)))
    }
}

@Suite("One cycle of the polling loop over local sources", .timeLimit(.minutes(1)), .scratch)
struct PollCycleTests {
    @Test("the samples become a valid full-text Atom feed, and a second cycle adds nothing")
    func samples() async throws {
        let space = try TemporaryWorkspace()
        let store = try SQLiteFeedStore(path: space.workspace.databasePath)
        let subscriptions = try await space.workspace.syncSubscriptions(into: store)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let report = try await space.cycle(store).run(groups: subscriptions.groups, now: start)
        #expect(report.newEntries == 3)
        #expect(report.extracted == 3)
        #expect(report.failed == 0)
        let atom = try Data(contentsOf: URL(fileURLWithPath: space.workspace.publicDirectory).appendingPathComponent("harbour-news.atom"))
        let schema = try TemporaryWorkspace.schema()
        #expect(schema.validate(try MarkupDocument.parseXML(Array(atom))).isEmpty)
        let feed = try space.published()
        #expect(feed.entries.count == 3)
        let bridge = try #require(feed.entries.first { $0.title?.value.hasPrefix("Harbour bridge") == true })
        #expect(bridge.content?.value.contains("four hundred workers") == true, "the article's text, not the feed's one-line description")
        #expect(bridge.content?.value.contains("Subscribe") == false)
        #expect(bridge.alternateLink == "https://gazette.example/2024/03/05/harbour-bridge-reopens", "a local page links readers to its public address")
        #expect(FileManager.default.fileExists(atPath: space.workspace.publicDirectory + "/harbour-news.json"))

        // The samples' entries are years old, so the sources are polled daily (within jitter).
        let source = try #require(await store.sources().first)
        #expect(source.nextPoll > start.addingTimeInterval(0.85 * Schedule.maximum))
        #expect(try await space.cycle(store).run(groups: subscriptions.groups, now: start.addingTimeInterval(7200)).polled == 0)
        // Due again a day later: nothing new, nothing duplicated.
        let again = try await space.cycle(store).run(groups: subscriptions.groups, now: start.addingTimeInterval(27 * 3600))
        #expect(again.polled == 2)
        #expect(again.newEntries == 0 && again.changedEntries == 0)
        #expect(try space.published().entries.count == 3)
    }

    @Test("a changed entry is republished with a new updated date; a broken source backs off, the rest goes on")
    func changesAndFailures() async throws {
        let space = try TemporaryWorkspace()
        let store = try SQLiteFeedStore(path: space.workspace.databasePath)
        var subscriptions = try await space.workspace.syncSubscriptions(into: store)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try await space.cycle(store).run(groups: subscriptions.groups, now: start)

        let gazette = space.root.appendingPathComponent("samples/gazette.rss")
        let changed = try String(contentsOf: gazette, encoding: .utf8).replacingOccurrences(of: "Ferry timetable changes for the summer", with: "Ferry timetable changes for the summer (updated)")
        try changed.write(to: gazette, atomically: true, encoding: .utf8)
        try await store.upsert(Source(url: "samples/missing.rss", group: "harbour-news"))
        subscriptions = try await space.workspace.syncSubscriptions(into: store)

        let later = start.addingTimeInterval(27 * 3600)
        let report = try await space.cycle(store).run(groups: subscriptions.groups, now: later)
        #expect(report.changedEntries == 1)
        #expect(report.failed == 1)
        let ferry = try #require(try space.published().entries.first { $0.title?.value.contains("(updated)") == true })
        #expect(ferry.updated == later)
        let missing = try #require(await store.sources().first { $0.url == "samples/missing.rss" })
        #expect(missing.errorCount == 1)
        #expect(missing.lastError?.contains("missing.rss") == true)
        #expect(missing.nextPoll > later.addingTimeInterval(3600), "failures back off beyond the normal interval")
    }

    @Test("subscriptions: groups, slugs, and bad OPML")
    func subscriptions() throws {
        let opml = #"<opml version="2.0"><body><outline title="Tech &amp; Science!"><outline xmlUrl="a.xml"/><outline xmlUrl="b.xml"/></outline><outline xmlUrl="loose.xml"/></body></opml>"#
        let parsed = try Subscriptions.parse(Array(opml.utf8))
        #expect(parsed.groups.map(\.slug) == ["tech-science", "subscriptions"])
        #expect(parsed.groups[0].sources == ["a.xml", "b.xml"])
        #expect(throws: SyndicationError.self) { try Subscriptions.parse(Array("<html/>".utf8)) }
    }
}
