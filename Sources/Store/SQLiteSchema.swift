import Foundation
import GRDB
import Syndication

/// The SQLite schema, one migration per version. Migrations only ever add: a database written
/// by an older Feedwright opens in a newer one.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sources and entries") { db in
            try db.create(table: "source") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("url", .text).notNull().unique()
                table.column("feedGroup", .text).notNull()
                table.column("title", .text)
                table.column("etag", .text)
                table.column("lastModified", .text)
                table.column("nextPoll", .datetime).notNull()
                table.column("interval", .double).notNull()
                table.column("errorCount", .integer).notNull().defaults(to: 0)
                table.column("lastError", .text)
            }
            try db.create(table: "entry") { table in
                table.column("sourceID", .integer).notNull().references("source", onDelete: .cascade)
                table.column("identity", .text).notNull()
                table.column("contentHash", .text).notNull()
                table.column("entryJSON", .blob).notNull()
                table.column("firstSeen", .datetime).notNull()
                table.column("updated", .datetime).notNull()
                table.primaryKey(["sourceID", "identity"])
            }
            try db.create(index: "entry_by_updated", on: "entry", columns: ["updated"])
        }
        migrator.registerMigration("v2: when each source was last polled") { db in
            try db.alter(table: "source") { table in table.add(column: "lastPolled", .datetime) }
        }
        migrator.registerMigration("v3: articles extracted on demand, by URL") { db in
            try db.create(table: "articleCache") { table in
                table.column("url", .text).notNull().primaryKey()
                table.column("document", .blob).notNull()
                table.column("fetched", .datetime).notNull()
            }
        }
        migrator.registerMigration("v4: leases, versioned entry documents, publication") { db in
            try db.alter(table: "source") { table in
                table.add(column: "leaseOwner", .text)
                table.add(column: "leaseToken", .integer)
                table.add(column: "leaseExpires", .datetime)
            }
            try db.create(index: "source_by_nextPoll", on: "source", columns: ["nextPoll"])
            try db.create(index: "source_by_leaseToken", on: "source", columns: ["leaseToken"])
            try db.alter(table: "entry") { table in
                table.add(column: "link", .text)
                table.add(column: "title", .text)
            }
            // Entries stored before v4 are the synthesized `Codable` of `Entry` as it was then
            // (its default date form: seconds since 2001); each becomes a version-1 document.
            let legacy = JSONDecoder()
            let rows = try Row.fetchAll(db, sql: "SELECT rowid, entryJSON FROM entry")
            for row in rows {
                let data: Data = row["entryJSON"]
                guard let entry = try? legacy.decode(Entry.self, from: data) else { continue }
                try db.execute(
                    sql: "UPDATE entry SET entryJSON = ?, link = ?, title = ? WHERE rowid = ?",
                    arguments: [try EntryDocument.encode(entry), entry.alternateLink, entry.title?.value, row["rowid"]])
            }
            try db.create(table: "groupChange") { table in
                table.column("slug", .text).notNull().primaryKey()
                table.column("changes", .integer).notNull()
                table.column("publishedChanges", .integer).notNull()
            }
            try db.create(table: "publishedDocument") { table in
                table.column("name", .text).notNull().primaryKey()
                table.column("body", .blob).notNull()
                table.column("etag", .text).notNull()
                table.column("published", .datetime).notNull()
                table.column("version", .integer).notNull()
            }
        }
        migrator.registerMigration("v5: feed archives (RFC 5005)") { db in
            // The archive page an entry was published in; NULL while it is current.
            try db.alter(table: "entry") { table in table.add(column: "archive", .integer) }
            try db.alter(table: "groupChange") { table in table.add(column: "archives", .integer).notNull().defaults(to: 0) }
            try db.execute(sql: "CREATE INDEX entry_current ON entry (sourceID) WHERE archive IS NULL")
        }
        migrator.registerMigration("v6: WebSub subscriptions") { db in
            // Not tied to the source row: a removed source's subscription stays until the hub
            // confirms the unsubscription.
            try db.create(table: "hubSubscription") { table in
                table.column("callbackID", .text).notNull().primaryKey()
                table.column("sourceURL", .text).notNull().indexed()
                table.column("hub", .text).notNull()
                table.column("topic", .text).notNull()
                table.column("secret", .text).notNull()
                table.column("state", .text).notNull()
                table.column("requested", .datetime).notNull()
                table.column("leaseSeconds", .integer)
                table.column("expires", .datetime)
                table.column("lastDelivery", .datetime)
                table.column("deliveries", .integer).notNull().defaults(to: 0)
                table.column("rejected", .integer).notNull().defaults(to: 0)
                table.column("lastError", .text)
            }
        }
        return migrator
    }
}
