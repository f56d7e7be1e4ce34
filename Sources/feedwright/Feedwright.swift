import ArgumentParser

/// The `feedwright` command line: thin wrappers over the library modules.
@main
struct Feedwright: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "feedwright",
        abstract: "Turns the messy web into clean Atom feeds.",
        version: version,
        subcommands: [RunCommand.self, ServeCommand.self, SourcesCommand.self, OPMLCommand.self, ParseCommand.self, ExtractCommand.self, ConvertCommand.self]
    )
}
