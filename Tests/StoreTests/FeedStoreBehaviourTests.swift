import FeedwrightTesting
import Foundation
import Synchronization
import Store
import Syndication
import Testing

/// One behaviour, two stores: every test here runs on SQLite and on PostgreSQL (where a server
/// is configured), so that the embedded default and the shared store keep the same contract.
@Suite struct FeedStoreBehaviourTests {
    static let epoch = Date(timeIntervalSince1970: 1_700_000_000)
    static let worker = LeaseClaim(owner: "test-a", duration: .seconds(300))
    static let other = LeaseClaim(owner: "test-b", duration: .seconds(300))

    static func entry(_ sourceID: Int64, _ identity: String, hash: String = "h", title: String? = nil, updated: Date = epoch) -> StoredEntry {
        var item = Entry(id: identity, title: title.map { Text($0) })
        item.links = [Link(href: "https://example.org/\(identity)")]
        return StoredEntry(sourceID: sourceID, identity: identity, contentHash: hash, entry: item, firstSeen: updated, updated: updated)
    }

    static func sources(_ count: Int, in store: any FeedStore, group: String = "g") async throws -> [Source] {
        try await store.upsert((0..<count).map { Source(url: "https://feeds\($0 % 7).example/\($0).xml", group: group) })
        return try await store.sources()
    }

    @Test(arguments: StoreKind.available)
    func sourcesAreAddedUpdatedAndRemovedWithTheirEntries(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let added = try await store.upsert(Source(url: "https://a.example/feed", group: "one", title: "A"))
            #expect(added.id != nil)
            try await store.upsert(Source(url: "https://a.example/feed", group: "two"))
            let moved = try #require(try await store.source(url: "https://a.example/feed"))
            #expect(moved.group == "two" && moved.title == "A", "a new group is taken, a missing title keeps the old one")
            #expect(moved.id == added.id)
            try await store.record(moved, entries: [Self.entry(try #require(moved.id), "1")])
            #expect(try await store.entryCount(group: "two") == 1)
            try await store.removeSource(url: "https://a.example/feed")
            #expect(try await store.sources().isEmpty)
            #expect(try await store.source(url: "https://a.example/feed") == nil)
            #expect(try await store.exportEntries().isEmpty, "a removed source's entries go with it")
        }
    }

    @Test(arguments: StoreKind.available)
    func recordingIsIdempotent(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var source = try await store.upsert(Source(url: "https://a.example/feed", group: "g"))
            let id = try #require(source.id)
            source.etag = "\"e\""
            let entries = [Self.entry(id, "1"), Self.entry(id, "2"), Self.entry(id, "1")]
            try await store.record(source, entries: entries)
            try await store.record(source, entries: entries)
            #expect(try await store.entryCount(group: "g") == 2, "a source recorded twice stores each entry once")
            #expect(try await store.source(url: source.url)?.etag == "\"e\"")
            try await store.record(source, entries: [Self.entry(id, "1", hash: "changed", title: "New title")])
            let states = try await store.entryStates(sourceID: id, identities: ["1", "2", "3"])
            #expect(states.keys.sorted() == ["1", "2"])
            #expect(states["1"]?.contentHash == "changed")
            #expect(try await store.entry(sourceID: id, identity: "1")?.entry.title?.value == "New title")
        }
    }

    @Test(arguments: StoreKind.available)
    func aMoveOntoAnotherSourceKeepsTheOldAddress(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var moving = try await store.upsert(Source(url: "https://old.example/feed", group: "g"))
            try await store.upsert(Source(url: "https://new.example/feed", group: "g"))
            moving.url = "https://new.example/feed"
            moving.etag = "\"v2\""
            try await store.record(moving, entries: [])
            let sources = try await store.sources()
            #expect(sources.map(\.url).sorted() == ["https://new.example/feed", "https://old.example/feed"])
            #expect(sources.first { $0.url == "https://old.example/feed" }?.etag == "\"v2\"", "the rest of the outcome is still recorded")
            var free = try #require(try await store.source(url: "https://old.example/feed"))
            free.url = "https://moved.example/feed"
            try await store.record(free, entries: [])
            #expect(try await store.sources().map(\.url).sorted() == ["https://moved.example/feed", "https://new.example/feed"])
        }
    }

