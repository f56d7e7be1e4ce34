import ArgumentParser
import FeedwrightCore
import Foundation
import Pipeline
import Store
import Syndication

/// `feedwright opml import|export`: subscriptions in and out as OPML, the format every feed
/// reader speaks.
struct OPMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opml",
        abstract: "Import subscriptions from another reader's OPML, or export them.",
        subcommands: [Import.self, Export.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add the feeds of an OPML file to Feeds/subscriptions.opml.",
            discussion: "Each top-level folder becomes an output feed (group); feeds in nested folders join their top-level folder; feeds outside any folder join 'subscriptions'. Feeds already subscribed stay where they are."
        )
        @OptionGroup var options: WorkspaceOptions
        @Argument(help: "The OPML file to import.") var file: String

        func run() async throws {
            guard let bytes = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let imported: Subscriptions
            do {
                imported = try Subscriptions.parse(Array(bytes))
            } catch {
                throw ValidationError("\(file): \(error)")
            }
            let space = options.space
            let added = try space.importSubscriptions(imported)
            let all = try await options.withStore { try await space.syncSubscriptions(into: $0) }
            let total = imported.groups.reduce(0) { $0 + $1.sources.count }
            print("imported \(added) new source(s) of \(total) from \(file); \(all.groups.count) output feed(s): \(all.groups.map(\.slug).joined(separator: ", "))")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Write every subscribed source as OPML, grouped by output feed.")
        @OptionGroup var options: WorkspaceOptions
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            let space = options.space
            let base = FileManager.default.fileExists(atPath: space.subscriptionsPath) ? try space.readSubscriptions() : Subscriptions(groups: [])
            let (all, sources) = try await options.withStore { store in (try await space.allSubscriptions(base, store: store), try await store.sources()) }
            var titles: [String: String] = [:]
            for source in sources { titles[source.url] = source.title }
            let bytes = try all.opml(title: "Feedwright subscriptions", titles: titles)
            if let output {
                try AtomicFile.write(bytes, to: output)
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
    }
}
