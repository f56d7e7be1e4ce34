import Foundation
import Syndication

/// A subscribed source and what Feedwright remembers about polling it.
public struct Source: Sendable, Hashable, Codable {
    public var id: Int64?
    /// The feed's URL or local path (relative paths are relative to the workspace).
    public var url: String
    /// The output feed (OPML group) the source belongs to, as a slug.
    public var group: String
    public var title: String?
    /// HTTP validators from the last successful fetch, sent back as a conditional request.
    public var etag: String?
    public var lastModified: String?
    /// When the source is next due.
    public var nextPoll: Date
    /// The polling interval in seconds (bounded 15 min – 24 h by the scheduler).
    public var interval: Double
    /// Failures in a row; the source is paused when it reaches the scheduler's limit.
    public var errorCount: Int
    public var lastError: String?
    /// When the source was last fetched, whatever the outcome; nil until its first poll.
    public var lastPolled: Date?

    public init(id: Int64? = nil, url: String, group: String, title: String? = nil, nextPoll: Date = .distantPast, interval: Double = 3600) {
        self.id = id
        self.url = url
        self.group = group
        self.title = title
        self.nextPoll = nextPoll
        self.interval = interval
        self.errorCount = 0
    }
}

/// One entry as stored: the source's entry (or the extracted article) plus bookkeeping.
public struct StoredEntry: Sendable, Hashable, Codable {
    public var sourceID: Int64
    /// Stable identity within the source: guid/id, else link, else a content hash.
    public var identity: String
    /// Hash of what readers see; a change re-publishes the entry with a new `updated`.
    public var contentHash: String
    public var entry: Entry
    public var firstSeen: Date
    public var updated: Date

    public init(sourceID: Int64, identity: String, contentHash: String, entry: Entry, firstSeen: Date, updated: Date) {
        self.sourceID = sourceID
        self.identity = identity
        self.contentHash = contentHash
        self.entry = entry
        self.firstSeen = firstSeen
        self.updated = updated
    }
}

/// Persistence for the polling loop. SQLite (``SQLiteFeedStore``) is the embedded default; the
/// protocol is small so that a shared PostgreSQL store can follow.
public protocol FeedStore: Sendable {
    /// Adds a source, or updates the group and title of one with the same URL.
    @discardableResult func upsert(_ source: Source) throws(StoreError) -> Source
    /// Adds or updates many sources in one transaction (syncing a large OPML file).
    func upsert(_ sources: [Source]) throws(StoreError)
    func sources() throws(StoreError) -> [Source]
    func removeSource(url: String) throws(StoreError)
    /// Sources due at `now`, not paused.
    func dueSources(at now: Date, maximumErrors: Int) throws(StoreError) -> [Source]
    func update(_ source: Source) throws(StoreError)
    func entry(sourceID: Int64, identity: String) throws(StoreError) -> StoredEntry?
    func save(_ entry: StoredEntry) throws(StoreError)
    /// Saves a poll's outcome in one transaction: the new or changed entries and the source's
    /// new state (validators, next poll, errors). A process killed mid-cycle therefore leaves a
    /// source either untouched (polled again next time) or fully recorded, never half.
    func record(_ source: Source, entries: [StoredEntry]) throws(StoreError)
    /// An article extracted on demand (full text of any feed), as the document it was cached
    /// as and when; nil when none is cached for `url`.
    func cachedArticle(url: String) throws(StoreError) -> (document: Data, fetched: Date)?
    /// Caches (or replaces) the article document for `url`.
    func cacheArticle(url: String, document: Data, fetched: Date) throws(StoreError)
    /// How many entries are stored for each source, by source ID (for the index and the API).
    func entryCountsBySource() throws(StoreError) -> [Int64: Int]
    /// How many entries are stored for a group (for reports and tests).
    func entryCount(group: String) throws(StoreError) -> Int
    /// The newest entries of every source in a group.
    func entries(group: String, limit: Int) throws(StoreError) -> [StoredEntry]
}

/// What went wrong in the store, with the database's own error as the cause.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    /// A statement failed; `cause` is the database's error (GRDB's `DatabaseError` for SQLite),
    /// with its result code and the statement.
    case database(cause: any Error & Sendable)
    case corruptEntry(identity: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "cannot open the store at \(path): \(reason)"
        case let .database(cause): return "store: \(cause)"
        case let .corruptEntry(identity, reason): return "stored entry \(identity) is unreadable: \(reason)"
        }
    }
}
