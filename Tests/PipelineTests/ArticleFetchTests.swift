import Extraction
import FeedwrightTesting
import Fetching
import Foundation
import Pipeline
import Synchronization
import Testing

/// Multi-page articles and single-page views under a site rule, with a web held in memory.
@Suite("Article fetch: site rules across pages", .timeLimit(.minutes(1)), .scratch)
struct ArticleFetchTests {
    /// Pages by URL; every fetch is logged, and a missing page is a 404.
    final class PageWeb: DocumentFetcher {
        let pages: [String: String]
        private let log = Mutex<[String]>([])

        init(_ pages: [String: String]) {
            self.pages = pages
        }

        var fetched: [String] { log.withLock { $0 } }

        func fetch(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> FetchedDocument {
            log.withLock { $0.append(url) }
            guard let page = pages[url] else { throw .httpStatus(url: url, status: 404) }
            return FetchedDocument(bytes: Array(page.utf8), url: url)
        }
    }

    static func page(_ words: String, next: String? = nil, single: String? = nil, marker: String = "") -> String {
        let nextLink = next.map { "<a class=\"next\" href=\"\($0)\">next</a>" } ?? ""
        let singleLink = single.map { "<a class=\"print\" href=\"\($0)\">all on one page</a>" } ?? ""
        return """
            <html><head><title>Story</title></head><body>\(marker)<div class="story">
            <p>\(words) is told in a paragraph long enough to be prose, with commas, clauses, and an ending.</p>
            <p>\(words) goes on in a second paragraph so that the page has a body of its own to extract.</p></div>
            \(nextLink)\(singleLink)</body></html>
            """
    }

    static func rules(_ text: String) throws -> SiteRuleLibrary {
        let directory = try Scratch.directory("rules")
        try text.write(to: directory.appendingPathComponent("news.example.txt"), atomically: true, encoding: .utf8)
        return SiteRuleLibrary(directories: [directory])
    }

    static let nextRule = "body: //div[@class='story']\nnext_page_link: //a[@class='next']\n"

    @Test("a page that fails in the middle: the article is the first page alone, not a body with a hole")
    func allOrNothing() async throws {
        let web = PageWeb([
            "https://news.example/a/1": Self.page("Page one", next: "/a/2"),
            "https://news.example/a/2": Self.page("Page two", next: "/a/3"),
        ])
        let article = try await ArticleFetch(fetcher: web, rules: try Self.rules(Self.nextRule)).article(at: "https://news.example/a/1")
        #expect(article.text.contains("Page one"))
        #expect(!article.text.contains("Page two"))
        #expect(web.fetched == ["https://news.example/a/1", "https://news.example/a/2", "https://news.example/a/3"])
    }

    @Test("at most maximumPages pages, in order")
    func pageCap() async throws {
        var pages: [String: String] = [:]
        for n in 1...30 { pages["https://news.example/long/\(n)"] = Self.page("Section \(n)", next: "/long/\(n + 1)") }
        let web = PageWeb(pages)
        var fetch = ArticleFetch(fetcher: web, rules: try Self.rules(Self.nextRule))
        fetch.maximumPages = 4
        let article = try await fetch.article(at: "https://news.example/long/1")
        #expect(web.fetched.count == 4)
        let positions = (1...4).map { article.text.range(of: "Section \($0) ")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0! < $1! })
        #expect(!article.text.contains("Section 5 "))
    }

    @Test("a next link to another site is not followed")
    func staysOnSite() async throws {
        let web = PageWeb(["https://news.example/x": Self.page("Home page", next: "https://elsewhere.example/x/2")])
        let article = try await ArticleFetch(fetcher: web, rules: try Self.rules(Self.nextRule)).article(at: "https://news.example/x")
        #expect(article.text.contains("Home page"))
        #expect(web.fetched == ["https://news.example/x"])
    }

    @Test("single_page_link wins over next_page_link; if_page_contains gates a link")
    func singlePage() async throws {
        let rule = """
            body: //div[@class='story']
            single_page_link: //a[@class='print']
            next_page_link: //a[@class='next']
            if_page_contains: //div[@class='paywall']
            """
        let web = PageWeb([
            "https://news.example/s/1": Self.page("First part", next: "/s/2", single: "/s/all"),
            "https://news.example/s/all": Self.page("The whole story"),
            "https://news.example/s/2": Self.page("Second part"),
        ])
        let library = try Self.rules(rule)
        let article = try await ArticleFetch(fetcher: web, rules: library).article(at: "https://news.example/s/1")
        #expect(article.text.contains("The whole story"))
        #expect(!article.text.contains("First part"))
        // The page has no paywall box, so its next link does not count: one page is read.
        let gated = PageWeb(["https://news.example/g/1": Self.page("Gated", next: "/g/2"), "https://news.example/g/2": Self.page("Never")])
        let one = try await ArticleFetch(fetcher: gated, rules: library).article(at: "https://news.example/g/1")
        #expect(one.text.contains("Gated") && !one.text.contains("Never"))
        #expect(gated.fetched == ["https://news.example/g/1"])
        let walled = PageWeb([
            "https://news.example/w/1": Self.page("Walled", next: "/w/2", marker: "<div class=\"paywall\">subscribe</div>"),
            "https://news.example/w/2": Self.page("Behind"),
        ])
        let joined = try await ArticleFetch(fetcher: walled, rules: library).article(at: "https://news.example/w/1")
        #expect(joined.text.contains("Walled") && joined.text.contains("Behind"))
    }

    @Test("the rule's headers travel with the page requests, for the rule's site only")
    func headers() async throws {
        let seen = SiteRequestHeadersProbe()
        let library = try Self.rules("http_header(user-agent): Probe/2\nhttp_header(cookie): a=b\nhttp_header(host): evil.example\n")
        _ = try? await ArticleFetch(fetcher: seen, rules: library).article(at: "https://www.news.example/p")
        let headers = try #require(seen.last)
        #expect(headers.headers(forHost: "news.example") == ["user-agent": "Probe/2", "cookie": "a=b"])
        #expect(headers.headers(forHost: "www.news.example") == ["user-agent": "Probe/2", "cookie": "a=b"])
        #expect(headers.headers(forHost: "elsewhere.example").isEmpty)
    }

    /// Records the site headers in effect for each fetch.
    final class SiteRequestHeadersProbe: DocumentFetcher {
        private let log = Mutex<[SiteRequestHeaders?]>([])
        var last: SiteRequestHeaders? { log.withLock { $0.last ?? nil } }

        func fetch(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> FetchedDocument {
            log.withLock { $0.append(SiteRequestHeaders.current) }
            return FetchedDocument(bytes: Array(ArticleFetchTests.page("Probe").utf8), url: url)
        }
    }
}
