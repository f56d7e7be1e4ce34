import Markup
import Testing

@Suite("Walking a tree")
struct NodeTests {
    @Test("namespaces, attributes, xml:base and xml:lang")
    func namespacesAndBase() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:x" xml:base="http://example.com/a/" xml:lang="de">
              <entry xml:base="b/"><link href="c.html" x:flag="yes"/></entry>
            </feed>
            """
        let document = try MarkupDocument.parseXML(Array(xml.utf8), options: MarkupOptions(baseURL: "http://ignored.example/"))
        let root = try #require(document.root)
        #expect(root.namespaceURI == "http://www.w3.org/2005/Atom")
        let link = try #require(root.elements.first?.elements.first)
        #expect(link.attribute("flag", namespace: "urn:x") == "yes")
        #expect(link.attribute("flag") == nil)
        #expect(link.resolve(link.attribute("href") ?? "") == "http://example.com/a/b/c.html")
        #expect(link.language == "de")
        #expect(link.attributes.count == 2)
    }

    @Test("the document URL resolves references when there is no xml:base")
    func documentURL() throws {
        let document = try MarkupDocument.parseXML(Array("<rss><link>/x</link></rss>".utf8), options: MarkupOptions(baseURL: "https://example.org/feeds/main.xml"))
        let link = try #require(document.root?.elements.first)
        #expect(link.resolve("/x") == "https://example.org/x")
        #expect(link.resolve("y?q=1") == "https://example.org/feeds/y?q=1")
    }

    @Test("nodes keep their document alive")
    func lifetime() throws {
        var node: MarkupNode?
        do {
            let document = try MarkupDocument.parseXML(Array("<a><b>kept</b></a>".utf8))
            node = document.root?.elements.first
        }
        #expect(node?.textContent == "kept")
    }

    @Test("inline XHTML serialises as HTML without namespace prefixes")
    func innerHTML() throws {
        let xml = #"<c xmlns:h="http://www.w3.org/1999/xhtml"><h:p class="x">a &amp; <h:br/>b</h:p></c>"#
        let document = try MarkupDocument.parseXML(Array(xml.utf8))
        #expect(document.root?.innerHTML == #"<p class="x">a &amp; <br>b</p>"#)
    }

    @Test("descendants come depth first in document order, the first `limit` of them, without the node itself")
    func descendants() throws {
        let document = try MarkupDocument.parseXML(Array("<a><b><c/><d/></b><e><f/></e></a>".utf8))
        let root = try #require(document.root)
        #expect(root.descendants(limit: 100).map(\.localName) == ["b", "c", "d", "e", "f"])
        #expect(root.descendants(limit: 3).map(\.localName) == ["b", "c", "d"])
        #expect(root.descendants(limit: 0).map(\.localName).isEmpty)
        // A nesting far deeper than the limit costs the limit, not the depth.
        let deep = String(repeating: "<x>", count: 200) + String(repeating: "</x>", count: 200)
        let nested = try #require(try MarkupDocument.parseXML(Array(deep.utf8)).root)
        #expect(nested.descendants(limit: 10).map(\.localName).count == 10)
    }

    @Test("a node is within itself and its ancestors, not within its siblings or descendants")
    func within() throws {
        let document = try MarkupDocument.parseXML(Array("<a><b><c/></b><e/></a>".utf8))
        let root = try #require(document.root)
        let b = try #require(root.elements.first)
        let c = try #require(b.elements.first)
        let e = try #require(root.elements.first { $0.localName == "e" })
        #expect(c.isWithin([b]))
        #expect(c.isWithin([e, root]))
        #expect(c.isWithin([c]))
        #expect(!c.isWithin([e]))
        #expect(!b.isWithin([c]))
        #expect(!c.isWithin([]))
    }
}
