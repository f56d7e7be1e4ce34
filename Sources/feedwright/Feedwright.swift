import ArgumentParser
import FeedwrightCore

/// The `feedwright` command line: thin wrappers over the library modules.
@main
struct Feedwright: AsyncParsableCommand {

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
