/// What went wrong in the store, with the database's own error as the cause.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The database could not be opened, created or migrated; `location` is what the user gave.
    case cannotOpen(location: String, reason: String)
    /// A `--database` value that names no store Feedwright knows.
    case badLocation(String, reason: String)
    /// A statement failed; `cause` is the database's error (GRDB's `DatabaseError` for SQLite,
    /// postgres-nio's `PSQLError` for PostgreSQL), with its code and the statement.
    case database(cause: any Error & Sendable)
    case corruptEntry(identity: String, reason: String)
    /// The documents of `slug` could not be made or written (the builder of
    /// ``FeedStore/publish(slug:entriesPerFeed:force:build:)`` failed); nothing was stored.
    case publication(slug: String, cause: any Error & Sendable)

    public var description: String {
        switch self {
        case let .cannotOpen(location, reason): return "cannot open the store at \(location): \(reason)"
        case let .badLocation(value, reason): return "not a database location: \(value): \(reason)"
        case let .database(cause): return "store: \(String(reflecting: cause))"
        case let .corruptEntry(identity, reason): return "stored entry \(identity) is unreadable: \(reason)"
        case let .publication(slug, cause): return "publishing \(slug): \(cause)"
        }
    }
}
