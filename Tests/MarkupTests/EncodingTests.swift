import Foundation
import Markup
import Testing

@Suite("Encodings are sniffed, trusted in the right order, and repaired")
struct EncodingTests {
    private func title(_ bytes: [UInt8], hint: String? = nil) throws -> (String, [MarkupDiagnostic]) {
        let document = try MarkupDocument.parseXML(bytes, options: MarkupOptions(encoding: hint))
        let root = try #require(document.root)
        return (root.textContent, document.diagnostics)
    }

    @Test("undeclared Windows-1252 is read as Windows-1252")
    func undeclaredWindows1252() throws {
        let (text, diagnostics) = try title(try Fixture.bytes("windows-1252-undeclared.xml"))
        #expect(text == "Café “quoted” €")
        #expect(diagnostics.contains { $0.message.contains("Windows-1252") })
    }

    @Test("undeclared text that is mostly not UTF-8 is read in the encoding ICU finds in it; UTF-8 with stray bytes stays UTF-8")
    func undeclaredGuessed() throws {
        let sentence = "В понедельник городская библиотека откроется после ремонта, который продолжался почти два года. "
        let text = String(repeating: sentence, count: 4)
        let cp1251 = try #require(text.data(using: .windowsCP1251))
        let document = try MarkupDocument.parseHTML(Array("<html><body><p>".utf8) + Array(cp1251) + Array("</p></body></html>".utf8))
        #expect(document.root?.textContent.contains("городская библиотека") == true, "\(document.root?.textContent.prefix(80) ?? "")")
        let feed = try MarkupDocument.parseXML(Array("<title>".utf8) + Array(cp1251) + Array("</title>".utf8))
        #expect(feed.root?.textContent.contains("городская библиотека") == true)
        #expect(feed.diagnostics.contains { $0.message.contains("guessed") }, "\(feed.diagnostics)")

        let stray = Array("<html><body><p>Grüße aus Köln, schöne Grüße ".utf8) + [0xFF] + Array("</p></body></html>".utf8)
        let repaired = try MarkupDocument.parseHTML(stray)
        #expect(repaired.root?.textContent.contains("Grüße aus Köln") == true)
    }

    @Test("a UTF-8 declaration that lies about Latin-1 bytes")
    func lyingDeclaration() throws {
        let (text, _) = try title(try Fixture.bytes("lying-declaration.xml"))
        #expect(text == "Naïve résumé")
    }

    @Test("invalid bytes inside real UTF-8 are replaced, not fatal")
    func invalidUTF8() throws {
        let (text, diagnostics) = try title(try Fixture.bytes("invalid-utf8-mixed.xml"))
        #expect(text == "Grüße \u{FFFD}\u{FFFD} aus Köln")
        #expect(diagnostics.contains { $0.message.contains("U+FFFD") })
    }

    @Test("UTF-16 with a byte order mark")
    func utf16() throws {
        let (text, _) = try title(try Fixture.bytes("utf16-bom.xml"))
        #expect(text == "Zwölf Boxkämpfer")
    }

    @Test("ISO-8859-1 declarations read as Windows-1252, as browsers do")
    func latin1() throws {
        let (text, _) = try title(try Fixture.bytes("latin1-declared.xml"))
        #expect(text == "Olé …")
    }

    @Test("a declared legacy encoding is honoured")
    func koi8r() throws {
        let (text, _) = try title(try Fixture.bytes("koi8r-declared.xml"))
        #expect(text == "Привет")
    }

    @Test("the transport charset outranks the declaration")
    func hintWins() throws {
        let (text, _) = try title(try Fixture.bytes("lying-declaration.xml"), hint: "iso-8859-1")
        #expect(text == "Naïve résumé")
    }
}
