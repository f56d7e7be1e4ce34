import Foundation

/// A subscribed source and what Feedwright remembers about polling it.
public struct Source: Sendable, Hashable {
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
    /// The claim under which this copy was handed out by ``FeedStore/claimDueSources(at:maximumErrors:limit:claim:)``;
    /// recording it succeeds only while the claim holds. Nil for copies read any other way.
    public var lease: SourceLease?

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

/// A worker's claim on a source: who holds it, the token that proves it, and until when (by
/// the database's clock, so that workers on machines whose clocks differ agree).
public struct SourceLease: Sendable, Hashable {
    /// The worker that holds the source (host and process, for people reading the table).
    public var owner: String
    /// Unique per claim: a worker whose lease expired and was taken over cannot write, even
    /// if it claimed the same source again later.
    public var token: Int64
    /// When the claim lapses unless extended.
    public var expires: Date

    public init(owner: String, token: Int64, expires: Date) {
        self.owner = owner
        self.token = token
        self.expires = expires
    }
}

/// How a worker claims due sources: its name and how long a claim lasts unless extended.
public struct LeaseClaim: Sendable, Hashable {
    public var owner: String
    public var duration: Duration

    public init(owner: String, duration: Duration) {
        self.owner = owner
        self.duration = duration
    }

    /// `host:pid`, the default owner of this process's claims.
    public static var processOwner: String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }
}
