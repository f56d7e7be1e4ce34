import Foundation

/// Keeps the newest ``limit`` entries of a feed as they stream in, so that a feed of a million
/// items costs the memory of the entries kept, not of the ones read.
///
/// Entries are ranked by date (the later of `updated` and `published`), undated ones after
/// dated ones, ties in document order; the entries kept stay in document order. The feed is
/// trimmed each time it holds twice the limit, so trimming costs O(n log limit) over the read.
struct NewestEntries {
    /// The most entries kept; ``FeedParser/defaultMaxEntries`` unless the caller says otherwise.
    let limit: Int
    /// Entries dropped so far.
    private(set) var dropped = 0

    init(limit: Int) {
        self.limit = max(limit, 0)
    }

    /// Trims `feed` when it has grown to twice the limit.
    mutating func admit(_ feed: inout Feed) {
        let (twice, overflow) = max(limit, 1).multipliedReportingOverflow(by: 2)
        if !overflow, feed.entries.count >= twice { trim(&feed) }
    }

    /// Trims `feed` to the limit; the warning to report when anything was dropped.
    mutating func finish(_ feed: inout Feed) -> ParseWarning? {
        trim(&feed)
        guard dropped > 0 else { return nil }
        return ParseWarning("read \(dropped + feed.entries.count) entries, kept the newest \(feed.entries.count) (limit \(limit)) and dropped \(dropped)")
    }

    private mutating func trim(_ feed: inout Feed) {
        guard feed.entries.count > limit else { return }
        let ranked = feed.entries.indices.sorted { a, b in
            let first = Self.date(feed.entries[a]), second = Self.date(feed.entries[b])
            if first != second { return (first ?? .distantPast) > (second ?? .distantPast) }
            return a < b
        }
        let kept = ranked.prefix(limit).sorted()
        dropped += feed.entries.count - kept.count
        feed.entries = kept.map { feed.entries[$0] }
    }

    private static func date(_ entry: Entry) -> Date? {
        switch (entry.updated, entry.published) {
        case let (updated?, published?): return max(updated, published)
        case let (date?, nil), let (nil, date?): return date
        case (nil, nil): return nil
        }
    }
}
