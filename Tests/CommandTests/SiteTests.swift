import FeedwrightTesting
import Foundation
import Syndication
import Testing

/// Issue 16's site features through the real binary against a site on loopback: discovery
/// (each way a page names its feed), multi-page articles under a site rule (joined once, in
/// order; a cycle stops), rule headers on article requests, and a listing page without a feed
/// subscribed as `type="html"`.
@Suite("Sites: discovery, multi-page rules, listing pages", .timeLimit(.minutes(2)))
struct SiteTests {
    static func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: CommandTests.fixture(name), encoding: .utf8)
    }

    /// A story page: its part's text, and a link to the next page when there is one.
    static func storyPage(_ part: String, next: String?) throws -> [UInt8] {
        let link = next.map { "<p><a class=\"next-page\" href=\"\($0)\">Next page</a></p>" } ?? ""
        return Array(try fixture("site/story.html").replacingOccurrences(of: "PART_TEXT", with: part).replacingOccurrences(of: "NEXT_LINK", with: link).utf8)
    }

    /// Six listed posts, each with a headline link, a date, an excerpt and a "read more".
    static func listingPage() throws -> [UInt8] {
        let items = (1...6).map { n in
            """
            <article class="post post-\(n)"><h2 class="entry-title"><a href="/blog/2026/11/post-\(n)-on-things.html">Post number \(n) about the things we saw</a></h2>
            <time datetime="2026-11-0\(n)T10:00:00Z">November \(n)</time><p class="excerpt">An excerpt of post \(n), long enough to read as the summary of the article it leads to.</p>
            <a class="more" href="/blog/2026/11/post-\(n)-on-things.html">Read more</a></article>
            """
        }
        return Array(try fixture("site/listing.html").replacingOccurrences(of: "ITEMS", with: items.joined(separator: "\n")).utf8)
    }

    /// An article of the listing: its own words, between a menu and comments.
    static func articlePage(_ n: Int) -> [UInt8] {
        let paragraphs = (1...4).map { "<p>Paragraph \($0) of article \(n) tells its part of the story at length, with commas, clauses, and a proper ending sentence.</p>" }
        return Array("""
            <!doctype html><html><head><title>Post number \(n) about the things we saw</title></head><body>
            <nav><a href="/">Home</a> <a href="/blog/">Blog</a></nav>
            <article><h1>Post number \(n) about the things we saw</h1>\(paragraphs.joined())<p>Only the full text of article \(n) says this.</p></article>
            <section class="comments"><p>Nice post!</p></section></body></html>
            """.utf8)
    }

    static func feed(_ title: String) throws -> [UInt8] {
        Array(try fixture("site/feed.rss").replacingOccurrences(of: "FEED_TITLE", with: title).utf8)
    }

    static func site() throws -> LoopbackServer {
        let html = [("Content-Type", "text/html; charset=utf-8")], rss = [("Content-Type", "application/rss+xml")]
        let pages: [String: LoopbackServer.Response] = [
            "/link/": .init(headers: html, body: Array(try fixture("site/link.html").utf8)),
            "/link/feed.xml": .init(headers: rss, body: try feed("Linked posts")),
            "/link/comments.xml": .init(headers: rss, body: try feed("Comments")),
            "/link/old-rss-page": .init(headers: html, body: Array("<html><body><p>What RSS is.</p></body></html>".utf8)),
            "/footer/": .init(headers: html, body: Array(try fixture("site/footer.html").utf8)),
            "/footer/posts.atom": .init(headers: rss, body: try feed("Footer posts")),
            "/header/": .init(headers: html + [("Link", "</style.css>; rel=\"preload\", </header/stream>; rel=\"alternate\"; type=\"application/atom+xml\"; title=\"Stream, headers only\"")], body: Array(try fixture("site/plain.html").utf8)),
            "/header/stream": .init(headers: rss, body: try feed("Header stream")),
            "/plain/": .init(headers: html, body: Array(try fixture("site/plain.html").utf8)),
            "/plain/index.xml": .init(headers: rss, body: try feed("Well-known")),
            "/story/1": .init(headers: html, body: try storyPage("Part one", next: "/story/2")),
            "/story/2": .init(headers: html, body: try storyPage("Part two", next: "/story/3")),
            "/story/3": .init(headers: html, body: try storyPage("Part three", next: nil)),
            "/loop/1": .init(headers: html, body: try storyPage("Loop one", next: "/loop/2")),
            "/loop/2": .init(headers: html, body: try storyPage("Loop two", next: "/loop/1#top")),
            "/blog/": .init(headers: html, body: try listingPage()),
        ]
        var articles: [String: LoopbackServer.Response] = [:]
        for n in 1...6 { articles["/blog/2026/11/post-\(n)-on-things.html"] = .init(headers: html, body: articlePage(n)) }
        let all = pages.merging(articles) { $1 }
        return try LoopbackServer { request in all[request.path] ?? .init(status: 404) }
    }

    @Test("discover puts the feed first for a <link>, a footer <a>, a Link header and a well-known path", arguments: [
        ("/link/", "/link/feed.xml", "link"), ("/footer/", "/footer/posts.atom", "anchor"),
        ("/header/", "/header/stream", "link-header"), ("/plain/", "/plain/index.xml", "well-known"),
    ])
    func discovery(page: String, expected: String, evidence: String) throws {
        let server = try Self.site()
        defer { try? server.shutdown() }
        let result = try CommandTests.run(["discover", server.base + page])
        #expect(result.status == 0, "\(result.errors)")
        let first = try #require(result.output.split(separator: "\n").first).split(separator: "\t", omittingEmptySubsequences: false)
        #expect(first.first.map(String.init) == server.base + expected)
        #expect(first.last.map(String.init) == evidence)
        if page == "/link/" {
            // The comment feed is offered too, after the article feed; the "About RSS" page is not a feed.
            #expect(result.output.contains(server.base + "/link/comments.xml"))
            #expect(!result.output.contains("old-rss-page"))
        }
    }

    @Test("discover says so and fails when a page offers no feed")
    func noFeed() throws {
        let server = try Self.site()
        defer { try? server.shutdown() }
        let result = try CommandTests.run(["discover", server.base + "/story/3"])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("offers no feed"))
    }

    @Test("a three-page article under next_page_link comes out whole, in order, once; the rule's headers are sent")
    func multiPage() throws {
        let server = try Self.site()
        defer { try? server.shutdown() }
        let rules = URL(fileURLWithPath: try CommandTests.fixture("site-rules")).path
        let result = try CommandTests.run(["extract", server.base + "/story/1", "--site-rules", rules])
        #expect(result.status == 0, "\(result.errors)")
        let text = result.output
        let parts = ["Part one", "Part two", "Part three"].map { text.ranges(of: $0).count }
        #expect(parts == [2, 2, 2], "each part's two paragraphs once: \(text)")
        let one = try #require(text.range(of: "Part one")), two = try #require(text.range(of: "Part two")), three = try #require(text.range(of: "Part three"))
        #expect(one.lowerBound < two.lowerBound && two.lowerBound < three.lowerBound)
        #expect(!text.contains("Another story entirely"))
        let story = server.requests.filter { $0.path.hasPrefix("/story/") }
        #expect(story.map(\.path) == ["/story/1", "/story/2", "/story/3"])
        #expect(story.allSatisfy { $0.header("User-Agent") == "FeedwrightRuleTest/1.0" && $0.header("Cookie") == "consent=yes" })
    }

    @Test("a page cycle stops: each page is read once")
    func pageCycle() throws {
        let server = try Self.site()
        defer { try? server.shutdown() }
        let rules = URL(fileURLWithPath: try CommandTests.fixture("site-rules")).path
        let result = try CommandTests.run(["extract", server.base + "/loop/1", "--site-rules", rules])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.ranges(of: "Loop one").count == 2)
        #expect(result.output.ranges(of: "Loop two").count == 2)
        #expect(server.requests.filter { $0.path.hasPrefix("/loop/") }.map(\.path) == ["/loop/1", "/loop/2"])
    }

    @Test("without rules the same page is one page, fetched with Feedwright's own agent")
    func withoutRules() throws {
        let server = try Self.site()
        defer { try? server.shutdown() }
        let result = try CommandTests.run(["extract", server.base + "/story/1"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Part one") && !result.output.contains("Part two"))
        #expect(server.requests.first { $0.path == "/story/1" }?.header("Cookie") == nil)
    }

    @Test("a listing page with no feed, subscribed as type=\"html\": six entries with full text; a second run adds none")
    func listingSource() throws {
        let server = try Self.site()
        defer { try? server.shutdown() }
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("listing-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let opml = """
            <?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
            <outline text="Listing" title="Listing"><outline type="html" text="The Listing Blog" htmlUrl="\(server.base)/blog/"/></outline>
            </body></opml>
            """
        try opml.write(toFile: workspace + "/subscriptions.opml", atomically: true, encoding: .utf8)
        let arguments = ["run", "--workspace", workspace, "--once", "--allow-private-addresses", "--host-delay", "0"]
        let first = try CommandTests.run(arguments)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("6 new"), "\(first.output)")
        #expect(first.output.contains("6 extracted"), "\(first.output)")
        let feed = try FeedParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: workspace + "/public/listing.atom")))).feed
        #expect(feed.entries.count == 6)
        for n in 1...6 {
            let entry = try #require(feed.entries.first { $0.alternateLink == "\(server.base)/blog/2026/11/post-\(n)-on-things.html" })
            #expect(entry.title?.value == "Post number \(n) about the things we saw")
            let content = entry.content?.value ?? ""
            #expect(content.contains("Only the full text of article \(n) says this."))
            #expect(!content.contains("Nice post!"))
        }
        let second = try CommandTests.run(arguments)
        #expect(second.status == 0, "\(second.errors)")
        #expect(second.output.contains("0 new"), "\(second.output)")
        #expect(second.output.contains("0 extracted"), "\(second.output)")
    }
}
