import Foundation

/// An entry ready for either store: its document encoded, and the columns that `export` and
/// people reading the table see without decoding it.
struct StoredRow: Sendable {
    var entry: StoredEntry
    var document: Data
    var link: String?
    var title: String?

    /// Encodes every entry, naming the first that cannot be.
    static func encode(_ entries: [StoredEntry]) throws(StoreError) -> [StoredRow] {
        var rows: [StoredRow] = []
        rows.reserveCapacity(entries.count)
        for entry in entries {
            do {
                rows.append(StoredRow(entry: entry, document: try EntryDocument.encode(entry.entry), link: entry.entry.alternateLink, title: entry.entry.title?.value))
            } catch {
                throw .corruptEntry(identity: entry.identity, reason: "\(error)")
            }
        }
        return rows
    }
}
