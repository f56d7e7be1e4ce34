import Foundation
import Store

/// The `Feeds/` directory: subscriptions, samples, the state database and published feeds.
public struct Workspace: Sendable {
    public var root: String

    public init(root: String) {
        self.root = root
    }

    public var subscriptionsPath: String { (root as NSString).appendingPathComponent("subscriptions.opml") }
    public var databasePath: String { (root as NSString).appendingPathComponent(".state/feedwright.sqlite") }
    public var publicDirectory: String { (root as NSString).appendingPathComponent("public") }

    /// Reads the subscriptions and makes sure every source is in the store.
    public func syncSubscriptions(into store: any FeedStore) throws -> Subscriptions {
        guard let bytes = FileManager.default.contents(atPath: subscriptionsPath) else {
            throw PipelineError.badSubscriptions("no file at \(subscriptionsPath)")
        }
        let subscriptions = try Subscriptions.parse(Array(bytes))
        for group in subscriptions.groups {
            for url in group.sources {
                try store.upsert(Source(url: url, group: group.slug))
            }
        }
        return subscriptions
    }
}
