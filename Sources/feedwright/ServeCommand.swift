import ArgumentParser
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
        discussion: "The files are read into memory at start and again within a second of any change (a `run` elsewhere writing them)."
    )

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let feeds = PublishedFeeds(directory: workspace.space.publicDirectory)
        let app = FeedServer.application(feeds: feeds, host: server.host, port: server.port) { bound in
            print("serving \(feeds.directory) on http://\(server.host):\(bound)/")
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: app, serviceName: "server"),
                .init(service: PublicDirectoryWatcher(feeds: feeds), serviceName: "watcher"),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "feedwright.serve")))
        try await group.run()
    }
}
