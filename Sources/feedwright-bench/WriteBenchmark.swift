import ArgumentParser
import Foundation
import Syndication

/// Atom and JSON Feed writing throughput for a large feed.
struct WriteBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "write", abstract: "Feed writing throughput (MB/s of output).")

    @Option(help: "Entries in the generated feed.")
    var entries: Int = 10_000

    @Option(help: "Timed runs per measurement (the median is reported).")
    var runs: Int = 7

    func run() throws {
        let feed = try FeedParser.parse(SyntheticFeed.rss(bytes: entries * 3_000)).feed
        var model = feed
        model.entries = Array(feed.entries.prefix(entries))
        let atomWriter = AtomWriter(options: .init(selfURL: "https://news.example.com/feed.atom", fallbackDate: Date(timeIntervalSince1970: 0)))
        var atomBytes = 0
        let atom = try Measure.median(runs: runs) { atomBytes = try atomWriter.write(model).count }
        var jsonBytes = 0
        let json = try Measure.median(runs: runs) { jsonBytes = try JSONFeedWriter().write(model).count }
        print("entries  format     output MB   median s    MB/s   entries/s")
        for (name, bytes, seconds) in [("Atom", atomBytes, atom), ("JSON Feed", jsonBytes, json)] {
            print(
                String(model.entries.count).padding(toLength: 9, withPad: " ", startingAt: 0),
                name.padding(toLength: 10, withPad: " ", startingAt: 0),
                String(format: "%9.1f", Double(bytes) / 1_000_000),
                String(format: "%10.3f", seconds),
                String(format: "%7.1f", Measure.megabytesPerSecond(bytes: bytes, seconds: seconds)),
                String(format: "%11.0f", Double(model.entries.count) / seconds)
            )
        }
    }
}
