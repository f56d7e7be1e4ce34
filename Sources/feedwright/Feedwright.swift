import ArgumentParser
import FeedwrightCore

/// The `feedwright` command line: thin wrappers over the library modules.
@main
struct Feedwright: AsyncParsableCommand {
    // Every command and subcommand names itself: a name left out is made from the type's
    // name by `String(describing:)`, whose dynamic casts scan every protocol conformance of
    // the process at start-up (a few milliseconds, for each run of a short command).
    static let configuration = CommandConfiguration(
        commandName: "feedwright",
        abstract: "Turns the messy web into clean Atom feeds.",
        version: Product.version,
        subcommands: [RunCommand.self, ServeCommand.self, SourcesCommand.self, OPMLCommand.self, ExportCommand.self, ParseCommand.self, ExtractCommand.self, ConvertCommand.self, DiscoverCommand.self, RulesCommand.self]
    )

    /// swift-argument-parser's `main`, with long input lists parsed in linear time
    /// (``ManyInputs``).
    static func main() async {
        do {
            var command = try await ManyInputs.parse(Feedwright.self, Array(CommandLine.arguments.dropFirst()))
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
