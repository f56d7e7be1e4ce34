import Foundation
import Syndication
import Testing

@Suite("Merging new entries into an existing feed")
struct FeedMergeTests {
    static let earlier = Date(timeIntervalSince1970: 1_000_000)
    static let now = Date(timeIntervalSince1970: 2_000_000)

    static func entry(_ id: String, body: String, updated: Date = earlier) -> Entry {
        Entry(id: id, title: Text("Title \(id)"), links: [Link(href: "https://x.example/\(id)")], updated: updated, content: Text(body, kind: .html))
    }

    @Test("new entries are added, unchanged ones kept as they were, changed ones updated")
    func merge() {
        let existing = Feed(format: .atom10, title: Text("F"), entries: [Self.entry("a", body: "<p>A</p>"), Self.entry("b", body: "<p>B</p>")])
        let incoming = [Self.entry("a", body: "<p>A</p>", updated: Self.now), Self.entry("b", body: "<p>B, corrected</p>"), Self.entry("c", body: "<p>C</p>")]
        let merged = FeedMerge.merge(incoming, into: existing, now: Self.now)
        #expect(merged.entries.map(\.id) == ["a", "b", "c"], "nothing duplicated, order kept, new appended")
        #expect(merged.entries[0].updated == Self.earlier, "an unchanged entry keeps its date")
        #expect(merged.entries[1].content?.value == "<p>B, corrected</p>")
        #expect(merged.entries[1].updated == Self.now, "a changed entry is bumped")
    }

    @Test("merging the same entries twice changes nothing")
    func idempotent() {
        let entries = [Self.entry("a", body: "<p>A</p>"), Self.entry("b", body: "<p>B</p>")]
        let once = FeedMerge.merge(entries, into: Feed(format: .atom10), now: Self.now)
        let twice = FeedMerge.merge(entries, into: once, now: Self.now)
        #expect(once == twice)
    }
}
