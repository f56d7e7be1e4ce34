import ArgumentParser

/// A command whose trailing arguments are a list of inputs (`parse`, `extract`, `convert`).
protocol TakesManyInputs: ParsableCommand {
    /// The inputs, in the order given.
    var inputs: [String] { get set }
}

extension ParseCommand: TakesManyInputs {}
extension ExtractCommand: TakesManyInputs {}
extension ConvertCommand: TakesManyInputs {}

/// Hands long input lists to the command past swift-argument-parser.
///
/// The parser merges a repeated argument's value and origins afresh for every value
/// (`ParsedValues.update`), which is quadratic in their number: 2,300 file names from a shell
/// glob took 0.36 s to parse, more than reading every one of them. The trailing run of plain
/// arguments (none starting with `-`) is therefore cut short before parsing and appended to
/// the parsed command's `inputs`. The run's first element may be the value of the option
/// before it, so the first two always stay with the parser, which sees the same command
/// minus the extra inputs and validates it as it would the whole.
enum ManyInputs {
    /// Runs shorter than this go to the parser whole.
    static let threshold = 64

    /// The arguments for the parser and the inputs held back from it.
    static func split(_ arguments: [String]) -> (parsed: [String], heldBack: [String]) {
        var start = arguments.endIndex
        while start > arguments.startIndex, !arguments[start - 1].hasPrefix("-") { start -= 1 }
        guard arguments.endIndex - start >= threshold else { return (arguments, []) }
        return (Array(arguments[..<(start + 2)]), Array(arguments[(start + 2)...]))
    }

    /// Parses `arguments` as `root`'s command line without the quadratic cost of a long input
    /// list; a command that does not take inputs is parsed from the whole line, as before.
    static func parse<Root: AsyncParsableCommand>(_ root: Root.Type, _ arguments: [String]) async throws -> ParsableCommand {
        let (parsed, heldBack) = split(arguments)
        guard !heldBack.isEmpty else { return try await root.asyncParseAsRoot(arguments) }
        let command = try await root.asyncParseAsRoot(parsed)
        guard var many = command as? any TakesManyInputs else { return try await root.asyncParseAsRoot(arguments) }
        many.inputs += heldBack
        try many.validate()
        return many
    }
}
