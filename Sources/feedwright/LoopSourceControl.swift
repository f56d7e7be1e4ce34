import Foundation
import Pipeline
import Server
import Store
import Syndication

/// The loop's sources as the server's index page and API see them: the store for state,
/// the poll cycle for "poll now", and the in-memory feeds told what was republished.
struct LoopSourceControl: SourceControl {
    let store: any FeedStore
    let cycle: PollCycle
    let workspace: Workspace
    let feeds: PublishedFeeds
    /// Told of removed sources, so that their hubs stop pushing.
    var hubSubscriber: WebSubSubscriber? = nil

    func sources() async throws -> [SourceState] {
        let counts = try await store.entryCountsBySource()
        return try await store.sources().map { state(of: $0, entries: $0.id.flatMap { counts[$0] } ?? 0) }
    }

    func add(url: String, group: String, title: String?) async throws -> SourceState {
        let source = try await store.upsert(Source(url: url, group: Subscriptions.slug(group), title: title))
        let counts = try await store.entryCountsBySource()
        return state(of: source, entries: source.id.flatMap { counts[$0] } ?? 0)
    }

    func remove(url: String) async throws -> Bool {
        guard try await store.source(url: url) != nil else { return false }
        try await store.removeSource(url: url)
        if let hubSubscriber { _ = await hubSubscriber.unsubscribe(sourceURL: url, now: Date()) }
        return true
    }

    func pollNow(url: String) async throws -> PollResult? {
        guard let source = try await store.source(url: url) else { return nil }
        // The OPML file's groups and titles where it can be read, the store's otherwise.
        let listed = (try? workspace.readSubscriptions()) ?? Subscriptions(groups: [])
        let groups = try await workspace.allSubscriptions(listed, store: store).groups
        let report = try await cycle.pollNow(source, groups: groups)
        feeds.reload(slugs: report.published)
        let after = try await store.source(url: source.url) ?? source
        let counts = try await store.entryCountsBySource()
        return PollResult(
            source: state(of: after, entries: after.id.flatMap { counts[$0] } ?? 0), newEntries: report.newEntries,
            changedEntries: report.changedEntries, error: report.failed > 0 ? after.lastError : nil, published: report.published)
    }

    private func state(of source: Source, entries: Int) -> SourceState {
        SourceState(
            url: source.url, group: source.group, title: source.title, lastPolled: source.lastPolled, nextPoll: source.nextPoll,
            interval: source.interval, errorCount: source.errorCount, lastError: source.lastError,
            paused: source.errorCount >= cycle.maximumErrors, entries: entries)
    }
}
