import FeedwrightCore
import Foundation
import Syndication
import Testing

/// The JSON the command line prints: RFC 8259 escaping, and the contract's shape.
@Suite("Writing JSON")
struct JSONWriterTests {
    @Test("every string survives a round trip through a JSON reader: controls, quotes, scripts, emoji")
    func escaping() throws {
        let strings = [
            "plain", "quote \" and backslash \\ and slash /", "line\nfeed\rreturn\ttab", "\u{08}\u{0C}\u{00}\u{1F}\u{7F}",
            "café — 東京 — Ελληνικά — 😀", "\u{2028}\u{2029}", "</script>", "",
        ]
        for string in strings {
            var writer = JSONWriter()
            writer.object {
                $0.field("s", string)
                $0.field("n", 42)
                $0.field("none", nil as String?)
                $0.field("list", [string, "x"])
            }
            let object = try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any])
            #expect(object["s"] as? String == string)
            #expect(object["n"] as? Int == 42)
            #expect(object["none"] is NSNull)
            #expect(object["list"] as? [String] == [string, "x"])
        }
        var writer = JSONWriter()
        writer.string("a\u{01}b\"/")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #""a\u0001b\"/""#)
    }

    @Test("random mixes of text and escapes, across the eight-byte steps of the scan, read back as written")
    func escapingAtEveryOffset() throws {
        let pieces = ["a", "eightchr", "\"", "\\", "\n", "\u{01}", "\u{1F}", " ", "é", "東京", "😀", "\u{7F}", "/"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let string = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var writer = JSONWriter()
            writer.string(string)
            let read = try JSONSerialization.jsonObject(with: Data(writer.bytes), options: .fragmentsAllowed) as? String
            #expect(read == string, "\(Array(string.utf8))")
        }
    }

    @Test("a parsed feed's line has the contract's keys, sorted, and its values")
    func contractLine() throws {
        let feed = Array("""
            <rss version="2.0"><channel><title>T &amp; co</title><link>https://example.com/</link>
            <item><title>One</title><link>https://example.com/1</link><description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;</description>
            <enclosure url="https://example.com/a.mp3" type="audio/mpeg" length="12"/></item></channel></rss>
            """.utf8)
        let line = FeedContract(try FeedParser.parse(feed)).jsonLine()
        #expect(line.hasPrefix(#"{"entries":[{"authors":[],"categories":[],"content_text":null,"enclosures":[{"length":12,"type":"audio/mpeg","url":"https://example.com/a.mp3"}]"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "T & co")
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.first?["summary_text"] as? String == "Hello world")
        #expect(Set(object.keys) == ["entries", "format", "link", "subtitle", "title", "updated", "warnings"])
    }

    @Test("a long feed's entries, converted on every core, keep their order")
    func longFeedOrder() throws {
        var xml = "<rss version=\"2.0\"><channel><title>Long</title>"
        for index in 0..<500 { xml += "<item><guid>g\(index)</guid><description>&lt;p&gt;item \(index)&lt;/p&gt;</description></item>" }
        xml += "</channel></rss>"
        let line = FeedContract(try FeedParser.parse(Array(xml.utf8), maxEntries: 1_000)).jsonLine()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.count == 500)
        #expect(entries.map { $0["summary_text"] as? String } == (0..<500).map { "item \($0)" })
    }
}
