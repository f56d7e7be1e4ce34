import Foundation
import Syndication
import Testing

/// Listing pages read as feeds: found automatically on common layouts, or by XPath as
/// FreshRSS's HTML+XPath sources are; and their OPML outlines.
@Suite("Listing pages as feeds")
struct PageListingTests {
    @Test("a WordPress front page: the posts, in order, with dates and excerpts; menus, widgets and paging left out")
    func wordpress() throws {
        let feed = try PageListingReader.read(try Fixture.bytes("listing-wordpress.html"), url: "https://fieldnotes.example/")
        #expect(feed.format == .html)
        #expect(feed.title?.value == "Field Notes – A small blog about birds")
        #expect(feed.entries.map(\.alternateLink) == [
            "https://fieldnotes.example/2026/11/28/the-last-swallows/",
            "https://fieldnotes.example/2026/11/19/a-scope-for-winter/",
            "https://fieldnotes.example/2026/11/02/geese-over-the-estuary/",
        ])
        try #require(feed.entries.count == 3)
        #expect(feed.entries.map { $0.title?.value } == ["The last swallows of the year", "A spotting scope for winter", "Geese over the estuary at dusk"])
        #expect(feed.entries[0].published == Fixture.date("2026-11-28T08:12:00Z"))
        #expect(feed.entries[0].summary?.value.hasPrefix("They left on a cold morning") == true)
        #expect(feed.entries.allSatisfy { $0.id == $0.alternateLink })
    }

    @Test("a German news section: teaser links wrapping a heading; the heading is the title, the dotted date is read")
    func newsSection() throws {
        let feed = try PageListingReader.read(try Fixture.bytes("listing-news.html"), url: "https://stadtanzeiger.example/lokales/")
        #expect(feed.language == "de")
        try #require(feed.entries.count == 4)
        #expect(feed.entries.first?.title?.value == "Neue Brücke über den Fluss eröffnet")
        #expect(feed.entries.first?.alternateLink == "https://stadtanzeiger.example/lokales/neue-bruecke-ueber-den-fluss-eroeffnet-id4711.html")
        #expect(feed.entries.first?.published == Fixture.date("2026-12-01T00:00:00Z"))
        #expect(feed.entries.first?.summary?.value.hasPrefix("Nach drei Jahren") == true)
        #expect(!feed.entries.contains { $0.alternateLink?.contains("impressum") == true || $0.alternateLink?.hasSuffix("/sport/") == true })
    }

    @Test("XPath given: items, title, link, date and summary from each item")
    func byXPath() throws {
        let listing = PageListing(
            item: "//div[contains(@class,'teaser')]", title: "descendant::h3", link: "descendant::a/@href",
            date: "descendant::span[@class='teaser__date']", summary: "descendant::p")
        let feed = try PageListingReader.read(try Fixture.bytes("listing-news.html"), url: "https://stadtanzeiger.example/lokales/", listing: listing)
        try #require(feed.entries.count == 4)
        #expect(feed.entries[1].title?.value == "Der Wochenmarkt zieht auf den Rathausplatz")
        #expect(feed.entries[1].alternateLink == "https://stadtanzeiger.example/lokales/markt-zieht-auf-den-rathausplatz-id4702.html")
        #expect(feed.entries[1].summary?.value.hasPrefix("Die Händler") == true)
        #expect(feed.entries[1].published == Fixture.date("2026-11-30T00:00:00Z"))
    }

    @Test("a broken item expression is an error naming the page; a page with no listing gives no entries")
    func failures() throws {
        #expect(throws: SyndicationError.self) {
            try PageListingReader.read(try Fixture.bytes("listing-news.html"), url: "https://x.example/", listing: PageListing(item: "//div[("))
        }
        let empty = try PageListingReader.read(Array("<html><body><p>Just one paragraph, no links.</p></body></html>".utf8), url: "https://x.example/")
        #expect(empty.entries.isEmpty)
    }

    @Test("OPML: type=html and FreshRSS's HTML+XPath outlines become listings; a rewrite keeps them")
    func opml() throws {
        let subscriptions = try Subscriptions.parse(try Fixture.bytes("freshrss-xpath.opml"))
        let group = try #require(subscriptions.groups.first)
        #expect(group.sources == ["https://stadtanzeiger.example/lokales/", "https://fieldnotes.example/", "https://fieldnotes.example/feed/"])
        let xpath = try #require(group.listings["https://stadtanzeiger.example/lokales/"])
        #expect(xpath.item == "//div[contains(@class,'teaser')]")
        #expect(xpath.link == "descendant::a/@href")
        #expect(xpath.date == "descendant::span[@class='teaser__date']")
        #expect(group.listings["https://fieldnotes.example/"] == PageListing())
        #expect(group.listings["https://fieldnotes.example/feed/"] == nil)
        let again = try Subscriptions.parse(try subscriptions.opml(title: "t"))
        #expect(again.groups.first?.listings == group.listings)
        #expect(again.groups.first?.sources == group.sources)
    }
}
