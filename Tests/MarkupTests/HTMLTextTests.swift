import Foundation
import Markup
import Testing

/// `HTMLText.plainText(_:)` reads markup with libxml2's SAX parser, `plainText(of:)` walks a
/// parsed tree: the two must agree on real pages, and on the edge cases of the rules.
@Suite("Plain text of HTML")
struct HTMLTextTests {
    static var shared: URL {
        ProcessInfo.processInfo.environment["FEEDWRIGHT_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("shared")
    }

    @Test("the SAX reading gives the tree walk's text on every UTF-8 page of the Readability set")
    func saxMatchesTree() throws {
        let input = Self.shared.appendingPathComponent("corpus/extraction/readability-tests/input")
        let names = try FileManager.default.contentsOfDirectory(atPath: input.path).filter { $0.hasSuffix(".html") }.sorted()
        #expect(names.count > 100)
        var compared = 0
        for name in names {
            let bytes = Array(try Data(contentsOf: input.appendingPathComponent(name)))
            // The string form is UTF-8 by definition; the tree sniffs. Compare where they agree.
            guard let html = String(validating: bytes, as: UTF8.self), !html.lowercased().contains("charset=iso"),
                  !html.lowercased().contains("charset=windows") else { continue }
            let tree = try MarkupDocument.parseHTML(bytes)
            let walked = tree.root.flatMap { HTMLText.plainText(of: $0) }
            #expect(HTMLText.plainText(html) == walked, "\(name)")
            compared += 1
        }
        #expect(compared > 90)
    }

    @Test("tags removed, entities decoded, scripts dropped, space collapsed")
    func plainText() throws {
        let text = HTMLText.plainText("<p>Hello <b>world</b> &amp; caf&eacute;</p><script>alert(1)</script><p>Second&nbsp;para</p>")
        #expect(text == "Hello world & café Second para")
        #expect(HTMLText.plainText("   ") == nil)
        #expect(HTMLText.plainText("a < b") == "a < b")
    }

    @Test("an HTML page parses with its charset and text")
    func page() throws {
        let document = try MarkupDocument.parseHTML(try Fixture.bytes("page.html"))
        let root = try #require(document.root)
        let text = HTMLText.plainText(of: root) ?? ""
        #expect(text.contains("Hello world & café"))
        #expect(!text.contains("not text"))
    }

    @Test("elements break words, scripts and styles drop, entities decode, white space collapses")
    func rules() {
        #expect(HTMLText.plainText("<p>one</p><p>two</p>") == "one two")
        // A dropped element is no word break: the tree walk reads it the same way.
        #expect(HTMLText.plainText("a <script>var x = '<p>';</script>b<style>p{}</style> c") == "a b c")
        #expect(HTMLText.plainText("caf&eacute;&nbsp;&amp;\u{3000}tea &#x1F600;") == "café & tea 😀")
        #expect(HTMLText.plainText("  \n\t ") == nil)
        #expect(HTMLText.plainText("<template><b>hidden</b></template><i>shown</i>") == "shown")
        #expect(HTMLText.plainText("<![CDATA[x]]>text") != nil)
    }

    @Test("a line break of the source between two Chinese or Japanese characters vanishes; one beside Korean, Latin, an element or other white space is a space")
    func eastAsianLineBreaks() throws {
        let cases: [(String, String)] = [
            ("<p>東京の\n天気は晴れ</p>", "東京の天気は晴れ"),
            ("<p>雨が降る。\r\n  明日も</p>", "雨が降る。明日も"),
            ("<p>ｶﾀｶﾅ\nかな</p>", "ｶﾀｶﾅかな"),
            ("<p>東京 天気</p>", "東京 天気"),
            ("<p>東京\u{A0}\n天気</p>", "東京 天気"),
            ("<p>서울의\n날씨</p>", "서울의 날씨"),
            ("<p>東京\nTokyo</p>", "東京 Tokyo"),
            ("<p>東京</p>\n<p>天気</p>", "東京 天気"),
            ("<p>東京<br>\n天気</p>", "東京 天気"),
        ]
        for (html, expected) in cases {
            #expect(HTMLText.plainText(html) == expected, "\(html)")
            let tree = try MarkupDocument.parseHTML(Array(html.utf8))
            #expect(tree.root.flatMap { HTMLText.plainText(of: $0) } == expected, "\(html)")
        }
        #expect(HTMLText.collapseWhitespace("東京\n天気") == "東京天気")
        #expect(HTMLText.collapseWhitespace("東京" + HTMLText.elementBreak + "\n天気") == "東京 天気")
        #expect(HTMLText.collapseWhitespace("\u{20000}\n\u{20001}") == "\u{20000}\u{20001}")
    }

    @Test("a fragment nested past the depth cap keeps the text above it and stops below")
    func deepNesting() throws {
        let html = String(repeating: "<div>", count: 2_000) + "deep" + String(repeating: "</div>", count: 2_000) + "after"
        let text = try #require(HTMLText.plainText("top " + html))
        #expect(text.hasPrefix("top"))
        #expect(!text.contains("deep"))
    }

    @Test("white space collapses as Unicode's White_Space property says, in every mix of scripts, spaces and controls")
    func collapsingMatchesUnicode() {
        // Pieces chosen to sit on and across the eight-byte steps of the ASCII skip.
        let pieces = ["a", "word", "eightchr", " ", "  ", "\t", "\n", "\r\n", " \n ", "\u{A0}", "é", "’", "\u{3000}", "中文", "かな", "ｶﾅ", "한국",
                      "\u{1}", "\u{7F}", "\u{2028}", "x y", "\u{205F}", "\u{1F600}", "\u{20000}"]
        // Chinese, Japanese and half-width katakana; Korean and the rest are not.
        let wide = Set("中文かなｶﾅ\u{20000}".unicodeScalars)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let scalars = Array(text.unicodeScalars)
            var words: [String] = [], word = "", space: [Unicode.Scalar] = []
            for scalar in scalars + [" "] {
                if scalar.properties.isWhitespace {
                    if !word.isEmpty { words.append(word) }
                    if !word.isEmpty || !space.isEmpty { space.append(scalar) }
                    word = ""
                    continue
                }
                // A line break of the source between two wide characters, with only ASCII
                // white space around it, vanishes; any other white space reads as one space.
                if let last = words.last?.unicodeScalars.last, space.contains(where: { $0 == "\n" || $0 == "\r" }),
                   space.allSatisfy(\.isASCII), wide.contains(last), wide.contains(scalar) {
                    word = words.removeLast()
                }
                space = []
                word.unicodeScalars.append(scalar)
            }
            let expected = words.isEmpty ? nil : words.joined(separator: " ")
            #expect(HTMLText.collapseWhitespace(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            // The SAX gatherer copies the same runs from libxml2's text callbacks (which drop
            // control characters, not allowed in XML and not text in HTML).
            if !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !$0.properties.isWhitespace }) {
                #expect(HTMLText.plainText("<p>" + text + "</p>") == expected)
            }
        }
    }
}
