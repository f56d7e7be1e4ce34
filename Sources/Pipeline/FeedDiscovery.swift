import FeedwrightCore
import Fetching
import Foundation
import Syndication

/// The feeds a web page offers, found the way Miniflux and FreshRSS subscribe from a
/// homepage: the page's own links (``FeedLinks``), each fetched to check that it is a feed,
/// and the well-known paths only when the page names none that is.
public struct FeedDiscovery: Sendable {
    /// Fetches the page and the candidates.
    public var fetcher: any DocumentFetcher
    /// The most candidates fetched to check them (the page's links, then the well-known
    /// paths): a page with a hundred "RSS" links costs a bounded number of requests.
    public var maximumChecks = 16

    /// Discovery through `fetcher`.
    public init(fetcher: any DocumentFetcher) {
        self.fetcher = fetcher
    }

    /// The feeds of the page at `url`, best first, each checked to be a feed and titled by
    /// the feed itself when the page gave no title. Empty when the page offers none.
    /// - Throws: the fetcher's ``FetchError`` when the page itself cannot be fetched.
    public func feeds(of url: String) async throws(FetchError) -> [FeedCandidate] {
        let page = try await fetcher.fetch(url, etag: nil, lastModified: nil)
        if let feed = try? FeedParser.parse(page.bytes, url: page.url, charset: page.charset).feed {
            return [FeedCandidate(url: page.url, mediaType: nil, title: feed.title?.value, evidence: .itself)]
        }
        let candidates = Array(FeedLinks.candidates(in: page.bytes, url: page.url, charset: page.charset, linkHeaders: page.links).prefix(maximumChecks))
        var checks = candidates.count
        let found = await checkAll(candidates)
        if !found.isEmpty { return found }
        for address in FeedLinks.wellKnownPaths(for: page.url) where checks < maximumChecks {
            checks += 1
            // The first that answers is enough: the others are usually the same feed again.
            if let checked = await check(FeedCandidate(url: address, evidence: .wellKnownPath)) { return [checked] }
        }
        return []
    }

    /// The candidates that answer with a feed, in their order, checked at once (the fetcher's
    /// per-host gate keeps that polite): a page naming a dozen feeds costs one round trip of
    /// waiting, not twelve.
    private func checkAll(_ candidates: [FeedCandidate]) async -> [FeedCandidate] {
        await withTaskGroup(of: (Int, FeedCandidate?).self) { group in
            for (index, candidate) in candidates.enumerated() {
                group.addTask { (index, await check(candidate)) }
            }
            var results = [FeedCandidate?](repeating: nil, count: candidates.count)
            for await (index, checked) in group { results[index] = checked }
            return results.compactMap { $0 }
        }
    }

    /// The candidate with its final address and title when it answers with a feed.
    private func check(_ candidate: FeedCandidate) async -> FeedCandidate? {
        guard let document = try? await fetcher.fetch(candidate.url, etag: nil, lastModified: nil),
              let feed = try? FeedParser.parse(document.bytes, url: document.url, charset: document.charset).feed else { return nil }
        var checked = candidate
        checked.url = document.permanentURL ?? candidate.url
        if checked.title?.isEmpty ?? true { checked.title = feed.title?.value }
        if checked.mediaType == nil { checked.mediaType = FeedDiscovery.mediaType(of: feed.format) }
        return checked
    }

    static func mediaType(of format: FeedFormat) -> String {
        switch format {
        case .atom10, .atom03: return "application/atom+xml"
        case .rss20, .rss09x: return "application/rss+xml"
        case .rss10: return "application/rdf+xml"
        case .jsonfeed: return "application/feed+json"
        case .html: return "text/html"
        }
    }
}
