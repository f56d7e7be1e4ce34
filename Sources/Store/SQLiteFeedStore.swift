import FeedwrightCore
import Foundation
import GRDB
import Syndication

/// The embedded store: SQLite in WAL mode through GRDB, with versioned migrations.
///
/// Every change is one IMMEDIATE transaction, so a process killed mid-cycle leaves either the
/// old or the new row, never half of one, and SQLite's single writer makes each claim atomic:
/// several processes may share the file (they wait for the writer up to ``busyTimeout``).
/// Leases use this machine's clock, which every process on it shares.
public final class SQLiteFeedStore: FeedStore {
    private let database: DatabasePool
    /// How long a write waits for another process's transaction before failing.
    public static let busyTimeout: TimeInterval = 30

    /// Opens (creating and migrating as needed) the database at `path`.
    public init(path: String) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(Self.busyTimeout)
            configuration.prepareDatabase { db in
                // WAL with synchronous=NORMAL: a committed transaction survives a crash of the
                // process (SIGKILL included); only a power loss may roll back the newest
                // commits, and never corrupts the file. FULL would fsync on every commit, which
                // is one per polled source.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            database = try DatabasePool(path: path, configuration: configuration)
            try SQLiteSchema.migrator.migrate(database)
        } catch {
            throw .cannotOpen(location: path, reason: "\(error)")
        }
    }

    public func close() async {
        try? database.close()
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await database.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database(cause: error)
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await database.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database(cause: error)
        }
    }

    // MARK: Sources

    @discardableResult
    public func upsert(_ source: Source) async throws(StoreError) -> Source {
        try await write { db in
            try SQLiteFeedStore.insert(source, in: db)
            let row = try Row.fetchOne(db, sql: "SELECT * FROM source WHERE url = ?", arguments: [source.url])
            return row.map(SQLiteFeedStore.source) ?? source
        }
    }

    public func upsert(_ sources: [Source]) async throws(StoreError) {
        try await write { db in
            for source in sources { try SQLiteFeedStore.insert(source, in: db) }
        }
    }

    private static func insert(_ source: Source, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO source (url, feedGroup, title, nextPoll, interval) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET feedGroup = excluded.feedGroup, title = COALESCE(excluded.title, title)
                WHERE feedGroup IS NOT excluded.feedGroup OR (excluded.title IS NOT NULL AND title IS NOT excluded.title)
                """,
            arguments: [source.url, source.group, source.title, source.nextPoll, source.interval])
    }

    public func sources() async throws(StoreError) -> [Source] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM source ORDER BY feedGroup, url").map(SQLiteFeedStore.source) }
    }

    public func source(url: String) async throws(StoreError) -> Source? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM source WHERE url = ?", arguments: [url]).map(SQLiteFeedStore.source) }
    }

    public func removeSource(url: String) async throws(StoreError) {
        try await write { db in try db.execute(sql: "DELETE FROM source WHERE url = ?", arguments: [url]) }
    }

    public func dueSources(at now: Date, maximumErrors: Int) async throws(StoreError) -> [Source] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM source WHERE nextPoll <= ? AND errorCount < ? ORDER BY nextPoll", arguments: [now, maximumErrors])
                .map(SQLiteFeedStore.source)
        }
    }

    // MARK: Leases

    public func claimDueSources(at now: Date, maximumErrors: Int, limit: Int, claim: LeaseClaim) async throws(StoreError) -> [Source] {
        try await write { db in
            let clock = Date()
            let expires = clock.addingTimeInterval(claim.duration.seconds)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM source WHERE nextPoll <= ? AND errorCount < ? AND (leaseExpires IS NULL OR leaseExpires <= ?)
                    ORDER BY nextPoll LIMIT ?
                    """,
                arguments: [now, maximumErrors, clock, limit])
            var claimed: [Source] = []
            for row in rows {
                var source = SQLiteFeedStore.source(row)
                let lease = SourceLease(owner: claim.owner, token: Int64.random(in: 1...Int64.max), expires: expires)
                try db.execute(
                    sql: "UPDATE source SET leaseOwner = ?, leaseToken = ?, leaseExpires = ? WHERE id = ?",
                    arguments: [lease.owner, lease.token, lease.expires, source.id])
                source.lease = lease
                claimed.append(source)
            }
            return claimed
        }
    }

    public func extendLeases(_ leases: [SourceLease], by duration: Duration) async throws(StoreError) -> Set<Int64> {
        guard !leases.isEmpty else { return [] }
        return try await write { db in
            let clock = Date()
            var lost: Set<Int64> = []
            for lease in leases {
                try db.execute(
                    sql: "UPDATE source SET leaseExpires = ? WHERE leaseToken = ? AND leaseExpires > ?",
                    arguments: [clock.addingTimeInterval(duration.seconds), lease.token, clock])
                if db.changesCount == 0 { lost.insert(lease.token) }
            }
            return lost
        }
    }

    public func releaseLeases(_ leases: [SourceLease]) async throws(StoreError) {
        guard !leases.isEmpty else { return }
        try await write { db in
            for lease in leases {
                try db.execute(sql: "UPDATE source SET leaseOwner = NULL, leaseToken = NULL, leaseExpires = NULL WHERE leaseToken = ?", arguments: [lease.token])
            }
        }
    }

    // MARK: Entries

    public func entryStates(sourceID: Int64, identities: [String]) async throws(StoreError) -> [String: StoredEntryState] {
        guard !identities.isEmpty else { return [:] }
        return try await read { db in
            var states: [String: StoredEntryState] = [:]
            // SQLite's default limit on bound parameters is 32,766; batches stay far below it.
            for start in stride(from: 0, to: identities.count, by: 500) {
                let batch = Array(identities[start..<min(start + 500, identities.count)])
                let marks = Array(repeating: "?", count: batch.count).joined(separator: ",")
                var arguments: StatementArguments = [sourceID]
                arguments += StatementArguments(batch)
                for row in try Row.fetchAll(db, sql: "SELECT identity, contentHash, firstSeen FROM entry WHERE sourceID = ? AND identity IN (\(marks))", arguments: arguments) {
                    states[row["identity"]] = StoredEntryState(contentHash: row["contentHash"], firstSeen: row["firstSeen"])
                }
            }
            return states
        }
    }

    @discardableResult
    public func record(_ source: Source, entries: [StoredEntry], retaining: Set<String>?) async throws(StoreError) -> Bool {
        let encoded = try StoredRow.encode(entries)
        return try await write { db in
            guard let id = source.id else { return true }
            // A source that moved (301) to the address of another subscribed source keeps
            // its own address: the unique URL would otherwise fail the whole transaction.
            // The source's row goes first: when its lease is no longer held, nothing is written.
            try db.execute(
                sql: """
                    UPDATE source SET
                        url = CASE WHEN EXISTS (SELECT 1 FROM source AS other WHERE other.url = ? AND other.id != ?) THEN url ELSE ? END,
                        etag = ?, lastModified = ?, nextPoll = ?, interval = ?, errorCount = ?, lastError = ?, title = COALESCE(?, title),
                        lastPolled = COALESCE(?, lastPolled), leaseOwner = NULL, leaseToken = NULL, leaseExpires = NULL
                    WHERE id = ? AND (? IS NULL OR (leaseToken = ? AND leaseExpires > ?))
                    """,
                arguments: [
                    source.url, id, source.url, source.etag, source.lastModified, source.nextPoll, source.interval, source.errorCount,
                    source.lastError, source.title, source.lastPolled, id, source.lease?.token, source.lease?.token, Date(),
                ])
            guard db.changesCount > 0 || source.lease == nil else { return false }
            for row in encoded {
                try db.execute(
                    sql: """
                        INSERT INTO entry (sourceID, identity, contentHash, entryJSON, firstSeen, updated, link, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(sourceID, identity) DO UPDATE SET contentHash = excluded.contentHash, entryJSON = excluded.entryJSON,
                            updated = excluded.updated, link = excluded.link, title = excluded.title
                        """,
                    arguments: [row.entry.sourceID, row.entry.identity, row.entry.contentHash, row.document, row.entry.firstSeen, row.entry.updated, row.link, row.title])
            }
            var removed = 0
            if let retaining {
                let current = try String.fetchAll(db, sql: "SELECT identity FROM entry WHERE sourceID = ? AND archive IS NULL", arguments: [id])
                for identity in current where !retaining.contains(identity) {
                    try db.execute(sql: "DELETE FROM entry WHERE sourceID = ? AND identity = ?", arguments: [id, identity])
                    removed += 1
                }
            }
            if !encoded.isEmpty || removed > 0 {
                try db.execute(
                    sql: "INSERT INTO groupChange (slug, changes, publishedChanges) VALUES (?, 1, 0) ON CONFLICT(slug) DO UPDATE SET changes = changes + 1",
                    arguments: [source.group])
            }
            return true
        }
    }

    public func entry(sourceID: Int64, identity: String) async throws(StoreError) -> StoredEntry? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM entry WHERE sourceID = ? AND identity = ?", arguments: [sourceID, identity]).map(SQLiteFeedStore.entry)
        }
    }

    public func entryCount(group: String) async throws(StoreError) -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry JOIN source ON source.id = entry.sourceID WHERE source.feedGroup = ?", arguments: [group]) ?? 0
        }
    }

    public func entryCountsBySource() async throws(StoreError) -> [Int64: Int] {
        try await read { db in
            var counts: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT sourceID, COUNT(*) AS entries FROM entry GROUP BY sourceID") {
                counts[row["sourceID"]] = row["entries"]
            }
            return counts
        }
    }

    public func entries(group: String, limit: Int) async throws(StoreError) -> [StoredEntry] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT entry.* FROM entry JOIN source ON source.id = entry.sourceID WHERE source.feedGroup = ? ORDER BY entry.updated DESC LIMIT ?",
                arguments: [group, limit]
            ).map(SQLiteFeedStore.entry)
        }
    }

    public func exportEntries() async throws(StoreError) -> [ExportedEntry] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT source.url, entry.identity, source.feedGroup, entry.link, entry.title, entry.updated
                    FROM entry JOIN source ON source.id = entry.sourceID ORDER BY source.url, entry.identity
                    """
            ).map { ExportedEntry(source: $0[0], id: $0[1], group: $0[2], link: $0[3], title: $0[4], updated: $0[5]) }
        }
    }

    // MARK: Publication

    public func publish(
        slug: String, entriesPerFeed: Int, force: Bool,
        build: @escaping @Sendable (GroupPublication) throws -> [PublishedDocumentRecord]
    ) async throws(StoreError) -> Int64? {
        try await write { db in
            // The write transaction is the lock: one publisher at a time, on any process.
            let change = try Row.fetchOne(db, sql: "SELECT changes, publishedChanges, archives FROM groupChange WHERE slug = ?", arguments: [slug])
            let changes: Int64 = change?["changes"] ?? 0
            // Nothing recorded since the last publication (or ever): nothing to publish.
            if !force, change == nil || change?["publishedChanges"] == changes { return nil }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT entry.* FROM entry JOIN source ON source.id = entry.sourceID
                    WHERE source.feedGroup = ? AND entry.archive IS NULL ORDER BY entry.updated, entry.rowid
                    """,
                arguments: [slug])
            var publication = GroupPublication.paging(unarchived: try rows.map(SQLiteFeedStore.entry), pageSize: entriesPerFeed, archived: change?["archives"] ?? 0)
            if force {
                let prefix = ArchivePage.namePrefix(slug: slug)
                publication.storedArchives = try Row.fetchAll(
                    db, sql: "SELECT name, body, etag, published, version FROM publishedDocument WHERE substr(name, 1, ?) = ?",
                    arguments: [prefix.count, prefix]
                ).map(SQLiteFeedStore.document)
            }
            let documents = try build(publication)
            let version = (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(version), 0) + 1 FROM publishedDocument") ?? 1)
            for document in documents {
                try db.execute(
                    sql: """
                        INSERT INTO publishedDocument (name, body, etag, published, version) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(name) DO UPDATE SET body = excluded.body, etag = excluded.etag, published = excluded.published, version = excluded.version
                        """,
                    arguments: [document.name, Data(document.body), document.etag, document.published, version])
            }
            for page in publication.newArchives {
                for entry in page.entries {
                    try db.execute(sql: "UPDATE entry SET archive = ? WHERE sourceID = ? AND identity = ?", arguments: [page.number, entry.sourceID, entry.identity])
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO groupChange (slug, changes, publishedChanges, archives) VALUES (?, ?, ?, ?)
                    ON CONFLICT(slug) DO UPDATE SET publishedChanges = excluded.publishedChanges, archives = excluded.archives
                    """,
                arguments: [slug, changes, changes, publication.archiveCount])
            return version
        }
    }

    public func publishedDocuments(after version: Int64) async throws(StoreError) -> [PublishedDocumentRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT name, body, etag, published, version FROM publishedDocument WHERE version > ? ORDER BY version", arguments: [version])
                .map(SQLiteFeedStore.document)
        }
    }

    // MARK: Article cache

    public func cachedArticle(url: String) async throws(StoreError) -> (document: Data, fetched: Date)? {
        let cached: CachedRow? = try await read { db in
            try Row.fetchOne(db, sql: "SELECT document, fetched FROM articleCache WHERE url = ?", arguments: [url]).map { CachedRow(document: $0["document"], fetched: $0["fetched"]) }
        }
        return cached.map { ($0.document, $0.fetched) }
    }

    public func cacheArticle(url: String, document: Data, fetched: Date) async throws(StoreError) {
        try await write { db in
            try db.execute(
                sql: "INSERT INTO articleCache (url, document, fetched) VALUES (?, ?, ?) ON CONFLICT(url) DO UPDATE SET document = excluded.document, fetched = excluded.fetched",
                arguments: [url, document, fetched])
        }
    }

    // MARK: Rows

    private struct CachedRow: Sendable {
        var document: Data
        var fetched: Date
    }

    private static func document(_ row: Row) -> PublishedDocumentRecord {
        let body: Data = row["body"]
        return PublishedDocumentRecord(name: row["name"], body: Array(body), etag: row["etag"], published: row["published"], version: row["version"])
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
        let document: Data = row["entryJSON"]
        let entry: Entry
        do {
            entry = try EntryDocument.decode(document)
        } catch {
            throw .corruptEntry(identity: identity, reason: "\(error)")
        }
        return StoredEntry(sourceID: row["sourceID"], identity: identity, contentHash: row["contentHash"], entry: entry, firstSeen: row["firstSeen"], updated: row["updated"])
    }
}
