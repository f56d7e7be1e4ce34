import FeedwrightCore
import Foundation
import Extraction
import Markup
import Syndication
import Testing

@Suite("Article extraction from HTML")
struct ArticleExtractorTests {
    static func article() throws -> Article {
        try ArticleExtractor.extract(try Fixture.bytes("article.html"), url: "https://gazette.example/news/bridge?utm=x")
    }

    @Test("posts the story quotes (a tweet, an Instagram post) stay, whatever their box is called; the follow and share boxes around the story go")
    func quotedPostsKept() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("story-quoting-tweets.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.contains("They spent half a million on this and nobody read it out loud once? https://t.co/abc123"), "\(paragraphs)")
        #expect(paragraphs.contains("— Road Watcher (@roadwatcher) November 18, 2019"), "\(paragraphs)")
        #expect(paragraphs.contains("Our posters went up this morning in every service station on the highway."), "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("A spokesman added") == true, "\(paragraphs)")
        expectAbsent(["Follow us on Twitter", "Tweet", "Most read", "Bridge closed"], from: article)
    }

    @Test("the body keeps the story and drops every kind of chrome")
    func body() throws {
        let text = try Self.article().text
        #expect(text.hasPrefix("The harbour bridge reopened to traffic on Tuesday morning"))
        #expect(text.contains("£84 million"), "entities decoded, white space normalised")
        #expect(text.contains("A long wait"), "the article's own subheading stays")
        #expect(text.contains("We promised a bridge"), "quotes stay")
        #expect(text.contains("Cyclists: a new protected lane"), "lists stay")
        #expect(text.contains("the engineers' findings"))
        for chrome in ["cookies", "Sport", "Local news from around", "Share on", "Photo:", "Subscribe", "READ MORE",
                       "Ferry fares", "Most read", "Great news", "All rights reserved", "not text", "Harbour bridge reopens after two years"] {
            #expect(!text.contains(chrome), "leaked: \(chrome)")
        }
    }

    @Test("metadata from JSON-LD, OpenGraph and the page")
    func metadata() throws {
        let article = try Self.article()
        #expect(article.title == "Harbour bridge reopens after two years of repairs")
        #expect(article.authors == ["Ada Reporter", "Ben Writer"])
        #expect(article.published.map(TimestampFormat.rfc3339) == "2024-03-05T07:30:00Z")
        #expect(article.modified.map(TimestampFormat.rfc3339) == "2024-03-05T09:00:00Z")
        #expect(article.url == "https://gazette.example/news/2024/03/05/bridge-reopens")
        #expect(article.image == "https://gazette.example/images/bridge.jpg")
        #expect(article.siteName == "The Example Gazette")
        #expect(article.language == "en-GB")
        #expect(article.description == "The bridge is open again.")
    }

    @Test("paragraphs written as <div>s, and a blog's posts written with <br>s, stay paragraphs apart in the HTML")
    func layoutBlocksStayParagraphs() throws {
        let divs = try ArticleExtractor.extract(Array(("<html><body><div class=\"story\"><div>The council met on Tuesday and, after a long debate, " +
            "agreed to close two of its five branch libraries next year.</div><div>The branches will shut in March, and their books " +
            "will move to the central library, which opens longer.</div></div></body></html>").utf8))
        #expect(divs.html.hasPrefix("<p>The council met on Tuesday") && divs.html.contains("next year.</p><p>The branches"), "\(divs.html)")
        // An element the sanitizer does not know may sit inside a sentence: its text stays there.
        let inline = try ArticleExtractor.extract(Array(("<html><body><div class=\"story\"><p>The board said, after a long meeting on Tuesday, that " +
            "<acronym>IMO</acronym> rules and <nobr>port fees</nobr> would apply to every ship calling at the harbour from next spring.</p></div></body></html>").utf8))
        let spaced = inline.html.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(spaced.contains("that IMO rules and port fees would apply"), "\(inline.html)")
        let posts = try ArticleExtractor.extract(try Fixture.bytes("blog-front-page-posts.html")).html
        #expect(posts.components(separatedBy: "<div>").count == 4, "each post's body a block of its own: \(posts)")
    }

