import FeedwrightTesting
import Foundation
import Pipeline
import Store
import Syndication
import Testing

@Suite("OPML import and export", .scratch)
struct OPMLTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return Array(try Data(contentsOf: url))
    }

    @Test func readerExportMergesIntoTheWorkspace() async throws {
        let space = try TemporaryWorkspace()
        let imported = try Subscriptions.parse(try Self.fixture("reader-export.opml"))
        #expect(imported.groups.map(\.slug) == ["tech-science", "harbour-news", "subscriptions"])
        #expect(imported.groups[0].sources == ["https://engineering.example.com/feed.xml", "https://longreads.example.org/rss"], "nested folders join their top-level group, once")

        let added = try space.workspace.importSubscriptions(imported)
        #expect(added == 4, "the gazette was already subscribed")
        #expect(try space.workspace.importSubscriptions(imported) == 0, "importing twice adds nothing")

        let store = try SQLiteFeedStore(path: space.workspace.databasePath)
        let synced = try await space.workspace.syncSubscriptions(into: store)
        #expect(synced.groups.first { $0.slug == "harbour-news" }?.sources == ["samples/gazette.rss", "samples/harbour-blog.atom", "https://port.example.net/atom.xml"])
        #expect(try await store.sources().count == 6)

        // Export and read back: the same groups and sources.
        let exported = try Subscriptions.parse(try synced.opml(title: "Export", titles: ["samples/gazette.rss": "The Example Gazette <daily>"]))
        #expect(exported == synced)
    }

    @Test func badOPMLIsRefusedWithoutTouchingTheFile() throws {
        let space = try TemporaryWorkspace()
        let before = try Data(contentsOf: URL(fileURLWithPath: space.workspace.subscriptionsPath))
        #expect(throws: SyndicationError.self) { try Subscriptions.parse(Array("<opml><body><outline".utf8)) }
        #expect(try space.workspace.importSubscriptions(Subscriptions(groups: [])) == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: space.workspace.subscriptionsPath)) == before)
    }
}
