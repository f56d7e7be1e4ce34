import ArgumentParser
import Extraction
import FeedwrightCore
import Foundation

/// Text dumps read per second, in one process, over a dump set (`input/*.txt`): on one core,
/// and on every core at once, as `extract --jsonl` and the loop read them (the extractor is a
/// pure function of the text, so the dumps are simply shared out).
struct DumpBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dumps", abstract: "Text dumps read per second.")

    @Option(help: "A dump set in the pairs layout (input/*.txt).")
    var dataset: String = "../shared/corpus/extraction/textdumps-aeb"

    @Option(help: "Timed passes over all dumps (the median pass is reported).")
    var runs: Int = 7

    @Option(help: "Cores for the parallel passes (default: every core).")
    var cores: Int = ProcessorCores.active

    func run() throws {
        let input = URL(fileURLWithPath: dataset).appendingPathComponent("input")
        let names = try FileManager.default.contentsOfDirectory(atPath: input.path).filter { $0.hasSuffix(".txt") }.sorted()
        let dumps = try names.map { try String(contentsOf: input.appendingPathComponent($0), encoding: .utf8) }
        guard !dumps.isEmpty else { throw ValidationError("no dumps in \(input.path)") }
        // One untimed pass first: the model's text is parsed on first use.
        for dump in dumps { _ = try? TextDumpExtractor.extract(dump) }
        let pass = { for dump in dumps { _ = try? TextDumpExtractor.extract(dump) } }
        let cores = max(1, self.cores)
        let parallel = {
            DispatchQueue.concurrentPerform(iterations: cores) { core in
                for index in stride(from: core, to: dumps.count, by: cores) { _ = try? TextDumpExtractor.extract(dumps[index]) }
            }
        }
        let median = Measure.median(runs: runs, pass)
        let fastest = Measure.fastest(of: runs, pass)
        let parallelMedian = Measure.median(runs: runs, parallel)
        let bytes = dumps.reduce(0) { $0 + $1.utf8.count }
        print("dumps  cores  dumps/s (median pass)  ms/dump  MB/s  dumps/s (fastest pass)")
        for (coreCount, seconds, best) in [(1, median, Optional(fastest)), (cores, parallelMedian, nil)] {
            print(
                String(dumps.count).padding(toLength: 7, withPad: " ", startingAt: 0),
                String(format: "%5d", coreCount),
                String(format: "%21.0f", Double(dumps.count) / seconds),
                String(format: "%8.3f", seconds * 1000 / Double(dumps.count)),
                String(format: "%5.1f", Double(bytes) / 1_000_000 / seconds),
                best.map { String(format: "%23.0f", Double(dumps.count) / $0) } ?? ""
            )
        }
    }
}
