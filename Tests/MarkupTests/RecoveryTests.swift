import Markup
import Testing

@Suite("Broken XML still yields what can be read")
struct RecoveryTests {
    @Test("HTML entities and bare ampersands survive, with a warning")
    func htmlEntities() throws {
        let document = try MarkupDocument.parseXML(try Fixture.bytes("html-entities.xml"))
        let channel = try #require(document.root?.elements.first)
        let fields: [String: String] = Dictionary(channel.elements.map { ($0.localName, $0.textContent) }, uniquingKeysWith: { first, _ in first })
        #expect(fields["title"] == "Café\u{A0}Society & Friends")
        #expect(fields["link"] == "http://example.com/?a=1&b=2")
        #expect(fields["description"] == "AT&T says © 2024 &unknownthing; — done")
        #expect(document.diagnostics.contains { $0.message.contains("repaired") })
    }

    @Test("unclosed tags keep everything before the break")
    func unclosedTags() throws {
        let document = try MarkupDocument.parseXML(try Fixture.bytes("unclosed-tags.xml"))
        let channel = try #require(document.root?.elements.first)
        let items = channel.elements.filter { $0.localName == "item" }
        #expect(items.count == 2)
        #expect(items.first?.textContent.contains("kept") == true)
        #expect(document.diagnostics.contains { $0.severity == .error && $0.line > 0 })
    }

    @Test("junk before the declaration and after the root is ignored")
    func junkAroundRoot() throws {
        let document = try MarkupDocument.parseXML(try Fixture.bytes("junk-around-root.xml"))
        #expect(document.root?.localName == "rss")
        #expect(document.root?.textContent == "Junk first")
        #expect(document.diagnostics.contains { $0.message.contains("junk") })
    }

    @Test("CDATA reads as text")
    func cdata() throws {
        let document = try MarkupDocument.parseXML(Array("<a><![CDATA[<b>&amp;</b>]]> tail</a>".utf8))
        #expect(document.root?.textContent == "<b>&amp;</b> tail")
    }
}
