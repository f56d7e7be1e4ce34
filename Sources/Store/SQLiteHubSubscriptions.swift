import Foundation
import GRDB

extension SQLiteFeedStore {
    public func hubSubscriptions(sourceURL: String?) async throws(StoreError) -> [HubSubscription] {
        try await read { db in
            let rows = if let sourceURL {
                try Row.fetchAll(db, sql: "SELECT * FROM hubSubscription WHERE sourceURL = ? ORDER BY requested DESC", arguments: [sourceURL])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM hubSubscription ORDER BY requested DESC")
            }
            return rows.map(SQLiteFeedStore.hubSubscription)
        }
    }

    public func hubSubscription(callbackID: String) async throws(StoreError) -> HubSubscription? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM hubSubscription WHERE callbackID = ?", arguments: [callbackID]).map(SQLiteFeedStore.hubSubscription)
        }
    }

    public func save(_ subscription: HubSubscription) async throws(StoreError) {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO hubSubscription (callbackID, sourceURL, hub, topic, secret, state, requested, leaseSeconds, expires, lastDelivery, deliveries, rejected, lastError)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(callbackID) DO UPDATE SET sourceURL = excluded.sourceURL, hub = excluded.hub, topic = excluded.topic,
                        secret = excluded.secret, state = excluded.state, requested = excluded.requested, leaseSeconds = excluded.leaseSeconds,
                        expires = excluded.expires, lastError = excluded.lastError
                    """,
                arguments: [
                    subscription.callbackID, subscription.sourceURL, subscription.hub, subscription.topic, subscription.secret,
                    subscription.state.rawValue, subscription.requested, subscription.leaseSeconds, subscription.expires,
                    subscription.lastDelivery, subscription.deliveries, subscription.rejected, subscription.lastError,
                ])
        }
    }

    public func removeHubSubscription(callbackID: String) async throws(StoreError) {
        try await write { db in try db.execute(sql: "DELETE FROM hubSubscription WHERE callbackID = ?", arguments: [callbackID]) }
    }

    public func countDelivery(callbackID: String, accepted: Bool, at: Date) async throws(StoreError) {
        try await write { db in
            if accepted {
                try db.execute(sql: "UPDATE hubSubscription SET deliveries = deliveries + 1, lastDelivery = ? WHERE callbackID = ?", arguments: [at, callbackID])
            } else {
                try db.execute(sql: "UPDATE hubSubscription SET rejected = rejected + 1 WHERE callbackID = ?", arguments: [callbackID])
            }
        }
    }

    private static func hubSubscription(_ row: Row) -> HubSubscription {
        var subscription = HubSubscription(
            callbackID: row["callbackID"], sourceURL: row["sourceURL"], hub: row["hub"], topic: row["topic"], secret: row["secret"],
            state: HubSubscription.State(rawValue: row["state"]) ?? .failed, requested: row["requested"])
        subscription.leaseSeconds = row["leaseSeconds"]
        subscription.expires = row["expires"]
        subscription.lastDelivery = row["lastDelivery"]
        subscription.deliveries = row["deliveries"]
        subscription.rejected = row["rejected"]
        subscription.lastError = row["lastError"]
        return subscription
    }
}
