import AsyncHTTPClient
import FeedwrightTesting
import Fetching
import Foundation
import Pipeline
import Store
import Syndication
import Testing

/// The WebSub subscriber's pieces: discovery of hub and topic, signatures, and the life of a
/// subscription against a hub on loopback (the end-to-end run of the real binary is in
/// `WebSubEndToEndTests`).
@Suite("WebSub subscriber: discovery, signatures, subscription life", .timeLimit(.minutes(1)))
struct WebSubSubscriberTests {
    /// A hub on loopback that takes every POST, an empty store, and a client, for `body`; the
    /// store is closed and its directory removed afterwards.
    static func withHub(
        callbackRoot: String = "https://feeds.example/", counting hubCalls: Countdown? = nil,
        _ body: (_ subscriber: WebSubSubscriber, _ hub: LoopbackServer, _ store: SQLiteFeedStore) async throws -> Void
    ) async throws {
        let hub = try LoopbackServer { request in
            if request.method == "POST" { hubCalls?.increment() }
            return .init(status: request.method == "POST" ? 202 : 405)
        }
        defer { try? hub.shutdown() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("feedwright-websub-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteFeedStore(path: directory.appendingPathComponent("state.sqlite").path)
        try await withHTTPClient { client in
            try await body(WebSubSubscriber(store: store, client: client, callbackRoot: callbackRoot), hub, store)
        }
        await store.close()
    }

    @Test("the hub and topic: Link headers first, then the document's links in Atom, RSS and JSON Feed")
    func discovery() throws {
        let atom = try FeedParser.parse(try WebSubFixtures.bytes("topic.atom", base: "https://site.example"), url: "https://site.example/feed").feed
        #expect(HubAdvert.find(linkHeaders: [], documentURL: "https://site.example/feed", feed: atom)
            == HubAdvert(hubs: ["https://site.example/hub"], topic: "https://site.example/feed"))
        // Headers naming both win over the document (§4), relative targets resolved, several relations in one rel.
        let headers = [#"</push>; rel="hub", <https://cdn.example/topic>; rel="self""#]
        #expect(HubAdvert.find(linkHeaders: headers, documentURL: "https://site.example/feed", feed: atom)
            == HubAdvert(hubs: ["https://site.example/push"], topic: "https://cdn.example/topic"))
        #expect(HubAdvert.find(linkHeaders: [#"<https://h.example/>; rel="hub self""#], documentURL: "https://site.example/feed", feed: Feed(format: .atom10))
            == HubAdvert(hubs: ["https://h.example/"], topic: "https://h.example/"))
        // A header with only the hub: the document's self is the topic.
        #expect(HubAdvert.find(linkHeaders: [#"<https://h.example/>; rel="hub""#], documentURL: "https://site.example/feed", feed: atom)
            == HubAdvert(hubs: ["https://h.example/", "https://site.example/hub"], topic: "https://site.example/feed"))

