import Foundation
import Markup
import Syndication
import Testing

@Suite("The Atom writer always produces valid Atom")
struct AtomWriterTests {
    static let fixed = Date(timeIntervalSince1970: 1_700_000_000)

    static func schema() throws -> RelaxNGSchema {
        let url = Fixture.shared.appendingPathComponent("schema/atom.rng")
        return try RelaxNGSchema(bytes: Array(try Data(contentsOf: url)), name: url.path)
    }

    /// The RELAX NG schema plus the two rules it cannot express (RFC 4287 §4.1.1 and §4.1.2),
    /// checked on the written document itself.
    static func problems(_ bytes: [UInt8], schema: RelaxNGSchema) throws -> [String] {
        let document = try MarkupDocument.parseXML(bytes)
        var problems = schema.validate(document).map(\.description)
        guard let root = document.root else { return ["no root"] }
        let feedHasAuthor = root.elements.contains { $0.localName == "author" }
        for (index, entry) in root.elements.filter({ $0.localName == "entry" }).enumerated() {
            let children = Array(entry.elements)
            let hasAlternate = children.contains { $0.localName == "link" && ($0.attribute("rel") ?? "alternate") == "alternate" }
            if !hasAlternate && !children.contains(where: { $0.localName == "content" }) {
                problems.append("entry \(index) has neither an alternate link nor content")
            }
            if !feedHasAuthor && !children.contains(where: { $0.localName == "author" }) {
                problems.append("entry \(index) has no author and neither has the feed")
            }
        }
        return problems
    }

    @Test("every readable corpus feed converts to schema-valid Atom")
    func corpusIsValid() throws {
        let schema = try Self.schema()
        let files = CorpusTests.corpusFiles()
        try #require(files.count > 2000)
        var converted = 0
        var invalid: [String] = []
        for file in files {
            guard let parsed = try? FeedParser.parse(Array(try Data(contentsOf: file))) else { continue }
            let bytes = try AtomWriter(options: .init(fallbackDate: Self.fixed)).write(parsed.feed)
            let problems = try Self.problems(bytes, schema: schema)
            if !problems.isEmpty { invalid.append("\(file.lastPathComponent): \(problems.prefix(2))") }
            converted += 1
        }
        #expect(converted > 2000)
        #expect(invalid.isEmpty, "\(invalid.count) invalid: \(invalid.prefix(5))")
    }

    @Test("markup-like titles, entities, CDATA, right-to-left text and emoji survive exactly")
    func hardCases() throws {
        let source = try Fixture.feed("hard-cases.xml").feed
        let bytes = try AtomWriter(options: .init(fallbackDate: Self.fixed)).write(source)
        #expect(try Self.problems(bytes, schema: try Self.schema()).isEmpty)
        let back = try FeedParser.parse(bytes).feed
        #expect(back.title?.value == "Hard <cases> & ]]> feed")
        let byLink = Dictionary(back.entries.compactMap { entry in entry.alternateLink.map { ($0, entry) } }, uniquingKeysWith: { first, _ in first })
        let first = try #require(byLink["https://hard.example/1"])
        #expect(first.title?.value == "A < B & C ]]> D")
        #expect(first.summary == Text("<p>Caf&eacute; &amp; &lt;tags&gt;</p>", kind: .html), "HTML is escaped once, never twice")
        #expect(first.content == Text("<p>CDATA body with ]]> inside &amp; an entity</p>", kind: .html))
        let second = try #require(byLink["https://hard.example/2"])
        #expect(second.title?.value == "مرحبا بالعالم — right to left")
        #expect(second.summary?.value == "Emoji 🎉👩‍💻 and Ελληνικά")
        #expect(first.id != second.id, "duplicate source ids become distinct")
        let undated = try #require(back.entries.first { $0.title?.value == "No date, no link" })
        #expect(undated.updated == Self.fixed, "a missing date falls back to the fetch time")
        #expect(undated.content != nil, "an entry without a link carries content")
    }

    @Test("control characters and non-characters are removed")
    func forbiddenCharacters() throws {
        let feed = Feed(format: .rss20, title: Text("Bell\u{7} and \u{1B}escape\u{FFFE}"), entries: [
            Entry(id: "x", title: Text("Nul\u{0}byte\u{FFFF}"), content: Text("<p>\u{8}ok</p>", kind: .html)),
        ])
        let bytes = try AtomWriter(options: .init(fallbackDate: Self.fixed)).write(feed)
        #expect(try Self.problems(bytes, schema: try Self.schema()).isEmpty)
        let back = try FeedParser.parse(bytes)
        #expect(back.warnings.isEmpty)
        #expect(back.feed.title?.value == "Bell and escape")
        #expect(back.feed.entries.first?.title?.value == "Nulbyte")
    }

    @Test("ids are kept when they are IRIs and derived deterministically otherwise")
    func stableIdentifiers() throws {
        let feed = Feed(format: .rss20, title: Text("T"), links: [Link(href: "https://ids.example/")], entries: [
            Entry(id: "tag:ids.example,2024:1", title: Text("IRI")),
            Entry(id: "plain-guid", title: Text("guid")),
            Entry(title: Text("link only"), links: [Link(href: "https://ids.example/3")]),
        ])
        let writer = AtomWriter(options: .init(selfURL: "https://ids.example/feed.atom", fallbackDate: Self.fixed))
        let first = try FeedParser.parse(try writer.write(feed)).feed
        let again = try FeedParser.parse(try AtomWriter(options: .init(selfURL: "https://ids.example/feed.atom", fallbackDate: Date())).write(feed)).feed
        #expect(first.entries.map(\.id) == again.entries.map(\.id))
        #expect(first.entries.contains { $0.id == "tag:ids.example,2024:1" })
        #expect(first.entries.filter { $0.id?.hasPrefix("urn:uuid:") == true }.count == 2)
        #expect(first.id?.hasPrefix("urn:uuid:") == true)
        #expect(first.selfLink == "https://ids.example/feed.atom")
    }

    @Test("entries come newest first and the cap keeps the newest")
    func orderAndCap() throws {
        let entries = (0..<10).map { Entry(id: "urn:e:\($0)", title: Text("\($0)"), updated: Date(timeIntervalSince1970: TimeInterval($0 * 1000))) }
        let feed = Feed(format: .atom10, title: Text("T"), entries: entries.shuffled())
        let back = try FeedParser.parse(try AtomWriter(options: .init(fallbackDate: Self.fixed, maxEntries: 3)).write(feed)).feed
        #expect(back.entries.map { $0.title?.value } == ["9", "8", "7"])
        #expect(back.updated == Date(timeIntervalSince1970: 9000))
    }
}
