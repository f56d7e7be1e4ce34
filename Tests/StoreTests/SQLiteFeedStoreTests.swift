import FeedwrightTesting
import Foundation
import GRDB
import Store
import Syndication
import Testing

/// What only the SQLite store has: its file, and databases written by older versions.
@Suite(.scratch) struct SQLiteFeedStoreTests {
    static func path() throws -> String {
        try Scratch.directory("store").appendingPathComponent("state.sqlite").path
    }

    @Test func aFailedSourceUpdateTakesTheEntriesWithIt() async throws {
        let path = try Self.path()
        let store = try SQLiteFeedStore(path: path)
        var source = try await store.upsert(Source(url: "https://a.example/feed", group: "g"))
        let id = try #require(source.id)
        // The source's row refuses every update, so `record` fails inside its transaction;
        // the entries go with it.
        let saboteur = try DatabaseQueue(path: path)
        try await saboteur.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse BEFORE UPDATE ON source BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
        }
        let entry = StoredEntry(sourceID: id, identity: "1", contentHash: "h", entry: Entry(id: "1"), firstSeen: Date(timeIntervalSince1970: 0), updated: Date(timeIntervalSince1970: 0))
        source.etag = "\"e\""
        await #expect(throws: StoreError.self) { try await store.record(source, entries: [entry]) }
        #expect(try await store.entryCount(group: "g") == 0, "no entry outlives the failed update")
        #expect(try await store.sources().first?.etag == nil)
    }

    /// A database left by Feedwright before the versioned documents (schema v3, entries as
    /// `Entry`'s synthesized Codable) opens, and its entries read as they were.
    @Test func aVersion3DatabaseIsMigrated() async throws {
        let path = try Self.path()
        var legacy = Entry(id: "old-1", title: Text("Written by v3"), links: [Link(href: "https://a.example/old-1")], published: Date(timeIntervalSince1970: 1_500_000_000))
        legacy.content = Text("<p>body</p>", kind: .html)
        let json = try JSONEncoder().encode(legacy)
        let old = try DatabaseQueue(path: path)
        try await old.write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1: sources and entries'), ('v2: when each source was last polled'), ('v3: articles extracted on demand, by URL');
                CREATE TABLE source (id INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL UNIQUE, feedGroup TEXT NOT NULL, title TEXT, etag TEXT,
                    lastModified TEXT, nextPoll DATETIME NOT NULL, interval DOUBLE NOT NULL, errorCount INTEGER NOT NULL DEFAULT 0, lastError TEXT, lastPolled DATETIME);
                CREATE TABLE entry (sourceID INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE, identity TEXT NOT NULL, contentHash TEXT NOT NULL,
                    entryJSON BLOB NOT NULL, firstSeen DATETIME NOT NULL, updated DATETIME NOT NULL, PRIMARY KEY (sourceID, identity));
                CREATE INDEX entry_by_updated ON entry(updated);
                CREATE TABLE articleCache (url TEXT NOT NULL PRIMARY KEY, document BLOB NOT NULL, fetched DATETIME NOT NULL);
                INSERT INTO source (url, feedGroup, nextPoll, interval) VALUES ('https://a.example/feed', 'g', '2020-01-01 00:00:00.000', 3600);
                """)
            try db.execute(sql: "INSERT INTO entry VALUES (1, 'old-1', 'h', ?, '2020-01-01 00:00:00.000', '2020-01-01 00:00:00.000')", arguments: [json])
        }
        try old.close()
        let store = try SQLiteFeedStore(path: path)
        let read = try #require(try await store.entry(sourceID: 1, identity: "old-1"))
        #expect(read.entry == legacy)
        #expect(try await store.exportEntries().first?.title == "Written by v3", "the new columns are filled from the old documents")
    }
}
