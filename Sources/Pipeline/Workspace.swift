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
    /// Where published files are written before being renamed into `public/`.
    public var stagingDirectory: String { (root as NSString).appendingPathComponent(".state/staging") }

    /// The republisher for this workspace's public directory.
    public func republisher(baseURL: String?) -> Republisher {
        Republisher(directory: publicDirectory, baseURL: baseURL, staging: stagingDirectory)
    }

    /// Reads the subscriptions and makes sure every source is in the store.
    public func syncSubscriptions(into store: any FeedStore) throws -> Subscriptions {
        guard let bytes = FileManager.default.contents(atPath: subscriptionsPath) else {
            throw PipelineError.badSubscriptions("no file at \(subscriptionsPath)")
        }
        var subscriptions = try Subscriptions.parse(Array(bytes))
        try store.upsert(subscriptions.groups.flatMap { group in group.sources.map { Source(url: $0, group: group.slug) } })
        // Sources added with `feedwright sources add` to a group the OPML does not name still
        // get their output feed.
        let known = Set(subscriptions.groups.map(\.slug))
        var extra: [String: [String]] = [:]
        for source in try store.sources() where !known.contains(source.group) {
            extra[source.group, default: []].append(source.url)
        }
        for (slug, urls) in extra.sorted(by: { $0.key < $1.key }) {
            subscriptions.groups.append(Subscriptions.Group(title: slug, slug: slug, sources: urls))
        }
        return subscriptions
    }
}
