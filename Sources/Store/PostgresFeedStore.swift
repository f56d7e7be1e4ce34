import FeedwrightCore
import Foundation
import Logging
import NIOCore
import PostgresNIO
import Syndication

/// The store many workers share: PostgreSQL through postgres-nio's connection pool.
///
/// Claims take due rows with `FOR UPDATE SKIP LOCKED`, so concurrent workers split the due
/// sources instead of queueing on the same rows; lease expiries and tokens come from the
/// database (`now()`, a sequence), so workers whose clocks differ agree. A poll's outcome is
/// one transaction that first checks the lease, then upserts the entries: a worker whose lease
/// lapsed writes nothing, and a source recorded twice stores its entries once.
public final class PostgresFeedStore: FeedStore {
    let client: PostgresClient
    private let running: Task<Void, Never>
    let logger: Logger

    /// Connects to `configuration` (the pool runs until ``close()``) and migrates the schema.
    public init(configuration: PostgresClient.Configuration, location: String, logger: Logger = Logger(label: "feedwright.store")) async throws(StoreError) {
        // The pool's own chatter (a lease asked for before `run()` was scheduled) is not the
        // user's concern; failures reach the caller as errors.
        var background = logger
        background.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.client = client
        self.logger = logger
        running = Task { await client.run() }
        do {
            try await PostgresSchema.migrate(client, logger: logger)
        } catch {
            running.cancel()
            throw .cannotOpen(location: location, reason: String(reflecting: error))
        }
    }

    public func close() async {
        running.cancel()
        await running.value
    }

