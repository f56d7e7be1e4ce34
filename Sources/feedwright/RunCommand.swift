import ArgumentParser
import Fetching
import Foundation
import Pipeline
import Server
import Store

/// `feedwright run`: the polling loop on a workspace.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Poll the subscribed sources, extract new articles, and republish full-text feeds.",
        discussion: """
            Reads Feeds/subscriptions.opml, keeps state in Feeds/.state/feedwright.sqlite, and \
            writes Feeds/public/<slug>.atom and .json. With --once, runs one cycle and exits. \
            Sources may be http(s) URLs, local paths (relative to the workspace) or file: URLs; \
            article links found in web feeds are only followed to public addresses.
            """
    )

    @Option(help: "The workspace directory.")
    var workspace: String = "Feeds"

    @Flag(help: "Run one cycle, then exit.")
    var once = false

    @Option(help: "Seconds between cycles when running continuously.")
    var every: Double = 60

    @Option(help: "The URL the public directory is served from, for the feeds' self links.")
    var baseURL: String = "http://localhost:8080/feeds/"

    @Option(help: "The port to serve the feeds on while running continuously (0: no server).")
    var port: Int = 8080

    @Option(help: "The address to serve on.")
    var host: String = "127.0.0.1"

    func run() async throws {
        let space = Workspace(root: workspace)
        let store = try SQLiteFeedStore(path: space.databasePath)
        let client = HTTPFetcher.makeClient()
        var trusted = HTTPFetcher.Options()
        trusted.addresses = AddressPolicy(allowPrivate: true)
        let local = LocalFileFetcher(root: workspace)
        let cycle = PollCycle(
            store: store,
            fetcher: RoutingFetcher(local: local, web: HTTPFetcher(client: client, options: trusted)),
            articleFetcher: RoutingFetcher(local: local, web: HTTPFetcher(client: client)),
            republisher: Republisher(directory: space.publicDirectory, baseURL: baseURL)
        )
        let metrics = LoopMetrics()
        do {
            if once || port == 0 {
                try await loop(cycle, store: store, space: space, metrics: metrics)
            } else {
                let app = FeedServer.application(feeds: PublishedFeeds(directory: space.publicDirectory), metrics: metrics, host: host, port: port)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await app.runService() }
                    group.addTask { try await loop(cycle, store: store, space: space, metrics: metrics) }
                    try await group.next()
                    group.cancelAll()
                }
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    private func loop(_ cycle: PollCycle, store: SQLiteFeedStore, space: Workspace, metrics: LoopMetrics) async throws {
        repeat {
            let subscriptions = try space.syncSubscriptions(into: store)
            let started = Date()
            let report = try await cycle.run(groups: subscriptions.groups)
            metrics.record(
                polls: report.polled, errors: report.failed, notModified: report.notModified, newEntries: report.newEntries,
                changedEntries: report.changedEntries, extractionFailures: report.extractionFailures, seconds: Date().timeIntervalSince(started))
            print("polled \(report.polled) source(s): \(report.newEntries) new, \(report.changedEntries) changed, \(report.extracted) extracted, \(report.failed) failed")
            for slug in report.published { print("  wrote \(space.publicDirectory)/\(slug).atom") }
            for error in report.errors { FileHandle.standardError.write(Data("  \(error)\n".utf8)) }
            if once { break }
            try await Task.sleep(for: .seconds(every))
        } while !Task.isCancelled
    }
}
