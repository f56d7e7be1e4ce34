import FeedwrightCore
import Foundation

/// What the server shows and changes of the loop's sources: the index page and the API. The
/// command line hands it one backed by the store and the poll cycle, so that `Server` needs
/// nothing of `Store` or `Pipeline`.
public protocol SourceControl: Sendable {
    /// Every source with its state, by group then URL.
    func sources() async throws -> [SourceState]
    /// Adds a source (or moves an existing one to `group`); returns its state.
    func add(url: String, group: String, title: String?) async throws -> SourceState
    /// Removes a source and its entries; false when there was none with that URL.
    func remove(url: String) async throws -> Bool
    /// Polls one source now and republishes its feed; nil when there is no such source.
    func pollNow(url: String) async throws -> PollResult?
}

/// One source as the index page and `GET /api/sources` show it.
public struct SourceState: Sendable, Equatable, JSONWritable {
    public var url: String
    public var group: String
    public var title: String?
    public var lastPolled: Date?
    public var nextPoll: Date
    /// The polling interval in seconds.
    public var interval: Double
    /// Failures in a row, and the last one's message.
    public var errorCount: Int
    public var lastError: String?
    /// Whether the loop stopped polling it after too many failures.
    public var paused: Bool
    /// Entries stored for it.
    public var entries: Int

    /// A source's state.
    public init(url: String, group: String, title: String?, lastPolled: Date?, nextPoll: Date, interval: Double, errorCount: Int, lastError: String?, paused: Bool, entries: Int) {
        self.url = url
        self.group = group
        self.title = title
        self.lastPolled = lastPolled
        self.nextPoll = nextPoll
        self.interval = interval
        self.errorCount = errorCount
        self.lastError = lastError
        self.paused = paused
        self.entries = entries
    }

    public func write(to writer: inout JSONWriter) {
        writer.object {
            $0.field("entries", entries)
            $0.field("error_count", errorCount)
            $0.field("group", group)
            $0.field("interval_seconds", Int(interval))
            $0.field("last_error", lastError)
            $0.field("last_polled", lastPolled.map(TimestampFormat.rfc3339))
            $0.field("next_poll", nextPoll == .distantPast ? nil : TimestampFormat.rfc3339(nextPoll))
            $0.key("paused")
            $0.bool(paused)
            $0.field("title", title)
            $0.field("url", url)
        }
    }
}

/// What polling one source now did.
public struct PollResult: Sendable, Equatable, JSONWritable {
    public var source: SourceState
    public var newEntries: Int
    public var changedEntries: Int
    /// The fetch or parse error, when the poll failed.
    public var error: String?
    /// The feeds republished because of it.
    public var published: [String]

    /// A poll's result.
    public init(source: SourceState, newEntries: Int, changedEntries: Int, error: String?, published: [String]) {
        self.source = source
        self.newEntries = newEntries
        self.changedEntries = changedEntries
        self.error = error
        self.published = published
    }

    public func write(to writer: inout JSONWriter) {
        writer.object {
            $0.field("changed_entries", changedEntries)
            $0.field("error", error)
            $0.field("new_entries", newEntries)
            $0.field("published", published)
            $0.field("source") { source.write(to: &$0) }
        }
    }
}
