import Foundation
@testable import Markup
import Syndication
import Testing

/// One reader over many fragments answers what a fresh parse of each answers: nothing of one
/// fragment (an error, an open element, a name in the dictionary) leaks into the next.
@Suite("Plain text through one reused reader")
struct HTMLTextReaderTests {
    /// Every title, summary and content of the feed corpus.
    static func corpusFragments() throws -> [String] {
        var fragments: [String] = []
        for file in CorpusTests.corpusFiles() {
            guard let parsed = try? FeedParser.parse(Array(try Data(contentsOf: file))) else { continue }
            for entry in parsed.feed.entries {
                fragments += [entry.title, entry.summary, entry.content].compactMap { $0?.value }
            }
        }
        return fragments
    }

    @Test("where the XML reading of a fragment succeeds, the HTML parser reads the same text (why a reader may skip it)")
    func xmlReadingIsTheHTMLReading() throws {
        var wellFormed = 0
        for fragment in try Self.corpusFragments() + ["<p>a</p><p>b</p>", "a<br/>b", "<ul><li>one</li><li>two</li></ul>", "x &nbsp; y &eacute; &#8212;"] {
            let bytes = Array(fragment.utf8)
            guard let xml = bytes.withUnsafeBufferPointer({ HTMLTextGatherer.wellFormedText(of: $0, reader: HTMLTextReader()) }) else { continue }
            wellFormed += 1
            #expect((xml.isEmpty ? nil : xml) == bytes.withUnsafeBufferPointer { HTMLTextGatherer.htmlText(of: $0) }, "\(fragment.prefix(120))")
        }
        #expect(wellFormed > 500)
    }

    @Test("after three malformed fragments in a row a reader goes straight to the HTML parser, then tries XML again")
    func skipsXMLForMalformedPublishers() {
        let reader = HTMLTextReader()
        for _ in 0..<HTMLTextReader.failuresBeforeSkipping { #expect(reader.plainText("<p>one<br>two</p>") == "one two") }
        #expect(!reader.triesXML())
        for _ in 1..<HTMLTextReader.fragmentsSkipped { _ = reader.plainText("<p>more<br>text") }
        #expect(reader.triesXML())
        #expect(reader.plainText("<p>well <b>formed</b></p>") == "well formed")
    }

    @Test("every title, summary and content of the feed corpus, in one reader, reads as it reads alone")
    func corpusFragments() throws {
        var fragments = try Self.corpusFragments()
        // Malformed markup between well-formed fragments: the HTML fallback must not leave the
        // reused context in a failed state.
        fragments += ["<p>open <b>bold", "<p>a</p><p>b</p>", "x &nbsp; y &amp; z", "<script>alert(1)</script>kept", "<p>fine</p>"]
        try #require(fragments.count > 1_000, "the corpus at \(Fixture.shared.path) is missing")
        // Twice over: past the point where the reader makes its context anew, and with every
        // name already in the dictionary the second time.
        fragments += fragments
        #expect(fragments.count > HTMLTextReader.usesPerContext)
        let reader = HTMLTextReader()
        var differing: [String] = []
        for fragment in fragments where reader.plainText(fragment) != HTMLText.plainText(fragment) {
            differing.append(String(fragment.prefix(80)))
        }
        #expect(differing.isEmpty, "\(differing.count) differ, first: \(differing.prefix(3))")
        #expect(reader.plainText("<p>open <b>bold") == "open bold")
        #expect(reader.plainText("<script>alert(1)</script>kept") == "kept")
    }
}
