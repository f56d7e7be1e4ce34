import Foundation
import Logging
import Server
import ServiceLifecycle
import Store

/// `serve --database`: the feeds as the store's newest published versions, so that any node
/// answers the same bytes and ETags as the worker that published them. Reads what changed
/// (by version) every second until shutdown.
struct StoredPublicationWatcher: Service {
    let store: any FeedStore
    let feeds: PublishedFeeds
    let logger: Logger

    /// Loads every document newer than `after` into `feeds`; returns the newest version seen.
    static func load(from store: any FeedStore, into feeds: PublishedFeeds, after: Int64) async throws -> Int64 {
        var newest = after
        for document in try await store.publishedDocuments(after: after) {
            feeds.install(name: document.name, bytes: document.body, modified: document.published)
            newest = max(newest, document.version)
        }
        return newest
    }

    func run() async throws {
        var version: Int64 = 0
        var failing = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                version = try await Self.load(from: store, into: feeds, after: version)
                if failing { logger.info("the store answers again") }
                failing = false
            } catch {
                // The feeds held stay served while the database is away.
                if !failing { logger.error("cannot read published feeds from the store", metadata: ["problem": "\(error)"]) }
                failing = true
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) }
        }
    }
}
