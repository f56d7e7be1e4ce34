import ArgumentParser
import AsyncHTTPClient
import Fetching
import Foundation
import Pipeline
import Logging
import Server
import ServiceLifecycle
import Store

/// `feedwright serve`: serve the published feeds without polling.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve Feeds/public over HTTP: /feeds/<slug>.atom|.json from memory with ETag, gzip and 304, /, /health, /metrics.",
        discussion: """
            The files are read into memory at start and again within a second of any change (a \
            `run` elsewhere writing them). With --fulltext, /fulltext?url=FEED answers the full-text \
            Atom (or &format=json) of any public feed and /extract?url=PAGE one article as JSON; \
            articles are cached in the workspace's store. With --database (or FEEDWRIGHT_DATABASE), the feeds are the store's published \
            versions instead of the files, so that any node serving a shared PostgreSQL answers what the workers published, byte for byte.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var server: ServerOptions

    @OptionGroup var fullText: FullTextOptions

    @OptionGroup var fetching: FetchingOptions

    @OptionGroup var siteRules: SiteRuleOptions

    func run() async throws {
        let logger = Logger(label: "feedwright.serve")
        let store: (any FeedStore)? = workspace.databaseURL != nil || fullText.fulltext ? try await workspace.openStore() : nil
        do {
            try await HTTPFetcher.withClient { client in try await serve(store: store, client: client, logger: logger) }
        } catch {
            await store?.close()
            throw error
        }
        await store?.close()
    }

    /// The server and its watcher, fetching full text with `client`, until they stop.
    private func serve(store: (any FeedStore)?, client: HTTPClient, logger: Logger) async throws {
        let fromStore = workspace.databaseURL != nil
        // From the store, the public directory is not read: the versions replace it.
        let feeds = PublishedFeeds(directory: fromStore ? "" : workspace.space.publicDirectory)
        var options = FeedServer.Options(fullTextPerMinute: fullText.perMinute)
        if fullText.fulltext, let store {
            var fullTextFeeds = FullTextFeeds(client: client, store: store, fetching: fetching.settings, settings: fullText.settings)
            fullTextFeeds.siteRules = siteRules.library(workspace: workspace.space)
            options.fullText = FullTextAdapter(feeds: fullTextFeeds)
        }
        var watcher: any Service = PublicDirectoryWatcher(feeds: feeds)
        if fromStore, let store {
            watcher = StoredPublicationWatcher(store: store, feeds: feeds, logger: logger)
        }
        let source = fromStore ? (try? workspace.location().description) ?? "the store" : feeds.directory
        let app = FeedServer.application(feeds: feeds, options: options, host: server.host, port: server.port) { bound in
            print("serving \(source) on http://\(server.host):\(bound)/")
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: app, serviceName: "server"), .init(service: watcher, serviceName: "watcher")],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