    @Test("the HTML is sanitized: no scripts, handlers or foreign iframes; lazy images and relative links resolved")
    func sanitizedHTML() throws {
        let html = try Self.article().html
        #expect(html.contains("https://gazette.example/images/bridge-large.jpg"), "data-src becomes the real src")
        #expect(html.contains("<iframe src=\"https://www.youtube.com/embed/abc123\""))
        #expect(!html.contains("evil.example"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<form"))
        #expect(html.contains("href=\"https://gazette.example/reports/bridge\""))
        #expect(html.contains("<h2>A long wait</h2>"))
        #expect(html.contains("<blockquote>"))
        #expect(html.contains("<figcaption>The bridge at dawn."), "a figure keeps its caption")
        #expect(!(try Self.article().text.contains("The bridge at dawn")), "the caption is not body text")
    }

    @Test("a title without structured data comes from <title> with the site name stripped")
    func titleFallback() throws {
        let html = "<html><head><title>Quiet week in the village - The Daily Example</title><meta property=\"og:site_name\" content=\"The Daily Example\"></head><body><div><p>Nothing much happened in the village this week, and everyone agreed that was for the best, as the weather was fine.</p><p>The bakery sold out of bread twice, which is a record for a quiet week in early spring, the baker said.</p></div></body></html>"
        let article = try ArticleExtractor.extract(Array(html.utf8))
        #expect(article.title == "Quiet week in the village")
        #expect(article.text.contains("bakery"))
    }
}

@Suite("The sanitizer's output over real pages")
struct SanitizerOutputTests {
    @Test("well-formed XHTML with nothing executable, on every readability-test page and the fuzzer's finds")
    func wellFormedEverywhere() throws {
        let pages = Fixture.shared.appendingPathComponent("corpus/extraction/readability-tests/input")
        let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("FuzzRegressions/sanitizer")
        var files = try FileManager.default.contentsOfDirectory(at: pages, includingPropertiesForKeys: nil)
        try #require(files.count > 100, "the corpus at \(pages.path) is missing")
        files += try FileManager.default.contentsOfDirectory(at: regressions, includingPropertiesForKeys: nil)
        var checked = 0
        for file in files {
            guard let article = try? ArticleExtractor.extract(Array(try Data(contentsOf: file)), url: "https://example.com/a/b") else { continue }
            let document = try MarkupDocument.parseXML(Array("<div>\(article.html)</div>".utf8))
            let errors = document.diagnostics.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(file.lastPathComponent): \(errors.first.map { "\($0)" } ?? "")")
            let lower = article.html.lowercased()
            #expect(!lower.contains("<script") && !lower.contains("javascript:") && !lower.contains(" onerror=") && !lower.contains(" onclick="), "\(file.lastPathComponent)")
            // A `data:` URL only as an image's own picture, never made by resolving a link
            // against a page that names `data:` as its canonical address.
            #expect(!lower.replacingOccurrences(of: "src=\"data:image/", with: "").contains("=\"data:"), "\(file.lastPathComponent)")
            checked += 1
        }
        #expect(checked > 100)
    }
}

@Suite("A page's own address")
struct CanonicalAddressTests {
    @Test("a canonical that is not a web address is not the page's URL nor the base of its links", arguments: ["data:://example.org/story", "javascript:alert(1)//", "file:///etc/passwd"])
    func canonicalScheme(canonical: String) throws {
        let html = "<html><head><link rel=\"canonical\" href=\"\(canonical)\"></head><body><article><p>The museum reopens on Saturday after " +
            "two years of building work, with a new wing for its collection of maps.</p><p><img src=\"//cdn.example.org/wing.jpg\" alt=\"\">" +
            "<a href=\"/tickets\">Tickets</a> are free for the first week, and the café on the roof opens in June.</p></article></body></html>"
        let article = try ArticleExtractor.extract(Array(html.utf8), url: "https://museum.example/news/reopening")
        #expect(article.url == "https://museum.example/news/reopening")
        #expect(article.html.contains("src=\"https://cdn.example.org/wing.jpg\""), "\(article.html)")
        #expect(article.html.contains("href=\"https://museum.example/tickets\""), "\(article.html)")
    }
}

