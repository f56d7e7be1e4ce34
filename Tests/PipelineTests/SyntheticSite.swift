import Fetching
import Foundation
import FeedwrightTesting

/// An in-memory web of `feeds` RSS feeds with `items` items each, every item linking to an
/// article page; fetches take `latency`. Used where a real server adds nothing.
struct SyntheticSite: DocumentFetcher {
    var feeds: Int
    var items: Int
    var latency: Duration = .zero
    /// When set, feed fetches past its allowance hang until cancelled or released.
    var stall: Stall?

    /// Lets the first `allowance` feed fetches through and holds every later one, so a test can
    /// stop a cycle at a known point however the machine schedules it.
    final class Stall: Sendable {
        private let allowance: Int
        private let started = Countdown()
        private let holding = Countdown()
        private let released = Latch()

        init(allowance: Int) {
            self.allowance = allowance
        }

        /// Returns once `count` feed fetches are being held.
        func waitUntilHeld(_ count: Int) async throws {
            try await holding.wait(until: count)
        }

        /// Lets every held and later fetch through.
        func release() {
            released.open()
        }

        func pass() async throws {
            guard started.increment() > allowance, !released.isOpen else { return }
            holding.increment()
            try await released.wait()
        }
    }

    var feedURLs: [String] { (0..<feeds).map { "http://site\($0).test/feed.xml" } }

    func fetch(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> FetchedDocument {
        guard let parsed = URL(string: url), let host = parsed.host else { throw .unsupportedURL(url) }
        let isFeed = parsed.path == "/feed.xml"
        do {
            try await Task.sleep(for: latency)
            if isFeed, let stall { try await stall.pass() }
        } catch {
            throw .cancelled(url: url)
        }
        if isFeed {
            let body = (0..<items).map { "<item><title>Story \($0) of \(host)</title><link>http://\(host)/story/\($0)</link><guid>http://\(host)/story/\($0)</guid><description>Short.</description></item>" }.joined()
            return FetchedDocument(bytes: Array("<rss version=\"2.0\"><channel><title>\(host)</title>\(body)</channel></rss>".utf8), url: url)
        }
        let title = "Story \(parsed.lastPathComponent) of \(host)"
        let page = "<html><head><title>\(title)</title></head><body><article><h1>\(title)</h1><p>The full text of \(title) is long enough to be an article body, with commas, clauses, and a second sentence.</p><p>Another paragraph of \(title) makes it read like a real page.</p></article></body></html>"
        return FetchedDocument(bytes: Array(page.utf8), url: url)
    }
}