    @discardableResult
    func run<T>(_ body: () async throws -> T) async throws(StoreError) -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database(cause: error)
        }
    }

    @discardableResult
    private func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        try await run { try await client.withTransaction(logger: logger) { connection in try await body(connection) } }
    }

    // MARK: Sources

    /// The columns ``source(_:)`` decodes, in its order.
    private static let sourceColumns = "id, url, feed_group, title, etag, last_modified, next_poll, poll_interval, error_count, last_error, last_polled"

    private static func sources(_ rows: PostgresRowSequence) async throws -> [Source] {
        var sources: [Source] = []
        for try await (id, url, group, title, etag, lastModified, nextPoll, interval, errorCount, lastError, lastPolled) in rows.decode(
            (Int64, String, String, String?, String?, String?, Date, Double, Int, String?, Date?).self)
        {
            var source = Source(id: id, url: url, group: group, title: title, nextPoll: nextPoll, interval: interval)
            source.etag = etag
            source.lastModified = lastModified
            source.errorCount = errorCount
            source.lastError = lastError
            source.lastPolled = lastPolled
            sources.append(source)
        }
        return sources
    }

    @discardableResult
    public func upsert(_ source: Source) async throws(StoreError) -> Source {
        try await upsert([source])
        return try await self.source(url: source.url) ?? source
    }

    public func upsert(_ sources: [Source]) async throws(StoreError) {
        guard !sources.isEmpty else { return }
        // One statement for the whole list; the same URL twice keeps the last. Rows that
        // would not change are not updated, so that workers syncing the same OPML at once
        // do not queue on each other's row locks.
        var byURL: [String: Source] = [:]
        var order: [String] = []
        for source in sources {
            if byURL.updateValue(source, forKey: source.url) == nil { order.append(source.url) }
        }
        let unique = order.map { byURL[$0]! }
        for start in stride(from: 0, to: unique.count, by: 5000) {
            let batch = Array(unique[start..<min(start + 5000, unique.count)])
            let urls = batch.map(\.url), groups = batch.map(\.group), titles = batch.map { $0.title ?? "" }
            let nextPolls = batch.map(\.nextPoll), intervals = batch.map(\.interval)
            try await run {
                try await client.query(
                    """
                    INSERT INTO source (url, feed_group, title, next_poll, poll_interval)
                    SELECT u, g, NULLIF(t, ''), n, i FROM unnest(\(urls)::text[], \(groups)::text[], \(titles)::text[], \(nextPolls)::timestamptz[], \(intervals)::float8[]) AS x(u, g, t, n, i)
                    ORDER BY u
                    ON CONFLICT (url) DO UPDATE SET feed_group = excluded.feed_group, title = COALESCE(excluded.title, source.title)
                    WHERE source.feed_group IS DISTINCT FROM excluded.feed_group OR (excluded.title IS NOT NULL AND source.title IS DISTINCT FROM excluded.title)
                    """, logger: logger)
            }
        }
    }

    public func sources() async throws(StoreError) -> [Source] {
        try await run {
            try await Self.sources(client.query(PostgresQuery(unsafeSQL: "SELECT \(Self.sourceColumns) FROM source ORDER BY feed_group, url"), logger: logger))
        }
    }

    public func source(url: String) async throws(StoreError) -> Source? {
        var query = PostgresQuery(unsafeSQL: "SELECT \(Self.sourceColumns) FROM source WHERE url = $1")
        query.binds.append(url)
        return try await run { try await Self.sources(client.query(query, logger: logger)).first }
    }

    public func removeSource(url: String) async throws(StoreError) {
        try await run { try await client.query("DELETE FROM source WHERE url = \(url)", logger: logger) }
    }

    public func dueSources(at now: Date, maximumErrors: Int) async throws(StoreError) -> [Source] {
        var query = PostgresQuery(unsafeSQL: "SELECT \(Self.sourceColumns) FROM source WHERE next_poll <= $1 AND error_count < $2 ORDER BY next_poll")
        query.binds.append(now)
        query.binds.append(maximumErrors)
        return try await run { try await Self.sources(client.query(query, logger: logger)) }
    }

    // MARK: Leases

    public func claimDueSources(at now: Date, maximumErrors: Int, limit: Int, claim: LeaseClaim) async throws(StoreError) -> [Source] {
        var query = PostgresQuery(unsafeSQL: """
            WITH due AS (
                SELECT id FROM source
                WHERE next_poll <= $1 AND error_count < $2 AND (lease_expires IS NULL OR lease_expires <= now())
                ORDER BY next_poll LIMIT $3
                FOR UPDATE SKIP LOCKED
            )
            UPDATE source SET lease_owner = $4, lease_token = nextval('lease_token'), lease_expires = now() + make_interval(secs => $5)
            FROM due WHERE source.id = due.id
            RETURNING \(Self.sourceColumns.split(separator: ",").map { "source.\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", ")), source.lease_token, source.lease_expires
            """)
        query.binds.append(now)
        query.binds.append(maximumErrors)
        query.binds.append(limit)
        query.binds.append(claim.owner)
        query.binds.append(claim.duration.seconds)
        return try await run {
            var claimed: [Source] = []
            let rows = try await client.query(query, logger: logger)
            for try await row in rows {
                let cells = row.makeRandomAccess()
                var source = Source(
                    id: try cells[0].decode(Int64.self), url: try cells[1].decode(String.self), group: try cells[2].decode(String.self),
                    title: try cells[3].decode(String?.self), nextPoll: try cells[6].decode(Date.self), interval: try cells[7].decode(Double.self))
                source.etag = try cells[4].decode(String?.self)
                source.lastModified = try cells[5].decode(String?.self)
                source.errorCount = try cells[8].decode(Int.self)
                source.lastError = try cells[9].decode(String?.self)
                source.lastPolled = try cells[10].decode(Date?.self)
                source.lease = SourceLease(owner: claim.owner, token: try cells[11].decode(Int64.self), expires: try cells[12].decode(Date.self))
                claimed.append(source)
            }
            return claimed.sorted { $0.nextPoll < $1.nextPoll }
        }
    }

    public func extendLeases(_ leases: [SourceLease], by duration: Duration) async throws(StoreError) -> Set<Int64> {
        guard !leases.isEmpty else { return [] }
        let tokens = leases.map(\.token)
        return try await run {
            var held: Set<Int64> = []
            let rows = try await client.query(
                """
                UPDATE source SET lease_expires = now() + make_interval(secs => \(duration.seconds))
                WHERE lease_token = ANY(\(tokens)::bigint[]) AND lease_expires > now() RETURNING lease_token
                """, logger: logger)
            for try await token in rows.decode(Int64.self) { held.insert(token) }
            return Set(tokens).subtracting(held)
        }
    }

    public func releaseLeases(_ leases: [SourceLease]) async throws(StoreError) {
        guard !leases.isEmpty else { return }
        let tokens = leases.map(\.token)
        try await run {
            try await client.query(
                "UPDATE source SET lease_owner = NULL, lease_token = NULL, lease_expires = NULL WHERE lease_token = ANY(\(tokens)::bigint[])",
                logger: logger)
        }
    }

    // MARK: Entries

    public func entryStates(sourceID: Int64, identities: [String]) async throws(StoreError) -> [String: StoredEntryState] {
        guard !identities.isEmpty else { return [:] }
        return try await run {
            var states: [String: StoredEntryState] = [:]
            let rows = try await client.query(
                "SELECT identity, content_hash, first_seen FROM entry WHERE source_id = \(sourceID) AND identity = ANY(\(identities)::text[])",
                logger: logger)
            for try await (identity, hash, firstSeen) in rows.decode((String, String, Date).self) {
                states[identity] = StoredEntryState(contentHash: hash, firstSeen: firstSeen)
            }
            return states
        }
    }

    @discardableResult
    public func record(_ source: Source, entries: [StoredEntry], retaining: Set<String>?) async throws(StoreError) -> Bool {
        guard let id = source.id else { return true }
        let rows = try StoredRow.encode(entries)
        let logger = self.logger
        return try await transaction { connection in
            // The source's row first: it takes the row lock, and when the lease is no longer
            // held nothing else is written. A move (301) onto another subscribed source's
            // address keeps the old address, as in SQLite.
            let token = source.lease?.token
            let updated = try await connection.query(
                """
                UPDATE source SET
                    url = CASE WHEN EXISTS (SELECT 1 FROM source AS other WHERE other.url = \(source.url) AND other.id <> \(id)) THEN source.url ELSE \(source.url) END,
                    etag = \(source.etag), last_modified = \(source.lastModified), next_poll = \(source.nextPoll), poll_interval = \(source.interval),
                    error_count = \(source.errorCount), last_error = \(source.lastError), title = COALESCE(\(source.title), source.title),
                    last_polled = COALESCE(\(source.lastPolled), source.last_polled), lease_owner = NULL, lease_token = NULL, lease_expires = NULL
                WHERE id = \(id) AND (\(token)::bigint IS NULL OR (lease_token = \(token) AND lease_expires > now()))
                RETURNING id
                """, logger: logger)
            var count = 0
            for try await _ in updated { count += 1 }
            guard count > 0 || token == nil else { return false }
            var removed = 0
            if let retaining {
                let kept = Array(retaining)
                for try await _ in try await connection.query(
                    "DELETE FROM entry WHERE source_id = \(id) AND archive IS NULL AND NOT (identity = ANY(\(kept)::text[])) RETURNING identity", logger: logger
                ) { removed += 1 }
            }
            if rows.isEmpty && removed > 0 {
                try await Self.countChange(group: source.group, connection: connection, logger: logger)
            }
            guard !rows.isEmpty else { return true }
            // One statement for every entry; the same identity twice keeps the last.
            var latest: [String: StoredRow] = [:]
            for row in rows { latest[row.entry.identity] = row }
            let unique = Array(latest.values)
            let identities = unique.map(\.entry.identity), hashes = unique.map(\.entry.contentHash)
            let documents = unique.map { String(decoding: $0.document, as: UTF8.self) }
            let firstSeen = unique.map(\.entry.firstSeen), updatedDates = unique.map(\.entry.updated)
            let links = unique.map { $0.link ?? "" }, titles = unique.map { $0.title ?? "" }
            try await connection.query(
                """
                INSERT INTO entry (source_id, identity, content_hash, document, first_seen, updated, link, title)
                SELECT \(id), i, h, d::jsonb, f, u, NULLIF(l, ''), NULLIF(t, '')
                FROM unnest(\(identities)::text[], \(hashes)::text[], \(documents)::text[], \(firstSeen)::timestamptz[], \(updatedDates)::timestamptz[], \(links)::text[], \(titles)::text[])
                    AS x(i, h, d, f, u, l, t)
                ON CONFLICT (source_id, identity) DO UPDATE SET content_hash = excluded.content_hash, document = excluded.document,
                    updated = excluded.updated, link = excluded.link, title = excluded.title
                """, logger: logger)
            try await Self.countChange(group: source.group, connection: connection, logger: logger)
            return true
        }
    }

    /// Notes one more change to publish for `group`.
    private static func countChange(group: String, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO group_change (slug, changes, published_changes) VALUES (\(group), 1, 0)
            ON CONFLICT (slug) DO UPDATE SET changes = group_change.changes + 1
            """, logger: logger)
    }

    private static let entryColumns = "entry.source_id, entry.identity, entry.content_hash, entry.document::text, entry.first_seen, entry.updated"

    private static func entries(_ rows: PostgresRowSequence) async throws -> [StoredEntry] {
        var entries: [StoredEntry] = []
        for try await (sourceID, identity, hash, document, firstSeen, updated) in rows.decode((Int64, String, String, String, Date, Date).self) {
            let entry: Entry
            do {
                entry = try EntryDocument.decode(Data(document.utf8))
            } catch {
                throw StoreError.corruptEntry(identity: identity, reason: "\(error)")
            }
            entries.append(StoredEntry(sourceID: sourceID, identity: identity, contentHash: hash, entry: entry, firstSeen: firstSeen, updated: updated))
        }
        return entries
    }

    public func entry(sourceID: Int64, identity: String) async throws(StoreError) -> StoredEntry? {
        var query = PostgresQuery(unsafeSQL: "SELECT \(Self.entryColumns) FROM entry WHERE source_id = $1 AND identity = $2")
        query.binds.append(sourceID)
        query.binds.append(identity)
        return try await run { try await Self.entries(client.query(query, logger: logger)).first }
    }

    public func entryCount(group: String) async throws(StoreError) -> Int {
        try await run {
            let rows = try await client.query(
                "SELECT COUNT(*)::bigint FROM entry JOIN source ON source.id = entry.source_id WHERE source.feed_group = \(group)", logger: logger)
            var count = 0
            for try await value in rows.decode(Int64.self) { count = Int(value) }
            return count
        }
    }

    public func entryCountsBySource() async throws(StoreError) -> [Int64: Int] {
        try await run {
            var counts: [Int64: Int] = [:]
            let rows = try await client.query("SELECT source_id, COUNT(*)::bigint FROM entry GROUP BY source_id", logger: logger)
            for try await (id, count) in rows.decode((Int64, Int64).self) { counts[id] = Int(count) }
            return counts
        }
    }

    /// The newest entries of a group: each source's newest first (the index on
    /// `(source_id, updated)`), then the group's newest of those.
    private static func groupEntriesQuery(group: String, limit: Int) -> PostgresQuery {
        var query = PostgresQuery(unsafeSQL: """
            SELECT \(entryColumns) FROM source
            CROSS JOIN LATERAL (SELECT * FROM entry WHERE entry.source_id = source.id ORDER BY updated DESC LIMIT $2) AS entry
            WHERE source.feed_group = $1 ORDER BY entry.updated DESC LIMIT $2
            """)
        query.binds.append(group)
        query.binds.append(limit)
        return query
    }

    public func entries(group: String, limit: Int) async throws(StoreError) -> [StoredEntry] {
        try await run { try await Self.entries(client.query(Self.groupEntriesQuery(group: group, limit: limit), logger: logger)) }
    }

    public func exportEntries() async throws(StoreError) -> [ExportedEntry] {
        try await run {
            var exported: [ExportedEntry] = []
            let rows = try await client.query(
                """
                SELECT source.url, entry.identity, source.feed_group, entry.link, entry.title, entry.updated
                FROM entry JOIN source ON source.id = entry.source_id ORDER BY source.url, entry.identity
                """, logger: logger)
            for try await (source, id, group, link, title, updated) in rows.decode((String, String, String, String?, String?, Date).self) {
                exported.append(ExportedEntry(source: source, id: id, group: group, link: link, title: title, updated: updated))
            }
            return exported
        }
    }

    // MARK: Publication

    public func publish(
        slug: String, entriesPerFeed: Int, force: Bool,
        build: @escaping @Sendable (GroupPublication) throws -> [PublishedDocumentRecord]
    ) async throws(StoreError) -> Int64? {
        let logger = self.logger
        return try await transaction { connection in
            // One publisher per slug at a time, on any node; released at commit or rollback.
            try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\("feedwright:publish:" + slug), 0))", logger: logger)
            var state: (changes: Int64, published: Int64, archives: Int)?
            for try await (changes, published, archives) in try await connection.query(
                "SELECT changes, published_changes, archives FROM group_change WHERE slug = \(slug)", logger: logger
            ).decode((Int64, Int64, Int).self) {
                state = (changes, published, archives)
            }
            let changes = state?.changes ?? 0
            // Nothing recorded since the last publication (or ever): nothing to publish.
            if !force, state == nil || state?.published == changes { return nil }
            let unarchived = try await Self.entries(connection.query(
                """
                SELECT \(unescaped: Self.entryColumns) FROM entry JOIN source ON source.id = entry.source_id
                WHERE source.feed_group = \(slug) AND entry.archive IS NULL ORDER BY entry.updated, entry.source_id, entry.identity
                """, logger: logger))
            var publication = GroupPublication.paging(unarchived: unarchived, pageSize: entriesPerFeed, archived: state?.archives ?? 0)
            if force {
                let prefix = ArchivePage.namePrefix(slug: slug)
                publication.storedArchives = try await Self.documents(connection.query(
                    "SELECT name, body, etag, published, version FROM published_document WHERE starts_with(name, \(prefix))", logger: logger))
            }
            let documents = try build(publication)
            var version: Int64 = 0
            for try await value in try await connection.query("SELECT nextval('published_version')", logger: logger).decode(Int64.self) {
                version = value
            }
            for document in documents {
                let body = ByteBuffer(bytes: document.body)
                try await connection.query(
                    """
                    INSERT INTO published_document (name, body, etag, published, version) VALUES (\(document.name), \(body), \(document.etag), \(document.published), \(version))
                    ON CONFLICT (name) DO UPDATE SET body = excluded.body, etag = excluded.etag, published = excluded.published, version = excluded.version
                    """, logger: logger)
            }
            for page in publication.newArchives {
                let sources = page.entries.map(\.sourceID), identities = page.entries.map(\.identity)
                try await connection.query(
                    """
                    UPDATE entry SET archive = \(page.number) FROM unnest(\(sources)::bigint[], \(identities)::text[]) AS page(s, i)
                    WHERE entry.source_id = page.s AND entry.identity = page.i
                    """, logger: logger)
            }
            try await connection.query(
                """
                INSERT INTO group_change (slug, changes, published_changes, archives) VALUES (\(slug), \(changes), \(changes), \(publication.archiveCount))
                ON CONFLICT (slug) DO UPDATE SET published_changes = excluded.published_changes, archives = excluded.archives
                """, logger: logger)
            // Delivered to every listener when the transaction commits, and not at all if it
            // rolls back.
            try await connection.query("SELECT pg_notify(\(Self.publicationChannel), \(String(version)))", logger: logger)
            return version
        }
    }

    /// The channel each publication is announced on (`NOTIFY`), with its version.
    static let publicationChannel = "feedwright_published"

    /// Listens on ``publicationChannel`` with one connection of the pool, held until the task
    /// is cancelled: a server node learns of a worker's publication as it commits.
    public func watchPublications(_ published: @escaping @Sendable () -> Void) async throws(StoreError) -> Bool {
        try await run {
            try await client.withConnection { connection in
                try await connection.listen(on: Self.publicationChannel) { notifications in
                    published()
                    for try await _ in notifications { published() }
                }
            }
        }
        return true
    }

    public func publishedDocuments(after version: Int64) async throws(StoreError) -> [PublishedDocumentRecord] {
        try await run {
            try await Self.documents(client.query(
                "SELECT name, body, etag, published, version FROM published_document WHERE version > \(version) ORDER BY version", logger: logger))
        }
    }

    private static func documents(_ rows: PostgresRowSequence) async throws -> [PublishedDocumentRecord] {
        var documents: [PublishedDocumentRecord] = []
        for try await (name, body, etag, published, version) in rows.decode((String, ByteBuffer, String, Date, Int64).self) {
            documents.append(PublishedDocumentRecord(name: name, body: Array(buffer: body), etag: etag, published: published, version: version))
        }
        return documents
    }

    // MARK: Article cache

    public func cachedArticle(url: String) async throws(StoreError) -> (document: Data, fetched: Date)? {
        try await run {
            let rows = try await client.query("SELECT document, fetched FROM article_cache WHERE url = \(url)", logger: logger)
            for try await (document, fetched) in rows.decode((ByteBuffer, Date).self) {
                return (Data(document.readableBytesView), fetched)
            }
            return nil
        }
    }

    public func cacheArticle(url: String, document: Data, fetched: Date) async throws(StoreError) {
        let body = ByteBuffer(bytes: document)
        try await run {
            try await client.query(
                """
                INSERT INTO article_cache (url, document, fetched) VALUES (\(url), \(body), \(fetched))
                ON CONFLICT (url) DO UPDATE SET document = excluded.document, fetched = excluded.fetched
                """, logger: logger)
        }
    }
}
