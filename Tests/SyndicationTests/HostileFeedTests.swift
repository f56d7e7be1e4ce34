import Foundation
import Markup
import Syndication
import Testing

@Suite("Hostile and huge feeds")
struct HostileFeedTests {
    @Test("a 50 MB feed parses completely")
    func fiftyMegabytes() throws {
        let item = "<item><title>Entry &amp; title</title><link>https://example.com/p</link><description>" + String(repeating: "Lorem ipsum dolor sit amet. ", count: 60) + "</description></item>\n"
        let count = 50_000_000 / item.utf8.count + 1
        var xml = "<rss version=\"2.0\"><channel><title>Big</title>\n"
        xml.reserveCapacity(count * item.utf8.count + 100)
        for _ in 0..<count { xml += item }
        xml += "</channel></rss>"
        let bytes = Array(xml.utf8)
        #expect(bytes.count > 50_000_000)
        let parsed = try FeedParser.parse(bytes, maxEntries: .max)
        #expect(parsed.feed.entries.count == count)
        #expect(parsed.feed.entries.last?.title?.value == "Entry & title")
    }

    @Test("invalid UTF-8 in a feed is replaced, the rest is read")
    func invalidUTF8() throws {
        var bytes = Array("<rss version=\"2.0\"><channel><title>Ünïcode ".utf8)
        bytes += [0xC3, 0x28, 0xFF]
        bytes += Array(" end</title><item><title>ok</title></item></channel></rss>".utf8)
        let parsed = try FeedParser.parse(bytes)
        #expect(parsed.feed.title?.value.hasPrefix("Ünïcode \u{FFFD}") == true)
        #expect(parsed.feed.entries.count == 1)
        #expect(!parsed.warnings.isEmpty)
    }

    @Test("billion laughs in a feed is a clear error")
    func billionLaughs() {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">"
        var previous = "a"
        for level in 1...9 {
            let name = "e\(level)"
            xml += "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
            previous = name
        }
        xml += "]><rss version=\"2.0\"><channel><title>&\(previous);</title></channel></rss>"
        do {
            _ = try FeedParser.parse(Array(xml.utf8))
            Issue.record("expansion was allowed")
        } catch {
            // Caught by Feedwright's expansion budget, or by libxml2's own loop check.
            switch error {
            case .unreadableMarkup(.entityExpansionLimit), .unreadableMarkup(.entityExpansion): break
            default: Issue.record("expected an entity-expansion refusal, got \(error)")
            }
        }
    }

    @Test("a feed of quadratic entity blowup is refused with the limit named")
    func quadraticBlowup() {
        let refs = String(repeating: "&big;", count: 10_000)
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"\(String(repeating: "lol ", count: 25_000))\">]><rss version=\"2.0\"><channel><title>t</title><item><title>\(refs)</title></item></channel></rss>"
        do {
            _ = try FeedParser.parse(Array(xml.utf8))
            Issue.record("quadratic blowup was read")
        } catch {
            guard case .unreadableMarkup(.entityExpansionLimit(let limit, _, _)) = error else {
                Issue.record("expected the expansion limit, got \(error)")
                return
            }
            #expect(limit == MarkupOptions.defaultMaxEntityExpansion)
        }
    }

    @Test("a million items: the first thousand kept (no dates), the rest counted in a warning")
    func millionItems() throws {
        var xml = "<rss version=\"2.0\"><channel><title>Many</title>\n"
        xml.reserveCapacity(30_000_000)
        for index in 0..<1_000_000 { xml += "<item><guid>\(index)</guid></item>\n" }
        xml += "</channel></rss>"
        let parsed = try FeedParser.parse(Array(xml.utf8))
        #expect(parsed.feed.entries.count == FeedParser.defaultMaxEntries)
        #expect(parsed.feed.entries.first?.id == "0")
        #expect(parsed.feed.entries.last?.id == "999")
        let warning = try #require(parsed.warnings.first { $0.message.contains("dropped") })
        #expect(warning.message.contains("read 1000000 entries"))
        #expect(warning.message.contains("dropped 999000"))
    }

    @Test("the newest entries are kept, in document order, wherever they stand")
    func newestKept() throws {
        // Days 1...9 in a shuffled order; undated entries rank after every dated one.
        let days = [3, 9, 1, 7, 5, 2, 8, 4, 6]
        var items = days.map { "<item><guid>d\($0)</guid><pubDate>0\($0) Jan 2024 10:00:00 GMT</pubDate></item>" }
        items.insert("<item><guid>undated</guid></item>", at: 4)
        let xml = "<rss version=\"2.0\"><channel><title>t</title>\(items.joined())</channel></rss>"
        let parsed = try FeedParser.parse(Array(xml.utf8), maxEntries: 3)
        #expect(parsed.feed.entries.map(\.id) == ["d9", "d7", "d8"])
        let json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\", \"items\": [" + days.map { "{\"id\": \"d\($0)\", \"date_published\": \"2024-01-0\($0)T10:00:00Z\"}" }.joined(separator: ",") + "]}"
        let fromJSON = try FeedParser.parse(Array(json.utf8), maxEntries: 2)
        #expect(fromJSON.feed.entries.map(\.id) == ["d9", "d8"])
        #expect(fromJSON.warnings.contains { $0.message.contains("dropped 7") })
    }

    @Test("scripts in content stay data: the model keeps them escaped, plain text drops them")
    func scripts() throws {
        let xml = "<rss version=\"2.0\"><channel><item><description>&lt;p&gt;hi&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;</description></item></channel></rss>"
        let parsed = try FeedParser.parse(Array(xml.utf8))
        let summary = try #require(parsed.feed.entries.first?.summary)
        #expect(summary.kind == .html)
        let contract = FeedContract(parsed).jsonLine()
        #expect(contract.contains("\"summary_text\":\"hi\""))
    }
}
