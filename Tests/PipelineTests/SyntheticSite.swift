import Fetching
import Foundation

/// An in-memory web of `feeds` RSS feeds with `items` items each, every item linking to an
/// article page; fetches take `latency`. Used where a real server adds nothing.
struct SyntheticSite: DocumentFetcher {
    var feeds: Int
    var items: Int
    var latency: Duration = .zero

    var feedURLs: [String] { (0..<feeds).map { "http://site\($0).test/feed.xml" } }

    func fetch(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> FetchedDocument {
        do {
            try await Task.sleep(for: latency)
        } catch {
            throw .cancelled(url: url)
        }
        guard let parsed = URL(string: url), let host = parsed.host else { throw .unsupportedURL(url) }
        if parsed.path == "/feed.xml" {
            let body = (0..<items).map { "<item><title>Story \($0) of \(host)</title><link>http://\(host)/story/\($0)</link><guid>http://\(host)/story/\($0)</guid><description>Short.</description></item>" }.joined()
            return FetchedDocument(bytes: Array("<rss version=\"2.0\"><channel><title>\(host)</title>\(body)</channel></rss>".utf8), url: url)
        }
        let title = "Story \(parsed.lastPathComponent) of \(host)"
        let page = "<html><head><title>\(title)</title></head><body><article><h1>\(title)</h1><p>The full text of \(title) is long enough to be an article body, with commas, clauses, and a second sentence.</p><p>Another paragraph of \(title) makes it read like a real page.</p></article></body></html>"
        return FetchedDocument(bytes: Array(page.utf8), url: url)
    }
}
