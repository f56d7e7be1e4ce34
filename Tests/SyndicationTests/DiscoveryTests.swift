import Foundation
import Syndication
import Testing

/// How a page names its feeds (`Link` headers, `<link>`, `<a>`), ranked best first.
@Suite("Feed discovery: links a page offers")
struct DiscoveryTests {
    @Test("Link header values: several per value, quoted commas and semicolons, relative targets")
    func linkHeader() {
        let links = LinkHeader.links([
            "</feed.atom>; rel=\"alternate\"; type=\"application/atom+xml\"; title=\"Posts, all of them; really\", <https://hub.example/>; rel=hub",
            "<page/2>; rel=\"next\"",
        ], base: "https://example.com/blog/")
        #expect(links.map(\.href) == ["https://example.com/feed.atom", "https://hub.example/", "https://example.com/blog/page/2"])
        #expect(links.map(\.relation) == ["alternate", "hub", "next"])
        #expect(links[0].title == "Posts, all of them; really")
        #expect(links[0].mediaType == "application/atom+xml")
    }

    @Test("a malformed Link header gives what can be read and never fails")
    func brokenLinkHeader() {
        #expect(LinkHeader.links(["no angle brackets; rel=alternate", "<", "\"<unclosed", ""], base: "https://example.com/").isEmpty)
        // Found by the discovery fuzz target: a target with a control character does not
        // resolve, and is not offered as a feed.
        let control = FeedLinks.candidates(in: [], url: "https://example.com/", linkHeaders: ["</feed.x\u{0F}l>; rel=\"alternate\"; type=\"application/rss+xml\""])
        #expect(control.allSatisfy { $0.url.hasPrefix("https://") })
        // And a `feed:` link that is no address once its scheme is taken off.
        let broken = FeedLinks.candidates(in: Array("<a href=feed:*/footer/>Feed</a><a href=feed:/feeds/all>Feed</a>".utf8), url: "https://example.com/")
        #expect(broken.map(\.url) == ["https://example.com/*/footer/", "https://example.com/feeds/all"])
    }

    @Test("article feeds before comment feeds; head links before body links before anchors; each once")
    func ranking() {
        let page = """
            <html><head>
            <link rel="alternate" type="application/rss+xml" title="Comments Feed" href="/comments/feed/">
            <link rel="alternate" type="application/rss+xml" title="Posts" href="/feed/">
            <link rel="alternate" type="text/html" href="/fr/">
            <link rel="alternate" type="application/json" href="/about.json">
            </head><body>
            <link rel="alternate" type="application/atom+xml" href="/body.atom">
            <p><a href="/feed/">RSS</a> <a href="feed://example.com/podcast.xml">Podcast</a> <a href="/subscribe">Subscribe via Atom</a>
            <a href="/rss-explained">What is this?</a> <a href="#top">Top</a></p>
            </body></html>
            """
        let found = FeedLinks.candidates(in: Array(page.utf8), url: "https://example.com/", linkHeaders: ["</header.xml>; rel=\"alternate\"; type=\"application/rss+xml\""])
        #expect(found.map(\.url) == [
            "https://example.com/feed/", "https://example.com/header.xml", "https://example.com/body.atom",
            "http://example.com/podcast.xml", "https://example.com/subscribe", "https://example.com/comments/feed/",
        ])
        #expect(found.map(\.evidence) == [.headLink, .linkHeader, .bodyLink, .anchor, .anchor, .headLink])
        #expect(found.last?.isComments == true)
    }

    @Test("well-known paths: the page's directory first, then the site's root")
    func wellKnown() {
        let paths = FeedLinks.wellKnownPaths(for: "https://example.com/blog/post?x=1#y")
        #expect(paths.first == "https://example.com/blog/feed/")
        #expect(paths.contains("https://example.com/index.xml"))
        #expect(paths.contains("https://example.com/feed.json"))
        #expect(Set(paths).count == paths.count)
        #expect(FeedLinks.wellKnownPaths(for: "https://example.com").first == "https://example.com/feed/")
        #expect(FeedLinks.wellKnownPaths(for: "not a url").isEmpty)
    }

    @Test("hostile pages: no links at all, binary bytes, a huge page of anchors — bounded, no crash")
    func hostile() {
        #expect(FeedLinks.candidates(in: [], url: "https://example.com/").isEmpty)
        #expect(FeedLinks.candidates(in: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131) }, url: "https://example.com/").isEmpty)
        let many = "<html><body>" + String(repeating: "<a href=\"/x\">RSS</a>", count: 20_000) + "</body></html>"
        #expect(FeedLinks.candidates(in: Array(many.utf8), url: "https://example.com/").map(\.url) == ["https://example.com/x"])
    }
}
