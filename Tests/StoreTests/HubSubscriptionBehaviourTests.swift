import Foundation
import Store
import Testing

/// WebSub subscriptions in the store, on both stores: saved, found by callback and by source,
/// counted without losing counts to a later save, and forgotten.
@Suite struct HubSubscriptionBehaviourTests {
    static let epoch = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: StoreKind.available)
    func saveFindCountForget(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var first = HubSubscription(
                callbackID: "cb-1", sourceURL: "https://a.example/feed", hub: "https://hub.example/", topic: "https://a.example/feed",
                secret: "secret-1", requested: Self.epoch)
            try await store.save(first)
            let other = HubSubscription(
                callbackID: "cb-2", sourceURL: "https://b.example/feed", hub: "https://hub.example/", topic: "https://b.example/topic",
                secret: "secret-2", requested: Self.epoch.addingTimeInterval(60))
            try await store.save(other)
            #expect(try await store.hubSubscription(callbackID: "cb-1") == first)
            #expect(try await store.hubSubscription(callbackID: "nope") == nil)
            #expect(try await store.hubSubscriptions(sourceURL: nil).map(\.callbackID) == ["cb-2", "cb-1"], "newest request first")
            #expect(try await store.hubSubscriptions(sourceURL: "https://a.example/feed").map(\.callbackID) == ["cb-1"])

            try await store.countDelivery(callbackID: "cb-1", accepted: true, at: Self.epoch.addingTimeInterval(5))
            try await store.countDelivery(callbackID: "cb-1", accepted: false, at: Self.epoch.addingTimeInterval(6))
            try await store.countDelivery(callbackID: "cb-1", accepted: false, at: Self.epoch.addingTimeInterval(7))
            // A verification saved from a copy read before the deliveries keeps their counts.
            first.state = .verified
            first.leaseSeconds = 86400
            first.expires = Self.epoch.addingTimeInterval(86400)
            try await store.save(first)
            let saved = try #require(try await store.hubSubscription(callbackID: "cb-1"))
            #expect(saved.state == .verified)
            #expect(saved.leaseSeconds == 86400)
            #expect(saved.expires == Self.epoch.addingTimeInterval(86400))
            #expect(saved.deliveries == 1)
            #expect(saved.rejected == 2)
            #expect(saved.lastDelivery == Self.epoch.addingTimeInterval(5))

            // A subscription outlives its source (the hub must still be told to stop).
            let source = try await store.upsert(Source(url: "https://a.example/feed", group: "news"))
            try await store.removeSource(url: source.url)
            #expect(try await store.hubSubscription(callbackID: "cb-1") != nil)
            try await store.removeHubSubscription(callbackID: "cb-1")
            #expect(try await store.hubSubscriptions(sourceURL: nil).map(\.callbackID) == ["cb-2"])
        }
    }
}
