import ArgumentParser
import Foundation
import Markup
import Syndication

/// Parse-to-model throughput over the corpus and over large generated feeds, side by side with
/// `xmllint --noout --stream` (bare libxml2) and, when installed, Python's fastfeedparser.
struct ParseBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Feed parsing throughput (MB/s).")

    @Option(help: "Directory of feeds to measure (every .xml/.rss/.atom/.rdf file below it).")
    var corpus: String = "../shared/corpus/feeds"

    @Option(help: "Size of each generated feed in MB.")
    var sizeMB: Int = 10

    @Option(help: "Timed runs per measurement (the median is reported).")
    var runs: Int = 7

    @Option(help: "Python interpreter for the fastfeedparser peer.")
    var python: String = "python3"

    @Flag(help: "Time feedwright alone (no peers, no Markup-only columns): a quick check while changing the parser.")
    var oursOnly = false

    @Option(help: "Keep the generated feeds in this directory (to profile `feedwright parse` on them).")
    var keepGenerated: String?

    func run() throws {
        let workdir = keepGenerated.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory.appendingPathComponent("feedwright-bench-\(getpid())")
        try FileManager.default.createDirectory(at: workdir, withIntermediateDirectories: true)
        defer { if keepGenerated == nil { try? FileManager.default.removeItem(at: workdir) } }

        var workloads: [(name: String, files: [URL])] = []
        let corpusFiles = Self.feedFiles(below: corpus)
        if !corpusFiles.isEmpty { workloads.append(("corpus (\(corpusFiles.count) files)", corpusFiles)) }
        let rss = workdir.appendingPathComponent("large.rss.xml")
        try Data(SyntheticFeed.rss(bytes: sizeMB * 1_000_000)).write(to: rss)
        workloads.append(("generated RSS 2.0", [rss]))
        let atom = workdir.appendingPathComponent("large.atom.xml")
        try Data(SyntheticFeed.atom(bytes: sizeMB * 1_000_000)).write(to: atom)
        workloads.append(("generated Atom 1.0", [atom]))

        let peer = FastFeedParserPeer(python: python, workdir: workdir)
        print("workload                      MB     feedwright  xmllint --stream  ratio  xmllint (tree)  ratio  Markup tree only  Markup stream only  fastfeedparser")
        for workload in workloads {
            let inputs = try workload.files.map { Array(try Data(contentsOf: $0)) }
            let bytes = inputs.reduce(0) { $0 + $1.count }
            let ours = Measure.median(runs: runs) {
                for input in inputs { _ = try? FeedParser.parse(input) }
            }
            if oursOnly {
                print(workload.name.padding(toLength: 28, withPad: " ", startingAt: 0), String(format: "%6.1f %9.1f MB/s", Double(bytes) / 1_000_000, Measure.megabytesPerSecond(bytes: bytes, seconds: ours)))
                continue
            }
            let tree = Measure.median(runs: runs) {
                for input in inputs { _ = try? MarkupDocument.parseXML(input) }
            }
            let stream = Measure.median(runs: runs) {
                for input in inputs {
                    _ = try? MarkupStream.readXML(input, root: { _ in }, descend: { name, _, depth in depth == 1 && name == "channel" }, visit: { _, _ in })
                }
            }
            let bare = Measure.commandMedian(runs: runs, "xmllint", ["--noout", "--stream"] + workload.files.map(\.path))
            let bareTree = Measure.commandMedian(runs: runs, "xmllint", ["--noout"] + workload.files.map(\.path))
            let python = peer.median(files: workload.files, runs: runs)
            let oursRate = Measure.megabytesPerSecond(bytes: bytes, seconds: ours)
            let bareRate = bare.map { Measure.megabytesPerSecond(bytes: bytes, seconds: $0) }
            let peerRate = python.map { Measure.megabytesPerSecond(bytes: bytes, seconds: $0) }
            let ratio = bare.map { ours / $0 }
            let treeRatio = bareTree.map { ours / $0 }
            print(
                workload.name.padding(toLength: 28, withPad: " ", startingAt: 0),
                String(format: "%6.1f", Double(bytes) / 1_000_000),
                String(format: "%9.1f MB/s", oursRate),
                bareRate.map { String(format: "%9.1f MB/s", $0) } ?? "      (no xmllint)",
                ratio.map { String(format: "  %5.2fx", $0) } ?? "      -",
                bareTree.map { String(format: "%9.1f MB/s", Measure.megabytesPerSecond(bytes: bytes, seconds: $0)) } ?? "      (no xmllint)",
                treeRatio.map { String(format: "  %5.2fx", $0) } ?? "      -",
                String(format: "%9.1f MB/s", Measure.megabytesPerSecond(bytes: bytes, seconds: tree)),
                String(format: "%9.1f MB/s", Measure.megabytesPerSecond(bytes: bytes, seconds: stream)),
                peerRate.map { String(format: "%9.1f MB/s", $0) } ?? "  (not installed)"
            )
        }
        print("ratio = feedwright parse-to-model time / bare libxml2 time (lower is better; 1.00 = as fast as a bare parse)")
        print("xmllint times include process start-up, which dominates the many small corpus files")
    }

    static func feedFiles(below path: String) -> [URL] {
        let root = URL(fileURLWithPath: path)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        let extensions: Set<String> = ["xml", "rss", "atom", "rdf"]
        return walker.compactMap { $0 as? URL }.filter { extensions.contains($0.pathExtension.lowercased()) }.sorted { $0.path < $1.path }
    }
}

/// Times Python's fastfeedparser on the same files, in its own process, bytes preloaded.
struct FastFeedParserPeer {
    let python: String
    let workdir: URL

    static let script = """
        import sys, time, json
        try:
            import fastfeedparser
        except ImportError:
            print("null"); sys.exit(0)
        runs = int(sys.argv[1]); paths = sys.argv[2:]
        data = [open(p, 'rb').read() for p in paths]
        def once():
            for d in data:
                try: fastfeedparser.parse(d)
                except Exception: pass
        once()
        samples = []
        for _ in range(runs):
            t = time.perf_counter(); once(); samples.append(time.perf_counter() - t)
        samples.sort()
        print(json.dumps(samples[len(samples) // 2]))
        """

    func median(files: [URL], runs: Int) -> Double? {
        guard let executable = Measure.which(python) else { return nil }
        let scriptURL = workdir.appendingPathComponent("peer.py")
        guard (try? Data(Self.script.utf8).write(to: scriptURL)) != nil else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [scriptURL.path, String(runs)] + files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
