import Foundation
import GRDB
import Store
import Syndication
import Testing

@Suite struct SQLiteFeedStoreTests {
    static func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("feedwright-store-\(UUID().uuidString)/state.sqlite").path
    }

    func store() throws -> SQLiteFeedStore {
        try SQLiteFeedStore(path: Self.path())
    }

    @Test func aMoveOntoAnotherSourceKeepsTheOldAddress() throws {
        let store = try store()
        var moving = try store.upsert(Source(url: "https://old.example/feed", group: "g"))
        try store.upsert(Source(url: "https://new.example/feed", group: "g"))
        moving.url = "https://new.example/feed"
        moving.etag = "\"v2\""
        try store.record(moving, entries: [])
        let sources = try store.sources()
        #expect(sources.map(\.url).sorted() == ["https://new.example/feed", "https://old.example/feed"])
        #expect(sources.first { $0.url == "https://old.example/feed" }?.etag == "\"v2\"", "the rest of the outcome is still recorded")
    }

    @Test func aMoveToAFreeAddressIsRecorded() throws {
        let store = try store()
        var moving = try store.upsert(Source(url: "https://old.example/feed", group: "g"))
        moving.url = "https://moved.example/feed"
        try store.record(moving, entries: [])
        #expect(try store.sources().map(\.url) == ["https://moved.example/feed"])
    }

    @Test func entriesAndSourceStateAreOneTransaction() throws {
        let store = try store()
        var source = try store.upsert(Source(url: "https://a.example/feed", group: "g"))
        let id = try #require(source.id)
        let entry = StoredEntry(sourceID: id, identity: "1", contentHash: "h", entry: Entry(id: "1"), firstSeen: Date(timeIntervalSince1970: 0), updated: Date(timeIntervalSince1970: 0))
        source.etag = "\"e\""
        try store.record(source, entries: [entry, entry])
        #expect(try store.entryCount(group: "g") == 1)
        #expect(try store.entry(sourceID: id, identity: "1")?.contentHash == "h")
        #expect(try store.sources().first?.etag == "\"e\"")
    }

    @Test func aFailedSourceUpdateTakesTheEntriesWithIt() throws {
        let path = Self.path()
        let store = try SQLiteFeedStore(path: path)
        var source = try store.upsert(Source(url: "https://a.example/feed", group: "g"))
        let id = try #require(source.id)
        // The source's row refuses every update, so the second half of `record` fails after
        // the entries were written: in one transaction, they go too.
        let saboteur = try DatabaseQueue(path: path)
        try saboteur.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse BEFORE UPDATE ON source BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
        }
        let entry = StoredEntry(sourceID: id, identity: "1", contentHash: "h", entry: Entry(id: "1"), firstSeen: Date(timeIntervalSince1970: 0), updated: Date(timeIntervalSince1970: 0))
        source.etag = "\"e\""
        #expect(throws: StoreError.self) { try store.record(source, entries: [entry]) }
        #expect(try store.entryCount(group: "g") == 0, "no entry outlives the failed update")
        #expect(try store.sources().first?.etag == nil)
    }
}
