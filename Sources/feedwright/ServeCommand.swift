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

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let feeds = PublishedFeeds(directory: workspace.space.publicDirectory)
        let app = FeedServer.application(feeds: feeds, host: server.host, port: server.port) { bound in
            print("serving \(feeds.directory) on http://\(server.host):\(bound)/")
        }
        try await app.runService()
    }
}
