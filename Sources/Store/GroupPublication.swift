import FeedwrightCore
import Foundation

/// What one publication of an output feed writes, as the store hands it to the builder under
/// the group's lock: the current document's entries, and the pages of older entries that this
/// publication moves into archive documents (RFC 5005).
///
/// Every entry ever published is in exactly one document: an entry is current until it is
/// archived, and an archive page, once written, is never written again (its bytes are kept in
/// the store, so its ETag never changes). The current document keeps between `pageSize` and
/// `2 × pageSize − 1` entries once there are that many: a reader that knows nothing of
/// archives still sees at least the newest `pageSize`.
public struct GroupPublication: Sendable {
    /// The current document's entries, newest first.
    public var current: [StoredEntry]
    /// The pages archived by this publication, oldest first.
    public var newArchives: [ArchivePage]
    /// How many archive pages the group has, those of this publication included.
    public var archiveCount: Int
    /// When the publication was forced because the node's files are missing: the archive
    /// documents stored before, to be written out again as they are. Empty otherwise.
    public var storedArchives: [PublishedDocumentRecord]

    public init(current: [StoredEntry], newArchives: [ArchivePage] = [], archiveCount: Int = 0, storedArchives: [PublishedDocumentRecord] = []) {
        self.current = current
        self.newArchives = newArchives
        self.archiveCount = archiveCount
        self.storedArchives = storedArchives
    }

    /// Splits a group's entries not yet archived (oldest first) into the pages to archive now
    /// and the current document's entries (newest first), numbering new pages after the
    /// `archived` ones.
    public static func paging(unarchived oldestFirst: [StoredEntry], pageSize: Int, archived: Int) -> GroupPublication {
        let size = max(pageSize, 1)
        var pages: [ArchivePage] = []
        var start = 0
        while oldestFirst.count - start >= 2 * size {
            pages.append(ArchivePage(number: archived + pages.count + 1, entries: Array(oldestFirst[start..<(start + size)])))
            start += size
        }
        return GroupPublication(current: oldestFirst[start...].reversed(), newArchives: pages, archiveCount: archived + pages.count)
    }
}

/// One archive document's entries (RFC 5005 §4): page `number` of a group's history,
/// counted from the oldest (1).
public struct ArchivePage: Sendable {
    public var number: Int
    /// Oldest first.
    public var entries: [StoredEntry]

    public init(number: Int, entries: [StoredEntry]) {
        self.number = number
        self.entries = entries
    }

    /// The published names of a group's archive document: `<slug>/archive/<n>.atom` / `.json`.
    public static func name(slug: String, number: Int, extension: String) -> String {
        ArchiveName(slug: slug, number: number).name(`extension`)
    }

    /// What every archive document name of `slug` starts with.
    public static func namePrefix(slug: String) -> String { ArchiveName.folder(slug: slug) }
}
