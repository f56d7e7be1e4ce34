import AsyncHTTPClient
import FeedwrightTesting
import Foundation
import Store
import Testing

/// `serve --database`, the real binary: a server node answers what a worker published to the
/// shared store, each new version as it comes (announced by PostgreSQL, polled from SQLite).
@Suite("serve --database: feeds from the shared store", .timeLimit(.minutes(2)))
struct ServeFromStoreTests {
    static let postgresURL = ProcessInfo.processInfo.environment["FEEDWRIGHT_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static var kinds: [String] { postgresURL == nil ? ["sqlite"] : ["sqlite", "postgres"] }

    /// Runs `body` with a new store of `kind` and where it is, for a workspace at `root`.
    static func withLocation(_ kind: String, root: URL, _ body: (StoreLocation) async throws -> Void) async throws {
        guard kind == "postgres" else { return try await body(.sqlite(path: root.appendingPathComponent("state.sqlite").path)) }
        guard let url = postgresURL, case let .postgres(server) = try StoreLocation.parse(url, defaultSQLite: "") else {
            Issue.record("FEEDWRIGHT_TEST_POSTGRES is not a postgres:// URL")
            return
        }
        try await server.withScratchDatabase(prefix: "feedwright_serve") { try await body(.postgres($0)) }
    }

    static func publish(_ text: String, to store: any FeedStore) async throws {
        let document = PublishedDocumentRecord(name: "news.atom", body: Array(text.utf8), etag: "\"\(text.count)\"", published: Date(timeIntervalSince1970: 1_800_000_000))
        _ = try await store.publish(slug: "news", entriesPerFeed: 10, force: true) { _ in [document] }
    }

    @Test("a server node serves the worker's publication, and each new version after it", arguments: kinds)
    func servesWhatWasPublished(kind: String) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("feedwright-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try await Self.withLocation(kind, root: root) { location in
            let store = try await location.open()
            try await Self.publish("<feed>first</feed>", to: store)
            let port = try RunningBinary.freePort()
            let binary = try RunningBinary(["serve", "--workspace", root.path, "--database", location.description, "--port", String(port)])
            let url = "http://127.0.0.1:\(port)/feeds/news.atom"
            try await withHTTPClient { client in
                func served(_ text: String) async -> Bool {
                    (try? await RunningBinary.send(client, .GET, url))?.body == text
                }
                #expect(await RunningBinary.eventually(within: 20) { await served("<feed>first</feed>") }, "what was published before the node started")
                let publishedAt = ContinuousClock.now
                try await Self.publish("<feed>second</feed>", to: store)
                #expect(await RunningBinary.eventually(within: 20) { await served("<feed>second</feed>") }, "a version published while it runs")
                print("serve --database (\(kind)): a new version served \(ContinuousClock.now - publishedAt) after its publication")
            }
            #expect(try await binary.stop() == 0, "a graceful stop")
            await store.close()
        }
    }
}
