import Foundation
import Syndication
import Testing

@Suite("Atom 1.0 and 0.3")
struct AtomReaderTests {
    @Test("Atom 1.0 with xml:base, xhtml content, enclosure and every feed field")
    func atom10() throws {
        let parsed = try Fixture.feed("atom10.xml")
        let feed = parsed.feed
        #expect(parsed.warnings.isEmpty)
        #expect(feed.format == .atom10)
        #expect(feed.title == Text("Dive <em>into</em> Atom", kind: .html))
        #expect(feed.id == "tag:blog.example.net,2003:3")
        #expect(feed.alternateLink == "https://blog.example.net/")
        #expect(feed.selfLink == "https://blog.example.net/feed.atom")
        #expect(feed.authors == [Person(name: "Mark", email: "mark@example.net", uri: "https://blog.example.net/about")])
        #expect(feed.generator == Generator(name: "Generator", uri: "https://example.net/gen", version: "1.0"))
        #expect(feed.icon == "https://blog.example.net/favicon.ico")
        #expect(feed.image?.url == "https://blog.example.net/logo.png")
        #expect(feed.language == "en")

        let entry = try #require(feed.entries.first)
        #expect(entry.alternateLink == "https://blog.example.net/posts/2005/04/02/atom")
        #expect(entry.enclosures == [Enclosure(url: "http://example.org/audio/ph34r_my_podcast.mp3", mediaType: "audio/mpeg", length: 1337)])
        #expect(entry.published == Fixture.date("2003-12-13T12:29:29Z"))
        #expect(entry.updated == Fixture.date("2005-07-31T12:29:29Z"))
        #expect(entry.contributors.first?.name == "Sam Ruby")
        #expect(entry.categories == [Category(term: "atom", scheme: "https://blog.example.net/tags", label: "Atom")])
        #expect(entry.summary == Text("Plain <summary>", kind: .text))
        #expect(entry.content == Text(#"<p><i>[Update: The Atom draft is finished.]</i></p><img src="pic.png">"#, kind: .html))
    }

    @Test("Atom 0.3 names, escaped mode and base64 mode")
    func atom03() throws {
        let feed = try Fixture.feed("atom03.xml").feed
        #expect(feed.format == .atom03)
        #expect(feed.subtitle?.value == "Old tagline")
        #expect(feed.updated == Fixture.date("2003-12-13T18:30:02Z"))
        #expect(feed.authors.first?.uri == "http://example.org/john")
        #expect(feed.rights?.value == "Copyright 2003")
        let entry = try #require(feed.entries.first)
        #expect(entry.published == Fixture.date("2003-12-13T12:29:29Z"))
        #expect(entry.content == Text("Base64 body", kind: .text), "the last content element wins")
    }
}

@Suite("JSON Feed 1.0 and 1.1")
struct JSONFeedReaderTests {
    @Test("JSON Feed 1.1 with attachments, relative URLs and a bad date")
    func jsonFeed11() throws {
        let parsed = try Fixture.feed("jsonfeed11.json")
        let feed = parsed.feed
        #expect(feed.format == .jsonfeed)
        #expect(feed.title?.value == "JSON Blog")
        #expect(feed.alternateLink == "https://json.example.com/")
        #expect(feed.entries.count == 2)
        let first = feed.entries[0]
        #expect(first.alternateLink == "https://json.example.com/posts/2")
        #expect(first.content?.kind == .html)
        #expect(first.published == Fixture.date("2020-01-02T02:04:05Z"))
        #expect(first.authors.first?.name == "Jay Son", "items inherit the feed's authors")
        #expect(first.enclosures == [Enclosure(url: "https://json.example.com/a.mp3", mediaType: "audio/mpeg", length: 42)])
        #expect(feed.entries[1].id == "1", "numeric ids become strings")
        #expect(feed.entries[1].published == nil, "an unreadable date is nil, never now")
        #expect(parsed.warnings.contains { $0.message.contains("not a date") })
    }

    @Test("JSON Feed 1.0 with a single author")
    func jsonFeed10() throws {
        let feed = try Fixture.feed("jsonfeed10.json").feed
        #expect(feed.authors.first?.name == "Solo")
        #expect(feed.entries.first?.content == Text("one"))
    }

    @Test("invalid JSON and non-feeds are clear errors")
    func errors() throws {
        #expect(throws: SyndicationError.self) { _ = try FeedParser.parse(Array("{\"items\": [".utf8)) }
        #expect(throws: SyndicationError.self) { _ = try FeedParser.parse(Array("{\"hello\": 1}".utf8)) }
        do {
            _ = try Fixture.feed("not-a-feed.xml")
            Issue.record("a note is not a feed")
        } catch let error as SyndicationError {
            #expect(error == .notAFeed(root: "note", line: 2))
        }
    }
}
