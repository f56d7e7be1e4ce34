import ArgumentParser
import Fetching
import Foundation
import Pipeline
import Logging
import Server
import ServiceLifecycle

/// `feedwright serve`: serve the published feeds without polling.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve Feeds/public over HTTP: /feeds/<slug>.atom|.json from memory with ETag, gzip and 304, /, /health, /metrics.",
        discussion: """
            The files are read into memory at start and again within a second of any change (a \
            `run` elsewhere writing them). With --fulltext, /fulltext?url=FEED answers the full-text \
            Atom (or &format=json) of any public feed and /extract?url=PAGE one article as JSON; \
            articles are cached in the workspace's store.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var server: ServerOptions

    @OptionGroup var fullText: FullTextOptions

    @OptionGroup var fetching: FetchingOptions

    func run() async throws {
        let feeds = PublishedFeeds(directory: workspace.space.publicDirectory)
        let client = HTTPFetcher.makeClient()
        var options = FeedServer.Options(fullTextPerMinute: fullText.perMinute)
        if fullText.fulltext {
            let store = try workspace.store()
            options.fullText = FullTextAdapter(feeds: FullTextFeeds(client: client, store: store, fetching: fetching.settings, settings: fullText.settings))
        }
        let app = FeedServer.application(feeds: feeds, options: options, host: server.host, port: server.port) { bound in
            print("serving \(feeds.directory) on http://\(server.host):\(bound)/")
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: app, serviceName: "server"),
                .init(service: PublicDirectoryWatcher(feeds: feeds), serviceName: "watcher"),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "feedwright.serve")))
        do {
            try await group.run()
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
