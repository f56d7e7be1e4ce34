import ArgumentParser
import Foundation
import Pipeline
import Server

/// `feedwright serve`: serve the published feeds without polling.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve Feeds/public over HTTP: /feeds/<slug>.atom|.json with ETag and 304, /, /health, /metrics."
    )

    @Option(help: "The workspace directory.")
    var workspace: String = "Feeds"

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let feeds = PublishedFeeds(directory: Workspace(root: workspace).publicDirectory)
        let app = FeedServer.application(feeds: feeds, metrics: LoopMetrics(), host: server.host, port: server.port) { bound in
            print("serving \(feeds.directory) on http://\(server.host):\(bound)/")
        }
        try await app.runService()
    }
}
