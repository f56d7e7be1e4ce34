import Foundation
import Syndication

/// Persistence for the polling loop, shared by every worker that uses the same database.
///
/// Two stores implement it with the same semantics, which one behaviour suite checks on both:
/// ``SQLiteFeedStore`` (embedded, the zero-setup default; its single writer makes every claim
/// atomic) and ``PostgresFeedStore`` (many workers on many machines; claims take rows with
/// `FOR UPDATE SKIP LOCKED`). Every method is async: no database call blocks the
/// cooperative thread pool.
public protocol FeedStore: HubSubscriptionStore {
    /// Adds a source, or updates the group and title of one with the same URL.
    @discardableResult func upsert(_ source: Source) async throws(StoreError) -> Source
    /// Adds or updates many sources in one transaction (syncing a large OPML file). Safe to run
    /// from several workers at once: the same rows end up the same.
    func upsert(_ sources: [Source]) async throws(StoreError)
    /// Every source, by group then URL.
    func sources() async throws(StoreError) -> [Source]
    /// The source with this URL, if subscribed.
    func source(url: String) async throws(StoreError) -> Source?
    func removeSource(url: String) async throws(StoreError)
    /// Sources due at `now`, not paused, whether claimed or not (for reports).
    func dueSources(at now: Date, maximumErrors: Int) async throws(StoreError) -> [Source]

    /// Claims up to `limit` sources due at `now`, not paused and not held under a live lease
    /// by any worker, and returns them with their ``Source/lease`` set. Two workers claiming at
    /// once never get the same source.
    func claimDueSources(at now: Date, maximumErrors: Int, limit: Int, claim: LeaseClaim) async throws(StoreError) -> [Source]
    /// Pushes the expiry of the leases still held (same token, not expired) to `duration` from
    /// now; returns the tokens that are no longer held.
    func extendLeases(_ leases: [SourceLease], by duration: Duration) async throws(StoreError) -> Set<Int64>
    /// Gives back leases without recording (a graceful stop): the sources are due again at once.
    func releaseLeases(_ leases: [SourceLease]) async throws(StoreError)

    /// The stored state of the entries of `sourceID` among `identities`, in one query.
    func entryStates(sourceID: Int64, identities: [String]) async throws(StoreError) -> [String: StoredEntryState]
    /// Saves a poll's outcome in one transaction: the new or changed entries (an upsert per
    /// source and identity: recording twice stores once) and the source's new state
    /// (validators, next poll, errors), releasing its lease. A process killed mid-cycle
    /// therefore leaves a source either untouched or fully recorded, never half.
    ///
    /// A source that carries a ``Source/lease`` is recorded only while that lease holds;
    /// otherwise nothing is written and the result is false (another worker owns it now).
    ///
    /// `retaining` is given for a feed that is complete (RFC 5005 `fh:complete`): the source's
    /// entries whose identity is not among them are deleted in the same transaction, so that
    /// they leave the current document (archived entries stay in their archives).
    @discardableResult func record(_ source: Source, entries: [StoredEntry], retaining: Set<String>?) async throws(StoreError) -> Bool
    /// The entry of `sourceID` with `identity`, document included.
    func entry(sourceID: Int64, identity: String) async throws(StoreError) -> StoredEntry?
    /// How many entries are stored for each source, by source ID (for the index and the API).
    func entryCountsBySource() async throws(StoreError) -> [Int64: Int]
    /// How many entries are stored for a group (for reports and tests).
    func entryCount(group: String) async throws(StoreError) -> Int
    /// The newest entries of every source in a group.
    func entries(group: String, limit: Int) async throws(StoreError) -> [StoredEntry]
    /// Every stored entry, by source then identity (`feedwright export`).
    func exportEntries() async throws(StoreError) -> [ExportedEntry]

    /// Publishes `slug` unless the version already published reflects every change recorded
    /// for it (`force` publishes anyway: a missing file). Runs under a lock per slug held by
    /// one worker at a time: `build` gets the group's current entries and the pages of
    /// `entriesPerFeed` older ones to archive now (``GroupPublication/paging(unarchived:pageSize:archived:)``)
    /// and returns the documents (writing the node's files as it likes); they are stored as
    /// the slug's next version, and the archived entries are marked with their page, in the
    /// same transaction. Returns nil when there was nothing new to publish.
    func publish(
        slug: String, entriesPerFeed: Int, force: Bool,
        build: @escaping @Sendable (GroupPublication) throws -> [PublishedDocumentRecord]
    ) async throws(StoreError) -> Int64?
    /// The newest published version of every document with a version above `after`.
    func publishedDocuments(after version: Int64) async throws(StoreError) -> [PublishedDocumentRecord]
    /// Calls `published` each time a publication commits, on any node sharing the store (and
    /// once when it starts listening, for what committed before), until the task is
    /// cancelled; returns false at once when this store cannot tell, and its readers poll.
    /// - Throws: when the store's connection is lost (listen again after a pause).
    func watchPublications(_ published: @escaping @Sendable () -> Void) async throws(StoreError) -> Bool

    /// An article extracted on demand (full text of any feed), as the document it was cached
    /// as and when; nil when none is cached for `url`.
    func cachedArticle(url: String) async throws(StoreError) -> (document: Data, fetched: Date)?
    /// Caches (or replaces) the article document for `url`.
    func cacheArticle(url: String, document: Data, fetched: Date) async throws(StoreError)

    /// Closes the connections (PostgreSQL's pool); the store is not used afterwards.
    func close() async
}

/// One published document as the store keeps it for every node's `serve`.
public struct PublishedDocumentRecord: Sendable, Hashable {
    /// The file name under `/feeds/`: `<slug>.atom`, `<slug>.json`.
    public var name: String
    public var body: [UInt8]
    /// The strong ETag, the same on every node that serves these bytes.
    public var etag: String
    public var published: Date
    /// Increases with every publication of any document (0 until stored).
    public var version: Int64

    public init(name: String, body: [UInt8], etag: String, published: Date, version: Int64 = 0) {
        self.name = name
        self.body = body
        self.etag = etag
        self.published = published
        self.version = version
    }
}

extension FeedStore {
    /// A store with no way of announcing publications: its readers poll.
    public func watchPublications(_ published: @escaping @Sendable () -> Void) async throws(StoreError) -> Bool {
        false
    }

    /// Records a source's new state without entries.
    public func update(_ source: Source) async throws(StoreError) {
        try await record(source, entries: [])
    }

    /// Records a poll's outcome, keeping every entry stored before.
    @discardableResult public func record(_ source: Source, entries: [StoredEntry]) async throws(StoreError) -> Bool {
        try await record(source, entries: entries, retaining: nil)
    }
}
