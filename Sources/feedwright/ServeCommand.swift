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

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    func run() async throws {
        let feeds = PublishedFeeds(directory: Workspace(root: workspace).publicDirectory)
        let app = FeedServer.application(feeds: feeds, metrics: LoopMetrics(), host: host, port: port) { bound in
            print("serving \(feeds.directory) on http://\(host):\(bound)/")
        }
        try await app.runService()
    }
}
