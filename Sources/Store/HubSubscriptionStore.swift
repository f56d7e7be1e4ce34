import Foundation

/// Where WebSub subscriptions are kept: both stores, with the same semantics (one behaviour
/// suite checks them).
public protocol HubSubscriptionStore: Sendable {
    /// Every subscription, or those of one source, newest request first.
    func hubSubscriptions(sourceURL: String?) async throws(StoreError) -> [HubSubscription]
    /// The subscription behind a callback, if any.
    func hubSubscription(callbackID: String) async throws(StoreError) -> HubSubscription?
    /// Adds or replaces the subscription with the same callback ID.
    func save(_ subscription: HubSubscription) async throws(StoreError)
    /// Forgets a subscription (its callback answers 404 from then on).
    func removeHubSubscription(callbackID: String) async throws(StoreError)
    /// Counts one distribution in one statement (workers may count at once): accepted ones
    /// set ``HubSubscription/lastDelivery`` to `at`.
    func countDelivery(callbackID: String, accepted: Bool, at: Date) async throws(StoreError)
}
