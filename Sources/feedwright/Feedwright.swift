import ArgumentParser
import FeedwrightCore

/// The `feedwright` command line: thin wrappers over the library modules.
@main
struct Feedwright: AsyncParsableCommand {

    static let configuration = CommandConfiguration(
        commandName: "feedwright",
        abstract: "Turns the messy web into clean Atom feeds.",
        version: Product.version,
        subcommands: [RunCommand.self, ServeCommand.self, SourcesCommand.self, OPMLCommand.self, ParseCommand.self, ExtractCommand.self, ConvertCommand.self]
    )
}
