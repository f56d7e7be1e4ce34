import Markup
import Testing

@Suite struct XPathTests {
    private func page() throws -> MarkupDocument {
        try MarkupDocument.parseHTML(Array("<html><body><div id='a' class='x y'><p>one</p><p>two <b>bold</b></p></div><img src='i.png' srcset='s.png'></body></html>".utf8))
    }

    @Test func selectsNodesAttributesAndValues() throws {
        let document = try page()
        #expect(try document.select("//p").map(\.textContent) == ["one", "two bold"])
        let attribute = try #require(try document.select("//img/@srcset").first)
        #expect(attribute.isAttribute && attribute.textContent == "s.png")
        #expect(try document.evaluate("count(//p)").firstString == "2")
        #expect(try document.evaluate("string(//div/@id)").firstString == "a")
        #expect(try document.evaluate("contains(//div/@class, 'y')").isTruthy)
        let div = try #require(try document.select("//div").first)
        #expect(try document.select("./p[2]/b", from: div).map(\.textContent) == ["bold"])
    }

    @Test func aBadExpressionIsANamedError() throws {
        let document = try page()
        #expect(throws: MarkupError.xpath(expression: "//p[", reason: "not a valid XPath 1.0 expression")) {
            try document.select("//p[")
        }
    }

    @Test func anExpensiveExpressionStopsAtTheOperationLimit() throws {
        let html = "<html><body>" + String(repeating: "<div><p>x</p></div>", count: 3000) + "</body></html>"
        let document = try MarkupDocument.parseHTML(Array(html.utf8))
        #expect(throws: MarkupError.self) {
            try document.select("//*[count(//*[count(//*) > 1]) > 1]")
        }
    }

    @Test func editsKeepOtherNodesValid() throws {
        let document = try page()
        let paragraphs = try document.select("//p")
        paragraphs[0].remove()
        #expect(paragraphs[0].parent == nil && paragraphs[0].textContent == "one", "a removed node stays readable")
        try #require(try document.select("//b").first).dissolve()
        #expect(try document.select("//p").map(\.textContent) == ["two bold"])
        #expect(try document.select("//b").isEmpty)
        let wrapper = try #require(paragraphs[1].wrap(in: "blockquote"))
        #expect(wrapper.localName == "blockquote")
        #expect(try document.select("//div/blockquote/p").count == 1)
        try #require(try document.select("//img/@srcset").first).remove()
        #expect(try document.select("//img/@srcset").isEmpty)
        try #require(try document.select("//img").first).setAttribute("src", to: "real.png")
        #expect(try document.evaluate("string(//img/@src)").firstString == "real.png")
    }
}