        let rss = try FeedParser.parse(try WebSubFixtures.bytes("topic-rss.xml"), url: "https://rss.example/feed").feed
        #expect(HubAdvert.find(linkHeaders: [], documentURL: "https://rss.example/feed", feed: rss)
            == HubAdvert(hubs: ["https://hub.example/"], topic: "https://rss.example/feed.xml"))
        let json = try FeedParser.parse(try WebSubFixtures.bytes("topic.json"), url: "https://json.example/feed.json").feed
        #expect(HubAdvert.find(linkHeaders: [], documentURL: "https://json.example/feed.json", feed: json)
            == HubAdvert(hubs: ["https://hub.example/json"], topic: "https://json.example/feed.json"))

        // No hub, or a hub that is not on the web: nothing to subscribe to.
        var plain = atom
        plain.links.removeAll { $0.relation == "hub" }
        #expect(HubAdvert.find(linkHeaders: [], documentURL: "https://site.example/feed", feed: plain) == nil)
        plain.links.append(Link(href: "file:///etc/passwd", relation: "hub"))
        #expect(HubAdvert.find(linkHeaders: [], documentURL: "https://site.example/feed", feed: plain) == nil)
    }

    @Test("signatures: sha256, sha384 and sha512 are checked; sha1 only when allowed; anything else is invalid")
    func signatures() throws {
        let body = try WebSubFixtures.bytes("distribution.atom", base: "https://site.example")
        for method in [HubSignature.Method.sha256, .sha384, .sha512] {
            let header = HubSignature.header(for: body, secret: "s3cret", method: method)
            #expect(HubSignature.isValid(header, body: body, secret: "s3cret"), "\(method)")
            #expect(HubSignature.isValid(header.uppercased().replacingOccurrences(of: method.rawValue.uppercased(), with: method.rawValue), body: body, secret: "s3cret"), "upper-case hex, \(method)")
            #expect(!HubSignature.isValid(header, body: body, secret: "other"), "another secret, \(method)")
            #expect(!HubSignature.isValid(header, body: body + [0x20], secret: "s3cret"), "another body, \(method)")
        }
        let sha1 = HubSignature.header(for: body, secret: "s3cret", method: .sha1)
        #expect(!HubSignature.isValid(sha1, body: body, secret: "s3cret"))
        #expect(HubSignature.isValid(sha1, body: body, secret: "s3cret", allowSHA1: true))
        for bad in [nil, "", "sha256", "sha256=", "sha256=zz", "md5=00ff", "sha256=abc"] {
            #expect(!HubSignature.isValid(bad, body: body, secret: "s3cret"), "\(bad ?? "nil")")
        }
        #expect(HubSignature.randomHex().count == 64)
        #expect(HubSignature.randomHex() != HubSignature.randomHex())
    }

    @Test("a subscription's life: subscribe once, verification only of what was asked, signed distributions only, renewal, lapse, unsubscription of a removed source")
    func life() async throws {
        let hubCalls = Countdown()
        try await Self.withHub(callbackRoot: "http://127.0.0.1:9/", counting: hubCalls) { subscriber, hub, store in
            var subscriber = subscriber
            subscriber.hubAddresses = AddressPolicy(allowPrivate: true)
            let source = try await store.upsert(Source(url: "https://site.example/feed", group: "pushed"))
            let advert = HubAdvert(hubs: [hub.base + "/hub"], topic: "https://site.example/feed")
            let start = Date(timeIntervalSince1970: 1_800_000_000)

            #expect(await subscriber.keep(source, advert: advert, now: start) == .init(pushed: false))
            #expect(await subscriber.keep(source, advert: advert, now: start.addingTimeInterval(60)) == .init(pushed: false), "pending: not asked twice")
            try #require(hub.requests.count == 1)
            let form = WebSubFixtures.form(hub.requests[0].body)
            #expect(form["hub.mode"] == "subscribe")
            #expect(form["hub.topic"] == "https://site.example/feed")
            #expect(form["hub.lease_seconds"] == String(subscriber.requestedLease))
            let callback = try #require(form["hub.callback"])
            #expect(callback.hasPrefix("http://127.0.0.1:9/websub/"))
            let id = String(callback.dropFirst("http://127.0.0.1:9/websub/".count))
            #expect(id.count == 32)
            let secret = try #require(form["hub.secret"])

            // Only what was asked is verified.
            #expect(await subscriber.verify(callbackID: "not-ours", mode: "subscribe", topic: advert.topic, challenge: "c", leaseSeconds: 100, reason: nil, now: start) == nil)
            #expect(await subscriber.verify(callbackID: id, mode: "subscribe", topic: "https://elsewhere.example/", challenge: "c", leaseSeconds: 100, reason: nil, now: start) == nil)
            #expect(await subscriber.verify(callbackID: id, mode: "unsubscribe", topic: advert.topic, challenge: "c", leaseSeconds: nil, reason: nil, now: start) == nil)
            #expect(await subscriber.verify(callbackID: id, mode: "subscribe", topic: advert.topic, challenge: "c-1", leaseSeconds: 100, reason: nil, now: start) == "c-1")
            #expect(await subscriber.keep(source, advert: advert, now: start.addingTimeInterval(10)) == .init(pushed: true))

            // Distributions: signed with the secret or ignored.
            let body = try WebSubFixtures.bytes("distribution.atom", base: "https://site.example")
            #expect(await subscriber.receive(callbackID: "not-ours", body: body, signature: HubSignature.header(for: body, secret: secret), now: start) == .unknown)
            #expect(await subscriber.receive(callbackID: id, body: body, signature: nil, now: start) == .ignored)
            #expect(await subscriber.receive(callbackID: id, body: body, signature: HubSignature.header(for: body, secret: "guess"), now: start) == .ignored)
            #expect(await subscriber.receive(callbackID: id, body: body, signature: HubSignature.header(for: body, secret: secret, method: .sha512), now: start)
                == .accepted(sourceURL: source.url))
            let counted = try #require(try await store.hubSubscription(callbackID: id))
            #expect((counted.deliveries, counted.rejected) == (1, 2))

            // Renewal when a fifth of the lease is left, once; then the hub verifies it again.
            #expect(await subscriber.maintain(now: start.addingTimeInterval(50)).problems.isEmpty)
            #expect(hub.requests.count == 1, "not yet due")
            _ = await subscriber.maintain(now: start.addingTimeInterval(85))
            _ = await subscriber.maintain(now: start.addingTimeInterval(86))
            try #require(hub.requests.count == 2, "renewed once")
            let renewal = WebSubFixtures.form(hub.requests[1].body)
            #expect(renewal["hub.mode"] == "subscribe" && renewal["hub.callback"] == callback && renewal["hub.secret"] == secret)
            // The hub answers only after the old lease ended: the pending renewal kept it.
            _ = await subscriber.maintain(now: start.addingTimeInterval(101))
            #expect(try await store.hubSubscription(callbackID: id)?.state == .verified, "a renewal answered late still counts")
            #expect(await subscriber.verify(callbackID: id, mode: "subscribe", topic: advert.topic, challenge: "c-2", leaseSeconds: 100, reason: nil, now: start.addingTimeInterval(102)) == "c-2")
            #expect(try await store.hubSubscription(callbackID: id)?.expires == start.addingTimeInterval(202))

            // A removed source is unsubscribed; the hub's confirmation forgets the subscription.
            try await store.removeSource(url: source.url)
            _ = await subscriber.maintain(now: start.addingTimeInterval(90))
            try #require(hub.requests.count == 3)
            #expect(WebSubFixtures.form(hub.requests[2].body)["hub.mode"] == "unsubscribe")
            #expect(await subscriber.verify(callbackID: id, mode: "unsubscribe", topic: advert.topic, challenge: "bye", leaseSeconds: nil, reason: nil, now: start.addingTimeInterval(91)) == "bye")
            #expect(try await store.hubSubscription(callbackID: id) == nil)
            #expect(await subscriber.receive(callbackID: id, body: body, signature: HubSignature.header(for: body, secret: secret), now: start) == .unknown)
            #expect(subscriber.counters.snapshot.renewals == 1)
            #expect(subscriber.counters.snapshot.rejectedDistributions == 2)
        }
    }

    @Test("a denied, lapsed or never-verified subscription is asked again at the next poll; a hub at a private address is refused unless allowed")
    func failures() async throws {
        try await Self.withHub { subscriber, hub, store in
            var subscriber = subscriber
            let source = try await store.upsert(Source(url: "https://site.example/feed", group: "pushed"))
            let advert = HubAdvert(hubs: [hub.base + "/hub"], topic: "https://site.example/feed")
            let start = Date(timeIntervalSince1970: 1_800_000_000)

            // Feeds are untrusted: their hub may not be on loopback unless allowed.
            let refused = await subscriber.keep(source, advert: advert, now: start)
            #expect(refused.problem?.contains("non-public address") == true, "\(refused)")
            #expect(hub.requests.isEmpty)
            #expect(try await store.hubSubscriptions(sourceURL: source.url).map(\.state) == [.failed])
            subscriber.hubAddresses = AddressPolicy(allowPrivate: true)

            _ = await subscriber.keep(source, advert: advert, now: start)
            #expect(hub.requests.count == 1)
            #expect(try await store.hubSubscriptions(sourceURL: source.url).count == 1, "the failed one was replaced")
            var id = try #require(try await store.hubSubscriptions(sourceURL: source.url).first?.callbackID)
            #expect(await subscriber.verify(callbackID: id, mode: "denied", topic: advert.topic, challenge: nil, leaseSeconds: nil, reason: "not today", now: start) == "")
            #expect(try await store.hubSubscription(callbackID: id)?.lastError?.contains("not today") == true)
            _ = await subscriber.keep(source, advert: advert, now: start.addingTimeInterval(3600))
            #expect(hub.requests.count == 2, "asked again after a denial")

            id = try #require(try await store.hubSubscriptions(sourceURL: source.url).first?.callbackID)
            _ = await subscriber.maintain(now: start.addingTimeInterval(3600 + subscriber.verificationWindow + 1))
            #expect(try await store.hubSubscription(callbackID: id)?.state == .failed, "never verified")

            _ = await subscriber.keep(source, advert: advert, now: start.addingTimeInterval(3 * 3600))
            id = try #require(try await store.hubSubscriptions(sourceURL: source.url).first?.callbackID)
            #expect(await subscriber.verify(callbackID: id, mode: "subscribe", topic: advert.topic, challenge: "ok", leaseSeconds: 60, reason: nil, now: start.addingTimeInterval(3 * 3600)) == "ok")
            _ = await subscriber.maintain(now: start.addingTimeInterval(3 * 3600 + 61))
            #expect(try await store.hubSubscription(callbackID: id)?.state == .failed, "the lease lapsed")
            #expect(await subscriber.keep(source, advert: nil, now: start.addingTimeInterval(3 * 3600 + 62)).pushed == false)
        }
    }

    /// Answers every name with the loopback address the test hub listens on, and counts the
    /// questions: a second look-up by the HTTP client could be answered otherwise (rebinding).
    final class LoopbackResolver: HostResolver {
        let asked = Countdown()
        func addresses(of host: String) async throws(FetchError) -> [IPAddress] {
            _ = asked.increment()
            return [IPAddress("127.0.0.1")!]
        }
    }

    @Test("a hub named by a feed is posted to at the address that was checked, with its name as Host (no second look-up to rebind)")
    func hubAddressPinned() async throws {
        try await Self.withHub { subscriber, hub, store in
            var subscriber = subscriber
            let resolver = LoopbackResolver()
            subscriber.resolver = resolver
            subscriber.hubAddresses = AddressPolicy(alsoAllowed: [try #require(IPAddress("127.0.0.1"))])
            let source = try await store.upsert(Source(url: "https://site.example/feed", group: "pushed"))
            // A name only the test's resolver knows: the client reaches the hub only if it
            // connects where the check said.
            let name = "hub.rebinding.test:\(hub.port)"
            let advert = HubAdvert(hubs: ["http://\(name)/hub"], topic: "https://site.example/feed")
            let standing = await subscriber.keep(source, advert: advert, now: Date(timeIntervalSince1970: 1_800_000_000))
            #expect(standing.problem == nil, "\(standing)")
            #expect(resolver.asked.count == 1, "the name is looked up once, by the check")
            let request = try #require(hub.requests.first)
            #expect(request.method == "POST" && request.path == "/hub")
            #expect(request.headers.first { $0.0.lowercased() == "host" }?.1 == name)
        }
    }
}
