import Logging
import PostgresNIO

/// The PostgreSQL schema, one migration per version, applied under an advisory lock so that
/// workers starting together migrate once. Migrations only ever add.
enum PostgresSchema {
    /// The advisory lock key of migrations (any constant other locks do not use).
    static let migrationLock: Int64 = 0x6665_6564_7772_6974  // "feedwrit"

    static let migrations: [(version: Int, name: String, statements: [String])] = [
        (1, "sources, entries, leases, publication, article cache", [
            """
            CREATE TABLE source (
                id bigserial PRIMARY KEY,
                url text NOT NULL UNIQUE,
                feed_group text NOT NULL,
                title text,
                etag text,
                last_modified text,
                next_poll timestamptz NOT NULL,
                poll_interval double precision NOT NULL,
                error_count integer NOT NULL DEFAULT 0,
                last_error text,
                last_polled timestamptz,
                lease_owner text,
                lease_token bigint,
                lease_expires timestamptz
            )
            """,
            "CREATE INDEX source_by_next_poll ON source (next_poll)",
            "CREATE INDEX source_by_lease_token ON source (lease_token)",
            "CREATE INDEX source_by_group ON source (feed_group)",
            "CREATE SEQUENCE lease_token",
            """
            CREATE TABLE entry (
                source_id bigint NOT NULL REFERENCES source (id) ON DELETE CASCADE,
                identity text NOT NULL,
                content_hash text NOT NULL,
                document jsonb NOT NULL,
                first_seen timestamptz NOT NULL,
                updated timestamptz NOT NULL,
                link text,
                title text,
                PRIMARY KEY (source_id, identity)
            )
            """,
            "CREATE INDEX entry_by_updated ON entry (source_id, updated DESC)",
            "CREATE TABLE group_change (slug text PRIMARY KEY, changes bigint NOT NULL, published_changes bigint NOT NULL)",
            "CREATE SEQUENCE published_version",
            """
            CREATE TABLE published_document (
                name text PRIMARY KEY,
                body bytea NOT NULL,
                etag text NOT NULL,
                published timestamptz NOT NULL,
                version bigint NOT NULL
            )
            """,
            "CREATE INDEX published_by_version ON published_document (version)",
            "CREATE TABLE article_cache (url text PRIMARY KEY, document bytea NOT NULL, fetched timestamptz NOT NULL)",
        ]),
        (2, "feed archives (RFC 5005)", [
            // The archive page an entry was published in; NULL while it is current.
            "ALTER TABLE entry ADD COLUMN archive integer",
            "ALTER TABLE group_change ADD COLUMN archives integer NOT NULL DEFAULT 0",
            "CREATE INDEX entry_current ON entry (source_id) WHERE archive IS NULL",
        ]),
        (3, "WebSub subscriptions", [
            // Not tied to the source row: a removed source's subscription stays until the hub
            // confirms the unsubscription.
            """
            CREATE TABLE hub_subscription (
                callback_id text PRIMARY KEY,
                source_url text NOT NULL,
                hub text NOT NULL,
                topic text NOT NULL,
                secret text NOT NULL,
                state text NOT NULL,
                requested timestamptz NOT NULL,
                lease_seconds bigint,
                expires timestamptz,
                last_delivery timestamptz,
                deliveries bigint NOT NULL DEFAULT 0,
                rejected bigint NOT NULL DEFAULT 0,
                last_error text
            )
            """,
            "CREATE INDEX hub_subscription_by_source ON hub_subscription (source_url)",
        ]),
    ]

    /// Brings the database to the newest version.
    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS feedwright_migration (version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query("SELECT version FROM feedwright_migration", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            for migration in migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO feedwright_migration (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
            }
        }
    }
}
