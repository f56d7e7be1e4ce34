import Foundation
import Syndication
import Testing

/// A small deterministic generator (SplitMix64) so failures reproduce from the seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("parse(write(feed)) gives the feed back")
struct RoundTripTests {
    static let alphabet = Array("abcXYZ 019<>&\"'éß中文🎉—]]>;#/")

    static func string(_ generator: inout SeededGenerator, length: ClosedRange<Int> = 1...24) -> String {
        let count = Int.random(in: length, using: &generator)
        let text = String((0..<count).map { _ in alphabet.randomElement(using: &generator)! })
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "x" : trimmed.replacingOccurrences(of: "  ", with: " ")
    }

    static func date(_ generator: inout SeededGenerator) -> Date {
        Date(timeIntervalSince1970: TimeInterval(Int.random(in: 0...2_000_000_000, using: &generator)))
    }

    static func feed(seed: UInt64) -> Feed {
        var generator = SeededGenerator(state: seed)
        var feed = Feed(format: .atom10)
        feed.id = "urn:feed:\(seed)"
        feed.title = Text(string(&generator), kind: Bool.random(using: &generator) ? .text : .html)
        feed.subtitle = Text(string(&generator))
        feed.links = [Link(href: "https://example.com/\(seed)/"), Link(href: "https://example.com/\(seed)/feed", relation: "self", mediaType: "application/atom+xml")]
        feed.authors = [Person(name: string(&generator), email: "a\(seed)@example.com", uri: "https://example.com/a")]
        feed.categories = [Category(term: "t\(seed)", scheme: "https://example.com/s", label: string(&generator))]
        feed.rights = Text(string(&generator))
        feed.language = "en"
        let count = Int.random(in: 0...6, using: &generator)
        for index in 0..<count {
            var entry = Entry(id: "urn:entry:\(seed):\(index)")
            entry.title = Text(string(&generator), kind: Bool.random(using: &generator) ? .text : .html)
            entry.links = [Link(href: "https://example.com/\(seed)/\(index)")]
            entry.updated = Date(timeIntervalSince1970: TimeInterval(2_000_000_000 - index * 1000))
            entry.published = date(&generator)
            entry.authors = [Person(name: string(&generator))]
            entry.contributors = Bool.random(using: &generator) ? [Person(name: string(&generator))] : []
            entry.summary = Text(string(&generator))
            entry.content = Text("<p>" + string(&generator) + "</p>", kind: .html)
            entry.categories = [Category(term: "c\(index)")]
            entry.enclosures = Bool.random(using: &generator) ? [Enclosure(url: "https://example.com/\(index).mp3", mediaType: "audio/mpeg", length: index * 100)] : []
            entry.rights = Bool.random(using: &generator) ? Text(string(&generator)) : nil
            feed.entries.append(entry)
        }
        return feed
    }

    @Test("generated feeds survive Atom unchanged", arguments: 0..<200)
    func atomRoundTrip(seed: Int) throws {
        let original = Self.feed(seed: UInt64(seed))
        let written = try AtomWriter(options: .init(fallbackDate: Date(timeIntervalSince1970: 0))).write(original)
        let back = try FeedParser.parse(written).feed
        #expect(back.id == original.id)
        #expect(back.title == original.title)
        #expect(back.subtitle == original.subtitle)
        #expect(back.alternateLink == original.alternateLink)
        #expect(back.selfLink == original.selfLink)
        #expect(back.authors == original.authors)
        #expect(back.categories == original.categories)
        #expect(back.rights == original.rights)
        #expect(back.language == original.language)
        #expect(back.entries.count == original.entries.count)
        for (got, expected) in zip(back.entries, original.entries) {
            #expect(got.id == expected.id)
            #expect(got.title == expected.title)
            #expect(got.alternateLink == expected.alternateLink)
            #expect(got.updated == expected.updated)
            #expect(got.published == expected.published)
            #expect(got.authors == expected.authors)
            #expect(got.contributors == expected.contributors)
            #expect(got.summary == expected.summary)
            #expect(got.content == expected.content)
            #expect(got.categories == expected.categories)
            #expect(got.enclosures == expected.enclosures)
            #expect(got.rights == expected.rights)
        }
    }

    @Test("the whole corpus survives Atom: what was read is read again")
    func corpusRoundTrip() throws {
        var compared = 0
        for file in CorpusTests.corpusFiles() {
            guard let parsed = try? FeedParser.parse(Array(try Data(contentsOf: file))) else { continue }
            let back = try FeedParser.parse(try AtomWriter(options: .init(fallbackDate: Date(timeIntervalSince1970: 0))).write(parsed.feed)).feed
            let name = file.lastPathComponent
            #expect(back.entries.count == parsed.feed.entries.count, "\(name)")
            let originalTitles = Set(parsed.feed.entries.compactMap { $0.title.map(FeedContractText.plain) })
            let backTitles = Set(back.entries.compactMap { $0.title.map(FeedContractText.plain) })
            #expect(originalTitles.isSubset(of: backTitles), "\(name)")
            let originalEnclosures = Set(parsed.feed.entries.flatMap { $0.enclosures.map(\.url) })
            #expect(originalEnclosures == Set(back.entries.flatMap { $0.enclosures.map(\.url) }), "\(name)")
            compared += 1
        }
        #expect(compared > 2000)
    }
}

/// Plain text of a title, for comparing titles whose text kind the writer may normalise.
enum FeedContractText {
    static func plain(_ text: Text) -> String {
        text.value
    }
}

@Suite("JSON Feed writer")
struct JSONFeedWriterTests {
    @Test("generated feeds survive JSON Feed", arguments: 0..<50)
    func roundTrip(seed: Int) throws {
        let original = RoundTripTests.feed(seed: UInt64(seed))
        let back = try FeedParser.parse(try JSONFeedWriter().write(original)).feed
        #expect(back.format == .jsonfeed)
        #expect(back.entries.count == original.entries.count)
        for (got, expected) in zip(back.entries, original.entries) {
            #expect(got.id == expected.id)
            #expect(got.alternateLink == expected.alternateLink)
            #expect(got.content == expected.content)
            #expect(got.updated == expected.updated)
            #expect(got.enclosures == expected.enclosures)
            #expect(got.categories.map(\.term) == expected.categories.map(\.term))
        }
    }
}
