import Foundation
import Logging
import PostgresNIO

extension StoreLocation.Postgres {
    /// A client configuration for this server and database.
    public var clientConfiguration: PostgresClient.Configuration {
        switch endpoint {
        case let .tcp(host, port):
            let mode: PostgresClient.Configuration.TLS
            switch tls {
            case .disable: mode = .disable
            case .prefer: mode = .prefer(.makeClientConfiguration())
            case .require: mode = .require(.makeClientConfiguration())
            }
            return PostgresClient.Configuration(host: host, port: port, username: username, password: password, database: database, tls: mode)
        case let .unixSocket(path):
            return PostgresClient.Configuration(unixSocketPath: path, username: username, password: password, database: database)
        }
    }

    /// Runs `body` on a new, empty database on this server (named `prefix_<random>`), dropped
    /// afterwards whatever happens: for tests and benchmarks, which must not touch the
    /// user's data.
    public func withScratchDatabase<T>(prefix: String, _ body: (StoreLocation.Postgres) async throws -> T) async throws -> T {
        let name = "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        try await administer("CREATE DATABASE \(name)")
        var scratch = self
        scratch.database = name
        do {
            let result = try await body(scratch)
            try await administer("DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            try? await administer("DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
    }

    /// One statement on a short-lived connection (CREATE/DROP DATABASE cannot run in a
    /// transaction, nor on the database they drop).
    private func administer(_ sql: String) async throws {
        let client = PostgresClient(configuration: clientConfiguration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: sql))
        }
    }
}
