import Foundation
import Logging
import PostgresNIO

/// Where the store is, as `--database` or `FEEDWRIGHT_DATABASE` names it:
///
/// - `sqlite:PATH` (or a bare path): the embedded store, a file;
/// - `postgres://user[:password]@host[:port]/database` (also `postgresql://`), over TCP,
///   TLS if the server offers it (`?sslmode=disable` turns it off, `require` insists);
/// - `postgres://user@/database?host=/run/postgresql` (or `%2Frun%2Fpostgresql` as the
///   host): over the server's unix socket, as libpq spells it.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(Postgres)

    /// A PostgreSQL server and database.
    public struct Postgres: Sendable, Hashable {
        public enum Endpoint: Sendable, Hashable {
            case tcp(host: String, port: Int)
            case unixSocket(path: String)
        }

        public enum TLSMode: String, Sendable, Hashable {
            case disable, prefer, require
        }

        public var endpoint: Endpoint
        public var username: String
        public var password: String?
        public var database: String?
        public var tls: TLSMode
    }

    /// Reads a location; `defaultSQLite` is used for nil (the workspace's database).
    public static func parse(_ value: String?, defaultSQLite: String) throws(StoreError) -> StoreLocation {
        guard let value, !value.isEmpty else { return .sqlite(path: defaultSQLite) }
        if value.hasPrefix("sqlite:") {
            var path = String(value.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw .badLocation(value, reason: "sqlite: needs a path") }
            return .sqlite(path: path)
        }
        guard value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") else {
            if value.contains("://") { throw .badLocation(value, reason: "use sqlite:PATH or postgres://user@host/db") }
            return .sqlite(path: value)
        }
        guard let components = URLComponents(string: value) else { throw .badLocation(value, reason: "not a URL") }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let host = components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        let endpoint: Postgres.Endpoint
        if let socket = query["host"], socket.hasPrefix("/") {
            endpoint = .unixSocket(path: Self.socketFile(socket, port: components.port))
        } else if host.hasPrefix("/") {
            endpoint = .unixSocket(path: Self.socketFile(host, port: components.port))
        } else {
            guard !host.isEmpty else { throw .badLocation(value, reason: "no host (for a unix socket, add ?host=/path/to/socket/dir)") }
            endpoint = .tcp(host: host, port: components.port ?? 5432)
        }
        let database = components.path.split(separator: "/").first.map(String.init)
        let username = components.user ?? query["user"] ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let tls: Postgres.TLSMode
        switch query["sslmode"] ?? "prefer" {
        case "disable": tls = .disable
        case "require", "verify-ca", "verify-full": tls = .require
        default: tls = .prefer
        }
        return .postgres(Postgres(endpoint: endpoint, username: username, password: components.password ?? query["password"], database: database, tls: tls))
    }

    /// libpq names the socket's directory; the file in it carries the port.
    private static func socketFile(_ path: String, port: Int?) -> String {
        path.hasSuffix(".s.PGSQL.\(port ?? 5432)") || path.contains(".s.PGSQL.") ? path : (path as NSString).appendingPathComponent(".s.PGSQL.\(port ?? 5432)")
    }

    /// The store at this location, opened (and migrated).
    public func open(logger: Logger = Logger(label: "feedwright.store")) async throws(StoreError) -> any FeedStore {
        switch self {
        case let .sqlite(path):
            return try SQLiteFeedStore(path: path)
        case let .postgres(server):
            var configuration = server.clientConfiguration
            configuration.options.maximumConnections = 16
            return try await PostgresFeedStore(configuration: configuration, location: description, logger: logger)
        }
    }

    /// The location with any password left out (for logs and errors).
    public var description: String {
        switch self {
        case let .sqlite(path): return "sqlite:\(path)"
        case let .postgres(server):
            let database = server.database ?? ""
            switch server.endpoint {
            case let .tcp(host, port): return "postgres://\(server.username)@\(host):\(port)/\(database)"
            case let .unixSocket(path): return "postgres://\(server.username)@/\(database)?host=\((path as NSString).deletingLastPathComponent)"
            }
        }
    }
}
