import Foundation
import Store
import Syndication
import Testing

/// RFC 5005 in the store, on both stores: archive pages are cut once and never again, every
/// entry is in exactly one document, and a complete feed's missing entries leave the store.
@Suite struct FeedHistoryBehaviourTests {
    typealias Base = FeedStoreBehaviourTests

    /// One document per publication naming its entries, so the test can read back what went where.
    static func build(_ publication: GroupPublication) -> [PublishedDocumentRecord] {
        func record(_ name: String, _ entries: [StoredEntry]) -> PublishedDocumentRecord {
            PublishedDocumentRecord(name: name, body: Array(entries.map(\.identity).joined(separator: ",").utf8), etag: "\"\(name)\"", published: Base.epoch)
        }
        return publication.newArchives.map { record(ArchivePage.name(slug: "news", number: $0.number, extension: "atom"), $0.entries) }
            + [record("news.atom", publication.current)]
    }

    static func identities(_ document: PublishedDocumentRecord) -> [String] {
        String(decoding: document.body, as: UTF8.self).split(separator: ",").map(String.init)
    }

    @Test(arguments: StoreKind.available)
    func pagesAreCutOnceAndHoldEveryEntryOnce(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let source = try await store.upsert(Source(url: "https://a.example/feed", group: "news"))
            let id = try #require(source.id)
            // 25 entries, a minute apart: entry 0 is the oldest.
            let first = (0..<25).map { Base.entry(id, String(format: "e%02d", $0), updated: Base.epoch.addingTimeInterval(Double($0) * 60)) }
            try await store.record(source, entries: first)
            _ = try #require(try await store.publish(slug: "news", entriesPerFeed: 10, force: false, build: Self.build))
            var documents = Dictionary(uniqueKeysWithValues: try await store.publishedDocuments(after: 0).map { ($0.name, $0) })
            let page1 = try #require(documents["news/archive/1.atom"])
            #expect(Self.identities(page1) == (0..<10).map { String(format: "e%02d", $0) }, "the oldest ten, oldest first")
            #expect(Self.identities(try #require(documents["news.atom"])).count == 15, "the current document keeps ten to nineteen")

            // Five more: twenty unarchived, so the next ten are cut; page 1 is not written again.
            let more = (25..<30).map { Base.entry(id, String(format: "e%02d", $0), updated: Base.epoch.addingTimeInterval(Double($0) * 60)) }
            try await store.record(source, entries: more)
            let version = try #require(try await store.publish(slug: "news", entriesPerFeed: 10, force: false) { publication in
                #expect(publication.newArchives.map(\.number) == [2])
                #expect(publication.archiveCount == 2)
                #expect(publication.storedArchives.isEmpty, "stored archives come back only when forced")
                return Self.build(publication)
            })
            documents = Dictionary(uniqueKeysWithValues: try await store.publishedDocuments(after: 0).map { ($0.name, $0) })
            #expect(documents["news/archive/1.atom"]?.version == page1.version, "an archive is never rewritten")
            #expect(documents["news/archive/2.atom"]?.version == version)
            let all = ["news/archive/1.atom", "news/archive/2.atom", "news.atom"].flatMap { Self.identities(documents[$0]!) }
            #expect(all.sorted() == (0..<30).map { String(format: "e%02d", $0) }, "every entry in exactly one document")

            // A forced publication (the files were lost) hands back the stored archives as they are.
            _ = try await store.publish(slug: "news", entriesPerFeed: 10, force: true) { publication in
                #expect(publication.newArchives.isEmpty)
                #expect(Set(publication.storedArchives.map(\.name)) == ["news/archive/1.atom", "news/archive/2.atom"])
                #expect(publication.current.count == 10)
                return Self.build(publication)
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func aCompleteFeedDropsWhatItNoLongerHolds(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let source = try await store.upsert(Source(url: "https://a.example/feed", group: "news"))
            let id = try #require(source.id)
            try await store.record(source, entries: ["a", "b", "c"].map { Base.entry(id, $0) })
            _ = try await store.publish(slug: "news", entriesPerFeed: 10, force: false, build: Self.build)
            // The next poll of the complete feed: "b" is gone, nothing else changed.
            try await store.record(source, entries: [], retaining: ["a", "c"])
            let states = try await store.entryStates(sourceID: id, identities: ["a", "b", "c"])
            #expect(Set(states.keys) == ["a", "c"])
            let republished = try await store.publish(slug: "news", entriesPerFeed: 10, force: false) { publication in
                #expect(Set(publication.current.map(\.identity)) == ["a", "c"])
                return Self.build(publication)
            }
            #expect(republished != nil, "a dropped entry is a change to publish")
            // Retaining everything is no change.
            try await store.record(source, entries: [], retaining: ["a", "c"])
            #expect(try await store.publish(slug: "news", entriesPerFeed: 10, force: false, build: Self.build) == nil)
        }
    }
}
