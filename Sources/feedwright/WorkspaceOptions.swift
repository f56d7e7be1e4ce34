import ArgumentParser
import Pipeline
import Store

/// `--workspace`, shared by every command that works on a `Feeds/` directory.
struct WorkspaceOptions: ParsableArguments {
    @Option(help: "The workspace directory (subscriptions.opml, .state/, public/).")
    var workspace: String = "Feeds"

    /// The workspace the option names.
    var space: Workspace { Workspace(root: workspace) }

    /// The workspace's state database.
    func store() throws -> SQLiteFeedStore {
        try SQLiteFeedStore(path: space.databasePath)
    }
}
