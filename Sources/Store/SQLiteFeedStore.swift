import Foundation
import GRDB
import Syndication

/// The embedded store: SQLite in WAL mode through GRDB, with versioned migrations.
///
/// Every change is one transaction, so a process killed mid-cycle leaves either the old or
/// the new row, never half of one.
public final class SQLiteFeedStore: FeedStore {
    private let database: DatabasePool

    /// Opens (creating and migrating as needed) the database at `path`.
    public init(path: String) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                // WAL with synchronous=NORMAL: a committed transaction survives a crash of the
                // process (SIGKILL included); only a power loss may roll back the newest
                // commits, and never corrupts the file. FULL would fsync on every commit, which
                // is one per polled source.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            database = try DatabasePool(path: path, configuration: configuration)
            try SQLiteFeedStore.migrator.migrate(database)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sources and entries") { db in
            try db.create(table: "source") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("url", .text).notNull().unique()
                table.column("feedGroup", .text).notNull()
                table.column("title", .text)
                table.column("etag", .text)
                table.column("lastModified", .text)
                table.column("nextPoll", .datetime).notNull()
                table.column("interval", .double).notNull()
                table.column("errorCount", .integer).notNull().defaults(to: 0)
                table.column("lastError", .text)
            }
            try db.create(table: "entry") { table in
                table.column("sourceID", .integer).notNull().references("source", onDelete: .cascade)
                table.column("identity", .text).notNull()
                table.column("contentHash", .text).notNull()
                table.column("entryJSON", .blob).notNull()
                table.column("firstSeen", .datetime).notNull()
                table.column("updated", .datetime).notNull()
                table.primaryKey(["sourceID", "identity"])
            }
            try db.create(index: "entry_by_updated", on: "entry", columns: ["updated"])
        }
        migrator.registerMigration("v2: when each source was last polled") { db in
            try db.alter(table: "source") { table in table.add(column: "lastPolled", .datetime) }
        }
        migrator.registerMigration("v3: articles extracted on demand, by URL") { db in
            try db.create(table: "articleCache") { table in
                table.column("url", .text).notNull().primaryKey()
                table.column("document", .blob).notNull()
                table.column("fetched", .datetime).notNull()
            }
        }
        return migrator
    }

    private func run<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database(cause: error)
        }
    }

    @discardableResult
    public func upsert(_ source: Source) throws(StoreError) -> Source {
        try run {
            try database.write { db in
                try SQLiteFeedStore.insert(source, in: db)
                let row = try Row.fetchOne(db, sql: "SELECT * FROM source WHERE url = ?", arguments: [source.url])
                return row.map(SQLiteFeedStore.source) ?? source
            }
        }
    }

    public func upsert(_ sources: [Source]) throws(StoreError) {
        try run {
            try database.write { db in
                for source in sources { try SQLiteFeedStore.insert(source, in: db) }
            }
        }
    }

    private static func insert(_ source: Source, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO source (url, feedGroup, title, nextPoll, interval) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET feedGroup = excluded.feedGroup, title = COALESCE(excluded.title, title)
                """,
            arguments: [source.url, source.group, source.title, source.nextPoll, source.interval])
    }

    public func sources() throws(StoreError) -> [Source] {
        try run { try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM source ORDER BY feedGroup, url").map(SQLiteFeedStore.source) } }
    }

    public func removeSource(url: String) throws(StoreError) {
        try run { try database.write { db in try db.execute(sql: "DELETE FROM source WHERE url = ?", arguments: [url]) } }
    }

    public func dueSources(at now: Date, maximumErrors: Int) throws(StoreError) -> [Source] {
        try run {
            try database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM source WHERE nextPoll <= ? AND errorCount < ? ORDER BY nextPoll", arguments: [now, maximumErrors])
                    .map(SQLiteFeedStore.source)
            }
        }
    }

    public func update(_ source: Source) throws(StoreError) {
        try record(source, entries: [])
    }

    public func record(_ source: Source, entries: [StoredEntry]) throws(StoreError) {
        var encoded: [(StoredEntry, Data)] = []
        for entry in entries {
            do {
                encoded.append((entry, try JSONEncoder().encode(entry.entry)))
            } catch {
                throw .corruptEntry(identity: entry.identity, reason: "\(error)")
            }
        }
        try run {
            try database.write { db in
                for (entry, json) in encoded {
                    try SQLiteFeedStore.save(entry, json: json, in: db)
                }
                guard let id = source.id else { return }
                // A source that moved (301) to the address of another subscribed source keeps
                // its own address: the unique URL would otherwise fail the whole transaction.
                try db.execute(
                    sql: """
                        UPDATE source SET
                            url = CASE WHEN EXISTS (SELECT 1 FROM source AS other WHERE other.url = ? AND other.id != ?) THEN url ELSE ? END,
                            etag = ?, lastModified = ?, nextPoll = ?, interval = ?, errorCount = ?, lastError = ?, title = COALESCE(?, title),
                            lastPolled = COALESCE(?, lastPolled)
                        WHERE id = ?
                        """,
                    arguments: [
                        source.url, id, source.url, source.etag, source.lastModified, source.nextPoll, source.interval, source.errorCount,
                        source.lastError, source.title, source.lastPolled, id,
                    ])
            }
        }
    }

    public func entry(sourceID: Int64, identity: String) throws(StoreError) -> StoredEntry? {
        let row: Row? = try run {
            try database.read { db in try Row.fetchOne(db, sql: "SELECT * FROM entry WHERE sourceID = ? AND identity = ?", arguments: [sourceID, identity]) }
        }
        return try row.map(SQLiteFeedStore.entry)
    }

    public func save(_ entry: StoredEntry) throws(StoreError) {
        let json: Data
        do {
            json = try JSONEncoder().encode(entry.entry)
        } catch {
            throw .corruptEntry(identity: entry.identity, reason: "\(error)")
        }
        try run { try database.write { db in try SQLiteFeedStore.save(entry, json: json, in: db) } }
    }

    private static func save(_ entry: StoredEntry, json: Data, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO entry (sourceID, identity, contentHash, entryJSON, firstSeen, updated) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(sourceID, identity) DO UPDATE SET contentHash = excluded.contentHash, entryJSON = excluded.entryJSON, updated = excluded.updated
                """,
            arguments: [entry.sourceID, entry.identity, entry.contentHash, json, entry.firstSeen, entry.updated])
    }

    public func entryCount(group: String) throws(StoreError) -> Int {
        try run {
            try database.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry JOIN source ON source.id = entry.sourceID WHERE source.feedGroup = ?", arguments: [group]) ?? 0
            }
        }
    }

    public func cachedArticle(url: String) throws(StoreError) -> (document: Data, fetched: Date)? {
        try run {
            try database.read { db in
                try Row.fetchOne(db, sql: "SELECT document, fetched FROM articleCache WHERE url = ?", arguments: [url]).map { ($0["document"], $0["fetched"]) }
            }
        }
    }

    public func cacheArticle(url: String, document: Data, fetched: Date) throws(StoreError) {
        try run {
            try database.write { db in
                try db.execute(
                    sql: "INSERT INTO articleCache (url, document, fetched) VALUES (?, ?, ?) ON CONFLICT(url) DO UPDATE SET document = excluded.document, fetched = excluded.fetched",
                    arguments: [url, document, fetched])
            }
        }
    }

    public func entryCountsBySource() throws(StoreError) -> [Int64: Int] {
        try run {
            try database.read { db in
                var counts: [Int64: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT sourceID, COUNT(*) AS entries FROM entry GROUP BY sourceID") {
                    counts[row["sourceID"]] = row["entries"]
                }
                return counts
            }
        }
    }

    public func entries(group: String, limit: Int) throws(StoreError) -> [StoredEntry] {
        let rows: [Row] = try run {
            try database.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT entry.* FROM entry JOIN source ON source.id = entry.sourceID WHERE source.feedGroup = ? ORDER BY entry.updated DESC LIMIT ?",
                    arguments: [group, limit])
            }
        }
        var result: [StoredEntry] = []
        for row in rows { result.append(try SQLiteFeedStore.entry(row)) }
        return result
    }

    private static func source(_ row: Row) -> Source {
        var source = Source(id: row["id"], url: row["url"], group: row["feedGroup"], title: row["title"], nextPoll: row["nextPoll"], interval: row["interval"])
        source.etag = row["etag"]
        source.lastModified = row["lastModified"]
        source.errorCount = row["errorCount"]
        source.lastError = row["lastError"]
        source.lastPolled = row["lastPolled"]
        return source
    }

    private static func entry(_ row: Row) throws(StoreError) -> StoredEntry {
        let identity: String = row["identity"]
        let json: Data = row["entryJSON"]
        let entry: Entry
        do {
            entry = try JSONDecoder().decode(Entry.self, from: json)
        } catch {
            throw .corruptEntry(identity: identity, reason: "\(error)")
        }
        return StoredEntry(sourceID: row["sourceID"], identity: identity, contentHash: row["contentHash"], entry: entry, firstSeen: row["firstSeen"], updated: row["updated"])
    }
}
