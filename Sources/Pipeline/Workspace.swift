import FeedwrightCore
import Foundation
import Store
import Syndication

/// The `Feeds/` directory: subscriptions, samples, the state database and published feeds.
public struct Workspace: Sendable {
    public var root: String

    public init(root: String) {
        self.root = root
    }

    public var subscriptionsPath: String { (root as NSString).appendingPathComponent("subscriptions.opml") }
    public var databasePath: String { (root as NSString).appendingPathComponent(".state/feedwright.sqlite") }
    public var publicDirectory: String { (root as NSString).appendingPathComponent("public") }
    /// Where `feedwright rules update` installs site rules, read by default when it exists.
    public var siteRulesDirectory: String { (root as NSString).appendingPathComponent("site-rules") }
    /// Where published files are written before being renamed into `public/`.
    public var stagingDirectory: String { (root as NSString).appendingPathComponent(".state/staging") }

    /// The republisher for this workspace's public directory.
    public func republisher(baseURL: String?) -> Republisher {
        Republisher(directory: publicDirectory, baseURL: baseURL, staging: stagingDirectory)
    }

    /// The subscriptions file as it is.
    public func readSubscriptions() throws(PipelineError) -> Subscriptions {
        guard let bytes = FileManager.default.contents(atPath: subscriptionsPath) else {
            throw PipelineError.badSubscriptions("no file at \(subscriptionsPath)")
        }
        do {
            return try Subscriptions.parse(Array(bytes))
        } catch {
            throw PipelineError.badSubscriptions("\(subscriptionsPath): \(error)")
        }
    }

    /// Reads the subscriptions and makes sure every source is in the store; returns them with
    /// the groups of sources added by `feedwright sources add` that the OPML does not name.
    public func syncSubscriptions(into store: any FeedStore) async throws -> Subscriptions {
        let subscriptions = try readSubscriptions()
        try await register(subscriptions, in: store)
        return try await allSubscriptions(subscriptions, store: store)
    }

    /// Makes sure every source of `subscriptions` is in the store, in its group.
    public func register(_ subscriptions: Subscriptions, in store: any FeedStore) async throws {
        try await store.upsert(subscriptions.groups.flatMap { group in group.sources.map { Source(url: $0, group: group.slug) } })
    }

    /// When `subscriptions.opml` was last changed (nil when it cannot be read).
    public var subscriptionsModified: Date? {
        (try? FileManager.default.attributesOfItem(atPath: subscriptionsPath))?[.modificationDate] as? Date
    }

    /// `subscriptions` plus a group for each store group the OPML does not name.
    public func allSubscriptions(_ subscriptions: Subscriptions, store: any FeedStore) async throws -> Subscriptions {
        var result = subscriptions
        let known = Set(subscriptions.groups.map(\.slug))
        var extra: [String: [String]] = [:]
        for source in try await store.sources() where !known.contains(source.group) {
            extra[source.group, default: []].append(source.url)
        }
        for (slug, urls) in extra.sorted(by: { $0.key < $1.key }) {
            result.groups.append(Subscriptions.Group(title: slug, slug: slug, sources: urls))
        }
        return result
    }

    /// Adds `other`'s sources to `subscriptions.opml` (rewritten atomically; a missing file is
    /// created). Returns how many sources were new.
    public func importSubscriptions(_ other: Subscriptions) throws -> Int {
        let current = FileManager.default.fileExists(atPath: subscriptionsPath) ? try readSubscriptions() : Subscriptions(groups: [])
        let (merged, added) = current.merging(other)
        if added > 0 {
            try AtomicFile.write(try merged.opml(title: "Feedwright subscriptions"), to: subscriptionsPath)
        }
        return added
    }
}
