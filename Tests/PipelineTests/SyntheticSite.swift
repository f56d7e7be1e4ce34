import Fetching
import Foundation
import Synchronization

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
        private struct State {
            var allowance: Int
            var started = 0
            var held = 0
            var released = false
        }

        private let state: Mutex<State>

        init(allowance: Int) {
            state = Mutex(State(allowance: allowance))
        }

        /// Feed fetches waiting right now.
        var held: Int { state.withLock { $0.held } }

        /// Lets every held and later fetch through.
        func release() {
            state.withLock { $0.released = true }
        }

        func pass() async throws {
            let holds = state.withLock { state in
                state.started += 1
                let holds = !state.released && state.started > state.allowance
                if holds { state.held += 1 }
                return holds
            }
            guard holds else { return }
            defer { state.withLock { $0.held -= 1 } }
            while !state.withLock({ $0.released }) {
                try await Task.sleep(for: .milliseconds(5))
            }
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
