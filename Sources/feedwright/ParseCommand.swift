import ArgumentParser
import Foundation
import Syndication

/// `feedwright parse`: read feeds of any format and print them as a summary or JSON.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Read RSS, RDF, Atom or JSON Feed documents and print what they contain.",
        discussion: """
            With one input, prints a readable summary (or the JSON contract with --json). With \
            --jsonl, prints one JSON line per input, {"path": P, "feed": {...}} or \
            {"path": P, "error": "..."}, and goes on after a bad input. The exit status is 1 when \
            any input failed.
            """
    )

    @Argument(help: "Feed files, http(s) URLs, or - for standard input.")
    var inputs: [String]

    @Flag(help: "Print the JSON contract of DESIGN.md for one input.")
    var json = false

    @Flag(help: "Print one JSON line per input.")
    var jsonl = false

    @Option(help: "The charset to assume, overriding the document's own declaration.")
    var charset: String?

    func validate() throws {
        if !jsonl && inputs.count != 1 {
            throw ValidationError("give exactly one input, or use --jsonl for several")
        }
        if json && jsonl {
            throw ValidationError("--json and --jsonl are exclusive")
        }
    }

    func run() async throws {
        var failures = 0
        for argument in inputs {
            let source = InputSource(argument: argument)
            do {
                let (bytes, transportCharset) = try await source.read()
                let parsed = try FeedParser.parse(consume bytes, url: source.documentURL, charset: charset ?? transportCharset)
                if jsonl {
                    print(#"{"path":\#(jsonString(argument)),"feed":\#(FeedContract(parsed).jsonLine())}"#)
                } else if json {
                    print(FeedContract(parsed).jsonLine())
                } else {
                    print(FeedSummary(parsed).text)
                }
            } catch {
                failures += 1
                if jsonl {
                    print(#"{"path":\#(jsonString(argument)),"error":\#(jsonString("\(error)"))}"#)
                } else {
                    FileHandle.standardError.write(Data("feedwright: \(argument): \(error)\n".utf8))
                }
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    private func jsonString(_ value: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
