import Foundation
import Syndication
import Testing

@Suite("RSS 0.9x, 1.0 and 2.0")
struct RSSReaderTests {
    @Test("RSS 2.0 with content, Dublin Core, atom:link, media and enclosures")
    func rss20() throws {
        let parsed = try Fixture.feed("rss20.xml")
        let feed = parsed.feed
        #expect(parsed.warnings.isEmpty)
        #expect(feed.format == .rss20)
        #expect(feed.title == Text("Example News"))
        #expect(feed.alternateLink == "https://news.example.com/")
        #expect(feed.selfLink == "https://news.example.com/feed.xml")
        #expect(feed.subtitle?.kind == .html)
        #expect(feed.language == "en-us")
        #expect(feed.updateHint?.interval == 1800)
        #expect(feed.image?.url == "https://news.example.com/logo.png")
        #expect(feed.updated == Fixture.date("2002-09-07T09:42:31Z"))
        #expect(feed.entries.count == 2)

        let first = feed.entries[0]
        #expect(first.title?.value == "First & foremost")
        #expect(first.id == "item-1")
        #expect(first.alternateLink == "https://news.example.com/first")
        #expect(first.published == Fixture.date("2002-09-07T00:00:01Z"))
        #expect(first.authors == [Person(name: "Ed Itor", email: "editor@example.com"), Person(name: "Second Writer")])
        #expect(first.categories == [Category(term: "Politics", scheme: "https://news.example.com/tags")])
        #expect(first.summary == Text("Short <i>summary</i>", kind: .html))
        #expect(first.content == Text("<p>Full <b>body</b> &amp; more</p>", kind: .html))
        #expect(first.enclosures == [Enclosure(url: "https://news.example.com/a.mp3", mediaType: "audio/mpeg", length: 12345)])
        #expect(first.images.first?.url == "https://news.example.com/t.jpg")
        #expect(first.commentsLink == "https://news.example.com/first#comments")

        let second = feed.entries[1]
        #expect(second.alternateLink == "https://news.example.com/second", "a permalink guid is the link")
        #expect(second.updated == Fixture.date("2002-09-08T08:00:00Z"))
    }

    @Test("RSS 2.0 with the syndication module: period and frequency combine wherever they stand")
    func rss20Syndication() throws {
        // The channel's children stream past one at a time, an item and a ttl between them.
        let feed = try Fixture.feed("rss20-syndication.xml").feed
        #expect(feed.updateHint?.interval == 1800, "hourly, twice: every 30 minutes (ttl's 10 is shorter)")
        #expect(feed.entries.count == 1)
    }

    @Test("a start tag missing its '>' costs neither that item nor the channel's xml:base of the next")
    func brokenStartTag() throws {
        let parsed = try Fixture.feed("broken-start-tag.xml")
        #expect(parsed.warnings.contains { $0.message.contains("Start Tag") })
        let entries = parsed.feed.entries
        #expect(entries.map { $0.title?.value } == ["<b>x</b>", "two"])
        #expect(entries.map(\.alternateLink) == ["http://example.org/base/one", "http://example.org/base/two"])
        #expect(entries.map(\.language) == ["fr", "fr"])
    }

    @Test("items an internal entity expands to are read where it is referenced, each time")
    func entityItems() throws {
        let feed = try Fixture.feed("entity-items.xml").feed
        #expect(feed.title?.value == "T")
        #expect(feed.entries.map { $0.title?.value } == ["from entity", "also", "direct", "from entity", "also"])
    }

    @Test("RSS 1.0 with the syndication module")
    func rss10() throws {
        let feed = try Fixture.feed("rss10.rdf").feed
        #expect(feed.format == .rss10)
        #expect(feed.id == "http://example.org/rss.rdf")
        #expect(feed.updateHint?.interval == 1800)
        #expect(feed.entries.count == 1)
        #expect(feed.entries[0].id == "http://example.org/one")
        #expect(feed.entries[0].authors.first?.name == "Rita Writer")
        #expect(feed.entries[0].categories.map(\.term) == ["Testing"])
        #expect(feed.entries[0].updated == Fixture.date("2003-12-31T10:14:55Z"))
    }

    @Test("RSS 0.91 with HTML entities and a DTD that is never fetched")
    func rss091() throws {
        let parsed = try Fixture.feed("rss091.xml")
        #expect(parsed.feed.format == .rss09x)
        #expect(parsed.feed.entries.first?.title?.value == "Café opens")
        #expect(parsed.feed.entries.first?.summary?.value == "Now \u{A0}open")
    }

    @Test("RSS 0.90 (RDF with the Netscape namespace)")
    func rss090() throws {
        let feed = try Fixture.feed("rss090.rdf").feed
        #expect(feed.format == .rss09x)
        #expect(feed.title?.value == "Mozilla Dot Org")
        #expect(feed.entries.first?.alternateLink == "http://www.mozilla.org/status/")
    }

    @Test("iTunes and media RSS, with a miscapitalised namespace URI")
    func podcast() throws {
        let feed = try Fixture.feed("itunes-podcast.xml", url: "https://pod.example.com/feed").feed
        #expect(feed.authors.first?.name == "Pod Host")
        #expect(feed.image?.url == "https://pod.example.com/art.jpg")
        #expect(feed.categories.map(\.term) == ["Technology", "Gadgets"])
        let episode = try #require(feed.entries.first)
        #expect(episode.duration == 3723)
        #expect(episode.authors.first?.name == "Guest Host")
        #expect(episode.summary?.value == "Episode summary")
        #expect(episode.categories.map(\.term) == ["swift", "feeds"])
        #expect(episode.enclosures.first?.url == "https://pod.example.com/ep1.mp3", "relative enclosure resolved against the document URL")
        #expect(episode.media.map(\.url) == ["https://pod.example.com/ep1-hi.mp3", "https://pod.example.com/ep1.jpg"])
        #expect(episode.images.first?.width == 600)
    }

    @Test("undeclared prefixes and a named US zone still read")
    func sloppy() throws {
        let parsed = try Fixture.feed("undeclared-prefix.xml")
        let entry = try #require(parsed.feed.entries.first)
        #expect(entry.authors.first?.name == "Undeclared Author")
        #expect(entry.published == Fixture.date("2004-01-26T21:31:00Z"))
        #expect(!parsed.warnings.isEmpty, "the undeclared prefix is reported")
    }
}