    @Test(arguments: StoreKind.available)
    func theEntryDocumentKeepsEveryField(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let source = try await store.upsert(Source(url: "https://a.example/feed", group: "g"))
            let id = try #require(source.id)
            let item = Entry(
                id: "urn:1", title: Text("<b>T</b>", kind: .html), links: [Link(href: "https://a.example/1"), Link(href: "https://a.example/1.mp3", relation: "enclosure", mediaType: "audio/mpeg", length: 42)],
                published: Date(timeIntervalSince1970: 1_600_000_000.25), updated: Self.epoch,
                authors: [Person(name: "Ann", email: "ann@example.org", uri: "https://ann.example")], contributors: [Person(name: "Bo")],
                summary: Text("s"), content: Text("<p>c — ünïcode \u{1F600}</p>", kind: .html), categories: [Category(term: "t", scheme: "s", label: "l")],
                enclosures: [Enclosure(url: "https://a.example/1.mp3", mediaType: "audio/mpeg", length: 42)], media: [Enclosure(url: "https://a.example/v.mp4")],
                images: [Image(url: "https://a.example/i.png", title: "i", link: "https://a.example", width: 10, height: 20)], rights: Text("CC0"),
                language: "de", commentsLink: "https://a.example/1#comments", duration: 61.5)
            try await store.record(source, entries: [StoredEntry(sourceID: id, identity: "urn:1", contentHash: "h", entry: item, firstSeen: Self.epoch, updated: Self.epoch)])
            let read = try #require(try await store.entry(sourceID: id, identity: "urn:1"))
            #expect(read.entry == item)
            #expect(read.firstSeen == Self.epoch && read.updated == Self.epoch)
            #expect(try await store.entries(group: "g", limit: 10).map(\.entry) == [item])
        }
    }

    @Test(arguments: StoreKind.available)
    func twoWorkersNeverClaimTheSameSource(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.sources(300, in: store)
            let now = Date()
            async let first = store.claimDueSources(at: now, maximumErrors: 8, limit: 200, claim: Self.worker)
            async let second = store.claimDueSources(at: now, maximumErrors: 8, limit: 200, claim: Self.other)
            let (a, b) = try await (first, second)
            #expect(a.count + b.count == 300, "between them they claim every due source")
            #expect(Set(a.compactMap(\.id)).isDisjoint(with: b.compactMap(\.id)), "and never the same one")
            #expect(a.allSatisfy { $0.lease?.owner == "test-a" } && b.allSatisfy { $0.lease?.owner == "test-b" })
            #expect(Set((a + b).compactMap(\.lease?.token)).count == 300, "every claim has its own token")
            #expect(try await store.claimDueSources(at: now, maximumErrors: 8, limit: 500, claim: Self.worker).isEmpty, "a held source is not claimed again")
        }
    }

    @Test(arguments: StoreKind.available)
    func pausedAndNotDueSourcesAreNotClaimed(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var sources = try await Self.sources(3, in: store)
            sources[0].nextPoll = Date().addingTimeInterval(3600)
            sources[1].errorCount = 8
            try await store.update(sources[0])
            try await store.update(sources[1])
            let claimed = try await store.claimDueSources(at: Date(), maximumErrors: 8, limit: 10, claim: Self.worker)
            #expect(claimed.map(\.url) == [sources[2].url])
        }
    }

    @Test(arguments: StoreKind.available)
    func aLapsedLeaseWritesNothingAndIsClaimedAgain(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.sources(1, in: store)
            // A lease of no length has lapsed by the time anything else happens: the clock's
            // doing, without waiting for it.
            let lapsing = LeaseClaim(owner: "slow", duration: .zero)
            var stale = try #require(try await store.claimDueSources(at: Date(), maximumErrors: 8, limit: 1, claim: lapsing).first)
            let id = try #require(stale.id)
            var fresh = try #require(try await store.claimDueSources(at: Date(), maximumErrors: 8, limit: 1, claim: Self.worker).first, "a lapsed lease is up for claiming")
            #expect(fresh.id == id && fresh.lease?.token != stale.lease?.token)
            stale.etag = "\"stale\""
            #expect(try await store.record(stale, entries: [Self.entry(id, "late")]) == false, "the worker whose lease lapsed writes nothing")
            #expect(try await store.entryCount(group: "g") == 0)
            #expect(try await store.source(url: stale.url)?.etag == nil)
            fresh.etag = "\"fresh\""
            fresh.nextPoll = Date().addingTimeInterval(3600)
            #expect(try await store.record(fresh, entries: [Self.entry(id, "1")]))
            #expect(try await store.source(url: fresh.url)?.etag == "\"fresh\"")
            #expect(try await store.record(fresh, entries: []) == false, "recording released the lease; the same token does not write twice")
        }
    }

    @Test(arguments: StoreKind.available)
    func leasesAreExtendedAndReleased(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.sources(4, in: store)
            let claimed = try await store.claimDueSources(at: Date(), maximumErrors: 8, limit: 4, claim: Self.worker)
            let leases = claimed.compactMap(\.lease)
            #expect(leases.count == 4)
            #expect(try await store.extendLeases(leases, by: .seconds(600)).isEmpty, "every lease is still held")
            try await store.releaseLeases(Array(leases.prefix(2)))
            let lost = try await store.extendLeases(leases, by: .seconds(600))
            #expect(lost == Set(leases.prefix(2).map(\.token)), "released leases are no longer held")
            let again = try await store.claimDueSources(at: Date(), maximumErrors: 8, limit: 4, claim: Self.other)
            #expect(Set(again.compactMap(\.id)) == Set(claimed.prefix(2).compactMap(\.id)), "released sources are due again at once")
            var released = claimed[0]
            released.etag = "\"x\""
            #expect(try await store.record(released, entries: []) == false, "a released lease no longer writes")
        }
    }

    @Test(arguments: StoreKind.available)
    func aGroupIsPublishedOncePerChange(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let source = try await store.upsert(Source(url: "https://a.example/feed", group: "news"))
            let id = try #require(source.id)
            let builds = Builds()
            let build: @Sendable (GroupPublication) throws -> [PublishedDocumentRecord] = { publication in
                let entries = publication.current
                builds.add(entries.count)
                let body = Array("\(entries.map(\.identity).sorted())".utf8)
                return [PublishedDocumentRecord(name: "news.atom", body: body, etag: "\"\(entries.count)\"", published: Self.epoch)]
            }
            #expect(try await store.publish(slug: "news", entriesPerFeed: 10, force: false, build: build) == nil, "nothing recorded, nothing to publish")
            let first = try #require(try await store.publish(slug: "news", entriesPerFeed: 10, force: true, build: build), "a missing file is published anyway")
            try await store.record(source, entries: [Self.entry(id, "1"), Self.entry(id, "2", updated: Self.epoch.addingTimeInterval(1))])
            let second = try #require(try await store.publish(slug: "news", entriesPerFeed: 10, force: false, build: build))
            #expect(second > first)
            #expect(try await store.publish(slug: "news", entriesPerFeed: 10, force: false, build: build) == nil, "the change was published already")
            #expect(builds.counts == [0, 2])
            let stored = try await store.publishedDocuments(after: 0)
            #expect(stored.map(\.name) == ["news.atom"])
            #expect(stored.first.map { String(decoding: $0.body, as: UTF8.self) } == "[\"1\", \"2\"]")
            #expect(stored.first?.etag == "\"2\"" && stored.first?.version == second)
            #expect(try await store.publishedDocuments(after: second).isEmpty)
        }
    }

    @Test("a publication is announced to listeners as it commits (PostgreSQL); a store that cannot announce says so at once (SQLite)",
          .timeLimit(.minutes(1)), arguments: StoreKind.available)
    func publicationsAnnounced(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let heard = Countdown()
            let listening = Task { try await store.watchPublications { _ = heard.increment() } }
            guard kind == .postgres else {
                #expect(try await listening.value == false)
                return
            }
            // Once on listening, for what committed before.
            try await heard.wait(until: 1)
            let build: @Sendable (GroupPublication) throws -> [PublishedDocumentRecord] = { _ in
                [PublishedDocumentRecord(name: "news.atom", body: Array("<feed/>".utf8), etag: "\"1\"", published: Self.epoch)]
            }
            _ = try await store.publish(slug: "news", entriesPerFeed: 10, force: true, build: build)
            try await heard.wait(until: 2)
            #expect(try await store.publish(slug: "news", entriesPerFeed: 10, force: false, build: build) == nil)
            _ = try await store.publish(slug: "news", entriesPerFeed: 10, force: true, build: build)
            try await heard.wait(until: 3)
            listening.cancel()
            _ = try? await listening.value
            #expect(heard.count == 3, "nothing published, nothing announced")
        }
    }

    @Test(arguments: StoreKind.available)
    func publishersTakeTurns(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let source = try await store.upsert(Source(url: "https://a.example/feed", group: "news"))
            try await store.record(source, entries: [Self.entry(try #require(source.id), "1")])
            let builds = Builds()
            // Eight workers finishing the same change at once: one publishes it.
            let versions = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await store.publish(slug: "news", entriesPerFeed: 10, force: false) { publication in
                            builds.add(publication.current.count)
                            return [PublishedDocumentRecord(name: "news.atom", body: [1], etag: "\"1\"", published: Self.epoch)]
                        }
                    }
                }
                return try await group.reduce(into: [Int64?]()) { $0.append($1) }
            }
            #expect(versions.compactMap { $0 }.count == 1)
            #expect(builds.counts == [1])
        }
    }

    @Test(arguments: StoreKind.available)
    func exportListsEveryEntryBySourceThenIdentity(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let b = try await store.upsert(Source(url: "https://b.example/feed", group: "two"))
            let a = try await store.upsert(Source(url: "https://a.example/feed", group: "one"))
            try await store.record(b, entries: [Self.entry(try #require(b.id), "y", title: "Why")])
            try await store.record(a, entries: [Self.entry(try #require(a.id), "x2"), Self.entry(try #require(a.id), "x1", title: "Ex")])
            let exported = try await store.exportEntries()
            #expect(exported.map { "\($0.source) \($0.id)" } == ["https://a.example/feed x1", "https://a.example/feed x2", "https://b.example/feed y"])
            #expect(exported[0] == ExportedEntry(source: "https://a.example/feed", id: "x1", group: "one", link: "https://example.org/x1", title: "Ex", updated: Self.epoch))
            #expect(exported[1].title == nil)
            #expect(try await store.entryCountsBySource() == [try #require(a.id): 2, try #require(b.id): 1])
        }
    }

    @Test(arguments: StoreKind.available)
    func articlesAreCachedByURL(kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(try await store.cachedArticle(url: "https://a.example/1") == nil)
            try await store.cacheArticle(url: "https://a.example/1", document: Data("one".utf8), fetched: Self.epoch)
            try await store.cacheArticle(url: "https://a.example/1", document: Data("two".utf8), fetched: Self.epoch.addingTimeInterval(5))
            let cached = try #require(try await store.cachedArticle(url: "https://a.example/1"))
            #expect(cached.document == Data("two".utf8) && cached.fetched == Self.epoch.addingTimeInterval(5))
        }
    }
}

/// What the publish builders were given, in order.
final class Builds: Sendable {
    private let state = Mutex<[Int]>([])
    func add(_ count: Int) { state.withLock { $0.append(count) } }
    var counts: [Int] { state.withLock { $0 } }
}
