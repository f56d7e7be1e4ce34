import ArgumentParser
import FeedwrightCore
import Fetching
import Foundation
import Pipeline
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

    @Option(help: "Convert the feed instead of summarising it: atom, jsonfeed, or json (the contract).")
    var to: OutputFormat?

    @Option(name: .shortAndLong, help: "With --to, write to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "With --to atom|jsonfeed, keep at most this many entries, newest first.")
    var limit: Int?

    @Option(help: "Read at most this many entries of a feed, the newest where dates tell (a warning names what was dropped).")
    var maxEntries: Int = FeedParser.defaultMaxEntries

    /// What `--to` converts into.
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case atom
        case jsonfeed
        case json
    }

    func validate() throws {
        if !jsonl && inputs.count != 1 {
            throw ValidationError("give exactly one input, or use --jsonl for several")
        }
        if json && jsonl {
            throw ValidationError("--json and --jsonl are exclusive")
        }
        if to != nil && (json || jsonl) {
            throw ValidationError("--to replaces --json and --jsonl")
        }
        if output != nil && to == nil {
            throw ValidationError("-o needs --to")
        }
    }

    func run() async throws {
        let failures = try await InputSource.withWebFetcher(for: inputs) { web in
            if jsonl {
                let command = self
                return await OrderedBatch.run(inputs) { argument in await command.jsonLine(argument, using: web) }
            }
            var failures = 0
            for argument in inputs {
                failures += await parseOne(argument, using: web) ? 0 : 1
            }
            return failures
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// Parses and prints one input; false when it failed (the error is printed).
    private func parseOne(_ argument: String, using web: (any DocumentFetcher)?) async -> Bool {
        let source = InputSource(argument: argument)
        do {
            var input = try await source.read(using: web)
            // The parser takes the only reference, so it may repair the bytes in place.
            let bytes = input.bytes
            input.bytes = []
            let parsed = try FeedParser.parse(consume bytes, url: input.documentURL, charset: charset ?? input.charset, maxEntries: maxEntries)
            if let to {
                try emit(parsed, as: to, source: source)
            } else if json {
                JSONLine.print(FeedContract(parsed).jsonLineBytes())
            } else {
                print(FeedSummary(parsed).text)
            }
            return true
        } catch {
            FileHandle.standardError.write(Data("feedwright: \(argument): \(InputSource.problem(error, of: argument))\n".utf8))
            return false
        }
    }

    /// The `--jsonl` line for one input, and whether it succeeded.
    private func jsonLine(_ argument: String, using web: (any DocumentFetcher)?) async -> ([UInt8], Bool) {
        do {
            var input = try await InputSource(argument: argument).read(using: web)
            let bytes = input.bytes
            input.bytes = []
            let parsed = try FeedParser.parse(consume bytes, url: input.documentURL, charset: charset ?? input.charset, maxEntries: maxEntries)
            return (PathedFeed(path: argument, feed: FeedContract(parsed)).jsonLineBytes(), true)
        } catch {
            return (JSONLine.error(path: argument, message: InputSource.problem(error, of: argument)), false)
        }
    }

    private func emit(_ parsed: ParsedFeed, as format: OutputFormat, source: InputSource) throws {
        let options = AtomWriter.Options(selfURL: nil, fallbackDate: Date(), maxEntries: limit)
        let bytes: [UInt8]
        switch format {
        case .atom: bytes = try AtomWriter(options: options).write(parsed.feed)
        case .jsonfeed: bytes = try JSONFeedWriter(options: options).write(parsed.feed)
        case .json: bytes = FeedContract(parsed).jsonLineBytes()
        }
        if let output {
            try AtomicFile.write(bytes, to: output)
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}

/// One `--jsonl` line: the input and what it held.
struct PathedFeed: JSONWritable {
    var path: String
    var feed: FeedContract

    func write(to writer: inout JSONWriter) {
        writer.object {
            $0.field("feed") { feed.write(to: &$0) }
            $0.field("path", path)
        }
    }
}