@Suite("Hostile pages end in a result or a clear error")
struct HostilePageTests {
    @Test("100 MB of nested divs")
    func nestedDivs() {
        let depth = 10_000_000
        var bytes = [UInt8]()
        bytes.reserveCapacity(depth * 11 + 100)
        bytes += Array("<html><body>".utf8)
        let open = Array("<div>".utf8), close = Array("</div>".utf8)
        for _ in 0..<depth { bytes += open }
        bytes += Array("deep text".utf8)
        for _ in 0..<depth { bytes += close }
        #expect(bytes.count > 100_000_000)
        do {
            let article = try ArticleExtractor.extract(bytes)
            #expect(article.text.count < 1000)
        } catch {
            #expect(error == .noContent)
        }
    }

    @Test("forty thousand paragraphs, each with a photo and its caption after it, in one block: every caption found by looking it up, not by a search along the block")
    func captionsInALongBlock() throws {
        var html = "<html><body><div>"
        for index in 0..<40_000 {
            html += "<p>Paragraph \(index) of the long story, with words enough to count as a sentence of prose here.</p>"
            html += "<img src=\"/p/\(index).jpg\" alt=\"The scene at stop \(index)\"><p>The scene at stop \(index)</p>"
        }
        html += "</div></body></html>"
        let article = try ArticleExtractor.extract(Array(html.utf8))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 40_000)
        #expect(paragraphs.allSatisfy { $0.hasPrefix("Paragraph ") })
    }

    @Test("a page of only scripts has no article")
    func onlyScripts() {
        let html = "<html><head><script>var a = 1;</script></head><body><script>document.write('<p>hello world, this is not an article at all, it is a script.</p>')</script></body></html>"
        #expect(throws: ExtractionError.noContent) { try ArticleExtractor.extract(Array(html.utf8)) }
    }

    @Test("invalid UTF-8 is repaired, the text still comes through")
    func invalidUTF8() throws {
        var bytes = Array("<html><head><meta charset=\"utf-8\"></head><body><article><p>Caf\u{E9} owners say the street has changed completely over the past ten years, and not only for the better.".utf8)
        bytes += [0xFF, 0xFE, 0xC3]
        bytes += Array(" They still open every morning at six, whatever the weather does outside.</p></article></body></html>".utf8)
        let article = try ArticleExtractor.extract(bytes)
        #expect(article.text.contains("Café owners"))
        #expect(article.text.contains("\u{FFFD}"))
    }

    @Test("a page without a body, and an empty page")
    func noBody() {
        #expect(throws: ExtractionError.self) { try ArticleExtractor.extract(Array("<html><head><title>x</title></head></html>".utf8)) }
        #expect(throws: ExtractionError.self) { try ArticleExtractor.extract([]) }
    }
}

@Suite("Articles as feed entries")
struct ArticleEntryTests {
    @Test("an article maps to a complete entry with a stable id")
    func entry() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("article.html"))
        let entry = Entry(article: article, fetchedAt: Date(timeIntervalSince1970: 0))
        #expect(entry.id == "https://gazette.example/news/2024/03/05/bridge-reopens")
        #expect(entry.alternateLink == entry.id)
        #expect(entry.content?.kind == .html)
        #expect(entry.authors.map(\.name) == ["Ada Reporter", "Ben Writer"])
        #expect(entry.updated == article.modified)

        var anonymous = article
        anonymous.url = nil
        let first = Entry(article: anonymous, fetchedAt: Date()).id
        let second = Entry(article: anonymous, fetchedAt: Date(timeIntervalSince1970: 5)).id
        #expect(first == second && first?.hasPrefix("urn:uuid:") == true)
    }
}
