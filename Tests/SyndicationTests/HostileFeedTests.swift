import Foundation
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
        let parsed = try FeedParser.parse(bytes)
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
            #expect("\(error)".contains("entity expansion"))
        }
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
