import FeedwrightCore
import Fetching
import Foundation
import Store
import Syndication

/// Reads a subscribed feed's history back through its RFC 5005 archives: from the current
/// document's `prev-archive` link, archive after archive, until an archive holds an entry
/// already stored (what came before it was read then) or ``maximumDocuments`` were read.
///
/// History is best effort: an archive that cannot be fetched or read ends the walk, with a
/// note in the report, and the entries found so far are kept. The archives' entries are
/// stored as the archives give them; articles are fetched only for the current document's,
/// so that subscribing to a long history does not send hundreds of page requests to one site.
struct FeedHistoryReader {
    /// The most archive documents one walk reads.
    static let maximumDocuments = 50

    var fetcher: any DocumentFetcher
    var store: any FeedStore
    var sourceID: Int64
    /// The subscribed feed's address: a feed on the web may only lead to archives on the web.
    var sourceURL: String

    /// The entries of `feed` with their identities, each identity once (`seen` collects them).
    static func items(of feed: Feed, seen: inout Set<String>) -> [(Entry, String)] {
        feed.entries.compactMap { entry in
            let identity = EntryIdentity.identity(of: entry)
            return seen.insert(identity).inserted ? (entry, identity) : nil
        }
    }

    /// The archived entries older than `feed` (newest archive first), none of them in `seen`.
    func olderEntries(before feed: Feed, seen: inout Set<String>, report: inout PollCycle.Report) async -> [(Entry, String)] {
        var found: [(Entry, String)] = []
        var visited: Set<String> = [sourceURL]
        var next = Self.previousArchive(of: feed)
        while let url = next, visited.count <= Self.maximumDocuments, !Task.isCancelled {
            guard visited.insert(url).inserted else { break }
            guard !WebURL.isHTTP(sourceURL) || WebURL.isHTTP(url) else {
                report.errors.append("\(sourceURL): archive \(url) is not a web address; history not followed")
                break
            }
            let archive: Feed
            do {
                let document = try await fetcher.fetch(url, etag: nil, lastModified: nil)
                archive = try FeedParser.parse(document.bytes, url: document.url, charset: document.charset).feed
            } catch {
                report.errors.append("\(sourceURL): archive \(url): \(error); history read up to it")
                break
            }
            let items = Self.items(of: archive, seen: &seen)
            let known = (try? await store.entryStates(sourceID: sourceID, identities: items.map(\.1))) ?? [:]
            found += items.filter { known[$0.1] == nil }
            // An archive holding an entry already stored was read before, and all older ones.
            if !known.isEmpty { break }
            next = Self.previousArchive(of: archive)
        }
        return found
    }

    /// The document's `prev-archive` link (RFC 5005 §4). A paged feed's `previous` (§3) is
    /// not followed: its pages change as entries arrive.
    static func previousArchive(of feed: Feed) -> String? {
        feed.links.first { $0.relation == "prev-archive" }?.href
    }
}
