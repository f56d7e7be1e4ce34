import Foundation
import ServiceLifecycle

/// Keeps ``PublishedFeeds`` in step with the public directory when another process (a `run`
/// elsewhere, a deploy) writes it: a look every `interval`, reading only files whose time or
/// size changed, off the event loops. The loop in the same process tells the feeds directly.
public struct PublicDirectoryWatcher: Service {
    public let feeds: PublishedFeeds
    public let interval: Duration

    /// A watcher of `feeds`' directory.
    public init(feeds: PublishedFeeds, interval: Duration = .seconds(1)) {
        self.feeds = feeds
        self.interval = interval
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let interval = self.interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            feeds.reload()
        }
    }
}
