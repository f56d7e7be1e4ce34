import ArgumentParser
import Foundation
import Pipeline
import Store
import Syndication

/// `feedwright sources`: the subscribed sources as the loop sees them.
struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List, add or remove subscribed sources.",
        subcommands: [List.self, Add.self, Remove.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List sources with their state.")
        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            for source in try await options.withStore({ try await $0.sources() }) {
                let state = source.errorCount == 0 ? "ok" : "\(source.errorCount) failure(s): \(source.lastError ?? "")"
                print("\(source.group)\t\(source.url)\tnext \(ISO8601DateFormatter().string(from: source.nextPoll))\t\(state)")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a source to an output feed (group).")
        @OptionGroup var options: WorkspaceOptions
        @Argument(help: "The feed URL or local path.") var url: String
        @Option(help: "The output feed (group) slug.") var group: String = "subscriptions"

        func run() async throws {
            let source = try await options.withStore { try await $0.upsert(Source(url: url, group: Subscriptions.slug(group))) }
            print("added \(source.url) to \(source.group)")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a source and its stored entries.")
        @OptionGroup var options: WorkspaceOptions
        @Argument(help: "The feed URL or local path.") var url: String

        func run() async throws {
            try await options.withStore { try await $0.removeSource(url: url) }
            print("removed \(url)")
            let listed = (try? options.space.readSubscriptions().groups.contains { $0.sources.contains(url) }) ?? false
            if listed {
                FileHandle.standardError.write(Data("note: \(url) is listed in subscriptions.opml and will be added back on the next run; remove it there too\n".utf8))
            }
        }
    }
}
