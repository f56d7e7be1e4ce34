import Foundation
import Logging
import Store
import Testing

/// The stores the shared behaviour suite runs on: SQLite always, PostgreSQL where a server is
/// configured (`FEEDWRIGHT_TEST_POSTGRES=postgres://user@host:port/db`; CI starts one). Each
/// test gets a database of its own, dropped afterwards.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// The server's URL, when one is configured.
    static let postgresURL = ProcessInfo.processInfo.environment["FEEDWRIGHT_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// Every kind this run can test.
    static var available: [StoreKind] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// Runs `body` on a new, empty store of this kind.
    func withStore(_ body: (any FeedStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("feedwright-store-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteFeedStore(path: directory.appendingPathComponent("state.sqlite").path)
            try await body(store)
            await store.close()
        case .postgres:
            let url = try #require(Self.postgresURL)
            guard case let .postgres(server) = try StoreLocation.parse(url, defaultSQLite: "") else {
                Issue.record("FEEDWRIGHT_TEST_POSTGRES is not a postgres:// URL: \(url)")
                return
            }
            try await server.withScratchDatabase(prefix: "feedwright_test") { scratch in
                let store = try await StoreLocation.postgres(scratch).open()
                do {
                    try await body(store)
                } catch {
                    await store.close()
                    throw error
                }
                await store.close()
            }
        }
    }
}

/// Shown as skipped, with what to do, when the PostgreSQL half of the suite cannot run.
@Suite struct PostgresConfiguration {
    @Test(.enabled(if: StoreKind.postgresURL != nil, "no PostgreSQL server configured: set FEEDWRIGHT_TEST_POSTGRES=postgres://user@host:port/db (scripts/postgres-cluster start DIR prints one)"))
    func aServerIsConfigured() async throws {
        try await StoreKind.postgres.withStore { store in
            let sources = try await store.sources()
            #expect(sources.isEmpty)
        }
    }
}
