import Foundation
import Logging
import Pipeline
import Server
import ServiceLifecycle
import Synchronization
import Store

/// `serve --database`: the feeds as the store's newest published versions, so that any node
/// answers the same bytes and ETags as the worker that published them.
///
/// A store that announces publications (PostgreSQL's `LISTEN`/`NOTIFY`) is read as each one
/// commits, and every half minute besides in case an announcement was missed; one that cannot
/// (SQLite) is read every second. Either way only what changed (by version) is read.
struct StoredPublicationWatcher: Service {
    let store: any FeedStore
    let feeds: PublishedFeeds
    let logger: Logger

    /// The pause between readings while announcements are heard…
    static let listeningPause = Duration.seconds(30)
    /// …and while they are not.
    static let pollingPause = Duration.seconds(1)
    /// How long a lost listening connection waits before listening again.
    static let relistenPause = Duration.seconds(5)

    /// Loads every document newer than `after` into `feeds`; returns the newest version seen.
    static func load(from store: any FeedStore, into feeds: PublishedFeeds, after: Int64) async throws -> Int64 {
        var newest = after
        for document in try await store.publishedDocuments(after: after) {
            feeds.install(name: document.name, bytes: document.body, modified: document.published)
            newest = max(newest, document.version)
        }
        return newest
    }

    /// Whether announcements are being heard now.
    private final class Hearing: Sendable {
        let now = Mutex(false)
    }

    func run() async throws {
        let published = WakeSignal()
        let hearing = Hearing()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await listen(waking: published, hearing: hearing) }
            await cancelWhenGracefulShutdown { await read(woken: published, hearing: hearing) }
            group.cancelAll()
        }
    }

    /// Reads what changed whenever woken, or after the pause, until cancelled.
    private func read(woken published: WakeSignal, hearing: Hearing) async {
        var version: Int64 = 0
        var failing = false
        while !Task.isCancelled {
            do {
                version = try await Self.load(from: store, into: feeds, after: version)
                if failing { logger.info("the store answers again") }
                failing = false
            } catch {
                // The feeds held stay served while the database is away.
                if !failing { logger.error("cannot read published feeds from the store", metadata: ["problem": "\(error)"]) }
                failing = true
            }
            await published.nap(for: hearing.now.withLock { $0 } ? Self.listeningPause : Self.pollingPause)
        }
    }

    /// Listens for announcements until cancelled, again after a pause when the connection is
    /// lost; returns at once for a store that makes none.
    private func listen(waking published: WakeSignal, hearing: Hearing) async {
        while !Task.isCancelled {
            do {
                let announces = try await store.watchPublications {
                    hearing.now.withLock { $0 = true }
                    published.wake()
                }
                if !announces { return }
            } catch {
                if Task.isCancelled { return }
                logger.warning("stopped hearing publications; reading the store every second until listening again", metadata: ["problem": "\(error)"])
            }
            hearing.now.withLock { $0 = false }
            try? await Task.sleep(for: Self.relistenPause)
        }
    }
}
