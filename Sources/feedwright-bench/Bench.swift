import ArgumentParser

/// `feedwright-bench`: throughput benchmarks, run with `swift run -c release feedwright-bench …`.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedwright-bench",
        abstract: "Measure Feedwright against bare libxml2 and peer parsers on this machine.",
        subcommands: [ParseBenchmark.self, WriteBenchmark.self, ExtractBenchmark.self, DumpBenchmark.self, LoopBenchmark.self, FixtureServerCommand.self]
    )
}
