import ArgumentParser
import Foundation
import Pipeline
import Store

/// `--workspace` and `--database`, shared by every command that works on a `Feeds/` directory
/// and its store.
struct WorkspaceOptions: ParsableArguments {
    @Option(help: "The workspace directory (subscriptions.opml, .state/, public/).")
    var workspace: String = "Feeds"

    @Option(help: ArgumentHelp(
        "The store: sqlite:PATH (default: the workspace's .state/feedwright.sqlite) or postgres://user[:password]@host[:port]/db (a unix socket: postgres://user@/db?host=/run/postgresql). Also FEEDWRIGHT_DATABASE.",
        valueName: "url"))
    var database: String?

    /// The store named by `--database`, else by the environment: read when the command runs,
    /// so that the help never prints a password as a default.
    var databaseURL: String? {
        database ?? ProcessInfo.processInfo.environment["FEEDWRIGHT_DATABASE"]
    }

    /// The workspace the option names.
    var space: Workspace { Workspace(root: workspace) }

    /// Where the store is.
    func location() throws -> StoreLocation {
        try StoreLocation.parse(databaseURL, defaultSQLite: space.databasePath)
    }

    /// The store, opened and migrated; the caller closes it.
    func openStore() async throws -> any FeedStore {
        try await location().open()
    }

    /// Runs `body` with the store open, and closes it whatever happens.
    func withStore<T>(_ body: (any FeedStore) async throws -> T) async throws -> T {
        let store = try await openStore()
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}
