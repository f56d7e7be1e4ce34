import Foundation
import GRDB
import FeedwrightTesting
import Markup
import NIOConcurrencyHelpers
import Pipeline
import Store
import Syndication
import Testing

/// Kills `feedwright run --once` with SIGKILL part-way through a cycle, starts it again, and
/// checks that nothing was lost, nothing duplicated, and `public/` only ever held complete,
/// valid documents.
@Suite("Crash safety of the loop", .serialized, .timeLimit(.minutes(5)))
struct CrashSafetyTests {
    static let feeds = 12
    static let itemsPerFeed = 4

    /// The `feedwright` executable built beside this test bundle.
    static func executable() throws -> URL {
        // The test target's resource bundle sits in the build products directory, beside it.
        let directory = Bundle.module.bundleURL.deletingLastPathComponent()
        let binary = directory.appendingPathComponent("feedwright")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the feedwright product first (swift build)")
        return binary
    }

    static func feed(_ index: Int, base: String) -> [UInt8] {
        let items = (0..<itemsPerFeed).map { item in
            "<item><title>Crash story \(index)-\(item)</title><link>\(base)/article/\(index)/\(item)</link><guid>\(base)/article/\(index)/\(item)</guid><description>Teaser.</description></item>"
        }.joined()
        return Array("<rss version=\"2.0\"><channel><title>Feed \(index)</title>\(items)</channel></rss>".utf8)
    }

    static func article(_ path: String) -> [UInt8] {
        let marker = "Body-of-" + path.split(separator: "/").suffix(2).joined(separator: "-")
        return Array("<html><head><title>\(path)</title></head><body><article><h1>\(path)</h1><p>\(marker) is the full text of this story, long enough to be its body, with commas, clauses, and a second sentence that goes on.</p><p>A second paragraph makes it read like a real article page.</p></article></body></html>".utf8)
    }

    /// Runs `feedwright run --once`; with `killAfterArticles`, kills it with SIGKILL once the
    /// server has been asked for that many articles (or as soon as it exits by itself).
    func run(_ workspace: Workspace, killAfterArticles: Int?, articles: Countdown) async throws -> Int32 {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = ["run", "--once", "--workspace", workspace.root, "--allow-private-addresses", "--per-host", "6", "--host-delay", "0"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let exited = Latch()
        process.terminationHandler = { _ in exited.open() }
        try process.run()
        if let limit = killAfterArticles {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await articles.wait(until: limit) }
                group.addTask { try await exited.wait() }
                try await group.next()
                group.cancelAll()
            }
            kill(process.processIdentifier, SIGKILL)
        }
        try await exited.wait()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Every file in `public/` parses and the Atom ones are schema-valid.
    func expectCompletePublicFiles(_ workspace: Workspace) throws {
        let schema = try TemporaryWorkspace.schema()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.publicDirectory)) ?? []
        for name in names {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: workspace.publicDirectory).appendingPathComponent(name)))
            if name.hasSuffix(".atom") {
                #expect(schema.validate(try MarkupDocument.parseXML(bytes)).isEmpty, "\(name) is a valid Atom document")
            } else if name.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(bytes))) != nil, "\(name) is complete JSON")
            } else {
                Issue.record("unexpected file in public/: \(name)")
            }
        }
    }

    @Test("SIGKILL mid-cycle, then a restart: no entry lost or duplicated, public files always complete", arguments: [3, 20, 40])
    func killAndRestart(killAfterArticles: Int) async throws {
        // Articles past the limit are held (never answered while the first run lives), so the
        // kill always lands mid-cycle however slowly this test's task is scheduled.
        let articlesServed = NIOLockedValueBox(0)
        let holding = NIOLockedValueBox(true)
        let articles = Countdown()
        let server = try LoopbackServer { request in
            let parts = request.path.split(separator: "/")
            let base = "http://\(request.header("Host") ?? "127.0.0.1")"
            if parts.first == "feed", parts.count == 2, let index = Int(parts[1]) {
                return .init(headers: [("Content-Type", "application/rss+xml")], body: CrashSafetyTests.feed(index, base: base))
            }
            if parts.first == "article" {
                let count = articlesServed.withLockedValue { count in
                    count += 1
                    return count
                }
                articles.increment()
                let held = holding.withLockedValue { $0 } && count > killAfterArticles
                return .init(headers: [("Content-Type", "text/html")], body: CrashSafetyTests.article(request.path), delay: held ? 600 : 0.05)
            }
            return .init(status: 404)
        }
        defer { try? server.shutdown() }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("feedwright-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let outlines = (0..<Self.feeds).map { "<outline type=\"rss\" xmlUrl=\"\(server.base)/feed/\($0)\"/>" }.joined()
        try Data("<opml version=\"2.0\"><body><outline title=\"Crash\">\(outlines)</outline></body></opml>".utf8).write(to: root.appendingPathComponent("subscriptions.opml"))
        let workspace = Workspace(root: root.path)

        let killed = try await run(workspace, killAfterArticles: killAfterArticles, articles: articles)
        #expect(killed == SIGKILL, "the process was killed mid-cycle, not finished")
        try expectCompletePublicFiles(workspace)
        let total = Self.feeds * Self.itemsPerFeed
        let afterKill = try await SQLiteFeedStore(path: workspace.databasePath).entryCount(group: "crash")
        #expect(afterKill < total, "the kill came before the cycle had stored everything")
        // The killed worker's claims stay until their leases lapse; rather than wait the
        // lease out, the test moves their expiry into the past (what the clock would do).
        let database = try DatabaseQueue(path: workspace.databasePath)
        let held = try await database.write { db in
            let held = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM source WHERE leaseToken IS NOT NULL") ?? 0
            try db.execute(sql: "UPDATE source SET leaseExpires = ? WHERE leaseToken IS NOT NULL", arguments: [Date(timeIntervalSince1970: 0)])
            return held
        }
        #expect(held > 0, "the killed worker still held the sources it was polling")

        holding.withLockedValue { $0 = false }
        let finished = try await run(workspace, killAfterArticles: nil, articles: articles)
        #expect(finished == 0)
        try expectCompletePublicFiles(workspace)

        let store = try SQLiteFeedStore(path: workspace.databasePath)
        #expect(try await store.entryCount(group: "crash") == total, "every entry stored exactly once")
        let leftover = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM source WHERE leaseToken IS NOT NULL") ?? 0 }
        #expect(leftover == 0, "the finished run holds no lease")
        let published = try FeedParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: workspace.publicDirectory + "/crash.atom")))).feed
        #expect(published.entries.count == total)
        #expect(Set(published.entries.compactMap(\.id)).count == total, "no entry published twice")
        let extracted = published.entries.filter { $0.content?.value.contains("Body-of-") == true }
        #expect(extracted.count == total, "every entry carries its article's text")
    }
}
