import Foundation
import PostgresNIO

extension PostgresFeedStore {
    /// The columns ``hubSubscriptions(_:)`` decodes, in its order.
    private static let hubColumns =
        "callback_id, source_url, hub, topic, secret, state, requested, lease_seconds, expires, last_delivery, deliveries, rejected, last_error"

    private static func hubSubscriptions(_ rows: PostgresRowSequence) async throws -> [HubSubscription] {
        var subscriptions: [HubSubscription] = []
        for try await row in rows {
            let (callbackID, sourceURL, hub, topic, secret, state, requested, leaseSeconds, expires, lastDelivery, deliveries, rejected, lastError) =
                try row.decode((String, String, String, String, String, String, Date, Int?, Date?, Date?, Int, Int, String?).self)
            var subscription = HubSubscription(
                callbackID: callbackID, sourceURL: sourceURL, hub: hub, topic: topic, secret: secret,
                state: HubSubscription.State(rawValue: state) ?? .failed, requested: requested)
            subscription.leaseSeconds = leaseSeconds
            subscription.expires = expires
            subscription.lastDelivery = lastDelivery
            subscription.deliveries = deliveries
            subscription.rejected = rejected
            subscription.lastError = lastError
            subscriptions.append(subscription)
        }
        return subscriptions
    }

    public func hubSubscriptions(sourceURL: String?) async throws(StoreError) -> [HubSubscription] {
        var query = PostgresQuery(unsafeSQL: "SELECT \(Self.hubColumns) FROM hub_subscription" + (sourceURL == nil ? "" : " WHERE source_url = $1") + " ORDER BY requested DESC")
        if let sourceURL { query.binds.append(sourceURL) }
        return try await run { try await Self.hubSubscriptions(client.query(query, logger: logger)) }
    }

    public func hubSubscription(callbackID: String) async throws(StoreError) -> HubSubscription? {
        var query = PostgresQuery(unsafeSQL: "SELECT \(Self.hubColumns) FROM hub_subscription WHERE callback_id = $1")
        query.binds.append(callbackID)
        return try await run { try await Self.hubSubscriptions(client.query(query, logger: logger)).first }
    }

    public func save(_ subscription: HubSubscription) async throws(StoreError) {
        let state = subscription.state.rawValue
        try await run {
            try await client.query(
                """
                INSERT INTO hub_subscription (callback_id, source_url, hub, topic, secret, state, requested, lease_seconds, expires, last_delivery, deliveries, rejected, last_error)
                VALUES (\(subscription.callbackID), \(subscription.sourceURL), \(subscription.hub), \(subscription.topic), \(subscription.secret), \(state),
                    \(subscription.requested), \(subscription.leaseSeconds), \(subscription.expires), \(subscription.lastDelivery), \(subscription.deliveries),
                    \(subscription.rejected), \(subscription.lastError))
                ON CONFLICT (callback_id) DO UPDATE SET source_url = excluded.source_url, hub = excluded.hub, topic = excluded.topic,
                    secret = excluded.secret, state = excluded.state, requested = excluded.requested, lease_seconds = excluded.lease_seconds,
                    expires = excluded.expires, last_error = excluded.last_error
                """, logger: logger)
        }
    }

    public func removeHubSubscription(callbackID: String) async throws(StoreError) {
        try await run { try await client.query("DELETE FROM hub_subscription WHERE callback_id = \(callbackID)", logger: logger) }
    }

    public func countDelivery(callbackID: String, accepted: Bool, at: Date) async throws(StoreError) {
        try await run {
            if accepted {
                try await client.query("UPDATE hub_subscription SET deliveries = deliveries + 1, last_delivery = \(at) WHERE callback_id = \(callbackID)", logger: logger)
            } else {
                try await client.query("UPDATE hub_subscription SET rejected = rejected + 1 WHERE callback_id = \(callbackID)", logger: logger)
            }
        }
    }
}
