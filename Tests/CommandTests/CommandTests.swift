import ArgumentParser
import Foundation
import Testing
@testable import feedwright

@Suite("The command line: arguments, exit codes, error lines", .timeLimit(.minutes(1)))
struct CommandTests {
    @Test("arguments parse into the commands they name, with the shared options")
    func parsing() throws {
        let run = try #require(try Feedwright.parseAsRoot(["run", "--once", "--workspace", "W", "--per-host", "4", "--allow-private-addresses"]) as? RunCommand)
        #expect(run.once)
        #expect(run.workspace.workspace == "W")
        #expect(run.fetching.settings.politeness.maximumConcurrent == 4)
        #expect(run.fetching.settings.allowPrivateAddresses)
        let serve = try #require(try Feedwright.parseAsRoot(["serve"]) as? ServeCommand)
        #expect(serve.workspace.workspace == "Feeds")
        let parse = try #require(try Feedwright.parseAsRoot(["parse", "--jsonl", "a.xml", "b.xml", "--max-entries", "5"]) as? ParseCommand)
        #expect(parse.inputs == ["a.xml", "b.xml"])
        #expect(parse.maxEntries == 5)
    }

    @Test("contradictory arguments are refused before anything runs", arguments: [
        ["parse", "a.xml", "b.xml"], ["parse", "--json", "--jsonl", "a.xml"], ["parse", "a.xml", "-o", "out.atom"],
        ["parse", "a.xml", "--to", "pdf"], ["run", "--per-host", "x"], ["sources", "add"],
    ])
    func refused(arguments: [String]) {
        #expect(throws: (any Error).self) { _ = try Feedwright.parseAsRoot(arguments) }
    }

    /// The `feedwright` executable built beside this test bundle.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        let directory = Bundle.module.bundleURL.deletingLastPathComponent()
        process.executableURL = directory.appendingPathComponent("feedwright")
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    static func fixture(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")).path
    }

    @Test("a bad input is an error line naming it once; the batch goes on; the exit status is 1")
    func errorLines() throws {
        let good = try Self.fixture("feed.rss")
        let quadratic = try Self.fixture("quadratic-blowup.xml")
        let missing = "/nonexistent/feed.xml"
        let batch = try Self.run(["parse", "--jsonl", missing, quadratic, good])
        #expect(batch.status == 1)
        let lines = batch.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].contains(#""error":"no such file""#))
        #expect(lines[1].contains("entities expand to more than the 1048576-byte limit"))
        #expect(lines[2].contains(#""feed":"#))
        let single = try Self.run(["parse", quadratic])
        #expect(single.status == 1)
        #expect(single.errors == "feedwright: \(quadratic): entities expand to more than the 1048576-byte limit (line 1, column 100162)\n")
        let refused = try Self.run(["extract", "http://127.0.0.1:9/x"])
        #expect(refused.status == 1)
        #expect(refused.errors == "feedwright: http://127.0.0.1:9/x: connection refused\n", "the URL is named once")
    }

    @Test("usage errors exit 64 with the reason; --version and --help exit 0")
    func usage() throws {
        let wrong = try Self.run(["parse", "a.xml", "b.xml"])
        #expect(wrong.status == 64)
        #expect(wrong.errors.contains("give exactly one input, or use --jsonl for several"))
        #expect(try Self.run(["--version"]).output == "0.1.0\n")
        #expect(try Self.run(["parse", "--help"]).status == 0)
    }

    @Test("the help names the environment variables a store and a token may come from, and never prints their values",
          arguments: ["run", "serve", "sources add", "export"])
    func helpKeepsSecrets(command: String) throws {
        let help = try Self.run(command.split(separator: " ").map(String.init) + ["--help"], environment: ["FEEDWRIGHT_DATABASE": "postgres://reader:hunter2@db.example/feeds", "FEEDWRIGHT_API_TOKEN": "token-7f3a"])
        #expect(help.status == 0)
        #expect(help.output.contains("FEEDWRIGHT_DATABASE"))
        #expect(!help.output.contains("hunter2"), "\(help.output)")
        #expect(!help.output.contains("token-7f3a"), "\(help.output)")
    }
}
