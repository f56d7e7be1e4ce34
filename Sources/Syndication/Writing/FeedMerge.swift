import Foundation

/// Folds new entries into an existing feed: new ones are added, changed ones replace the old
/// version with a fresh `updated`, unchanged ones are left exactly as they were, and nothing is
/// duplicated. Entries are matched by id, else by alternate link.
public enum FeedMerge {
    public static func merge(_ incoming: [Entry], into existing: Feed, now: Date) -> Feed {
        var feed = existing
        var positions: [String: Int] = [:]
        for (index, entry) in feed.entries.enumerated() {
            if let key = identity(entry) { positions[key] = positions[key] ?? index }
        }
        for entry in incoming {
            guard let key = identity(entry), let index = positions[key] else {
                feed.entries.append(entry)
                if let key = identity(entry) { positions[key] = feed.entries.count - 1 }
                continue
            }
            let old = feed.entries[index]
            guard changed(old, entry) else { continue }
            var replacement = entry
            replacement.id = old.id ?? entry.id
            replacement.published = entry.published ?? old.published
            // A changed entry must look newer than the version readers already have.
            replacement.updated = max(entry.updated ?? now, now, old.updated ?? .distantPast)
            feed.entries[index] = replacement
        }
        return feed
    }

    static func identity(_ entry: Entry) -> String? {
        entry.id ?? entry.alternateLink
    }

    /// Whether what a reader sees differs (dates alone do not count).
    static func changed(_ old: Entry, _ new: Entry) -> Bool {
        old.title?.value != new.title?.value || old.content?.value != new.content?.value
            || old.summary?.value != new.summary?.value || old.authors.map(\.name) != new.authors.map(\.name)
    }
}
