import Foundation
import Syndication

/// One entry as stored: the source's entry (or the extracted article) plus bookkeeping.
public struct StoredEntry: Sendable, Hashable {
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

/// What the loop needs to know of a stored entry to decide whether a feed's item is new or
/// changed, without reading the entry's document.
public struct StoredEntryState: Sendable, Hashable {
    public var contentHash: String
    public var firstSeen: Date

    public init(contentHash: String, firstSeen: Date) {
        self.contentHash = contentHash
        self.firstSeen = firstSeen
    }
}

/// One stored entry as `feedwright export` prints it: a backup people can read and scripts
/// can count.
public struct ExportedEntry: Sendable, Hashable {
    /// The URL (or path) of the source the entry came from.
    public var source: String
    /// The entry's identity within its source.
    public var id: String
    /// The output feed's slug.
    public var group: String
    public var link: String?
    public var title: String?
    public var updated: Date

    public init(source: String, id: String, group: String, link: String?, title: String?, updated: Date) {
        self.source = source
        self.id = id
        self.group = group
        self.link = link
        self.title = title
        self.updated = updated
    }
}
