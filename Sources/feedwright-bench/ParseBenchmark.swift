import ArgumentParser
import Foundation
import Extraction
import Markup
import Syndication

/// Parse-to-model throughput over the corpus and over large generated feeds, side by side with
/// `xmllint --noout --stream` (bare libxml2) and, when installed, Python's fastfeedparser.
struct ParseBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Feed parsing throughput (MB/s).")

    @Option(help: "Directory of feeds to measure (every .xml/.rss/.atom/.rdf file below it).")
    var corpus: String = "../shared/corpus/feeds"

    @Option(help: "HTML pages whose extracted articles fill a set of full-text feeds (real markup and languages).")
    var articlePages: String = "../shared/corpus/extraction"

    @Option(help: "Size of each generated feed in MB.")
    var sizeMB: Int = 10

    @Option(help: "Timed runs per measurement (the median is reported).")
    var runs: Int = 7

    @Option(help: "Back-to-back tries of each contender per round; the fastest counts.")
    var tries: Int = 3

    @Option(help: "Python interpreter for the fastfeedparser peer.")
    var python: String = "python3"

    @Option(help: "The feedwright binary whose `parse --jsonl` is timed on the same files (skipped when absent).")
    var cli: String = ".build/release/feedwright"

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
        let articleFeeds = try ArticleFeeds.write(from: articlePages, into: workdir)
        if !articleFeeds.isEmpty { workloads.append(("real articles (\(articleFeeds.count) feeds)", articleFeeds)) }
        let rss = workdir.appendingPathComponent("large.rss.xml")
        try Data(SyntheticFeed.rss(bytes: sizeMB * 1_000_000)).write(to: rss)
        workloads.append(("generated RSS 2.0", [rss]))
        let atom = workdir.appendingPathComponent("large.atom.xml")
        try Data(SyntheticFeed.atom(bytes: sizeMB * 1_000_000)).write(to: atom)
        workloads.append(("generated Atom 1.0", [atom]))

        let peer = oursOnly ? nil : FastFeedParserPeer(python: python, workdir: workdir)
        defer { peer?.stop() }
        let xmllint = oursOnly ? nil : Measure.which("xmllint")
        let cliPath = FileManager.default.isExecutableFile(atPath: cli) ? cli : nil
        print("workload                      MB     feedwright  +contract+JSON  parse --jsonl  ratio  xmllint --stream  ratio  xmllint (tree)  ratio  Markup tree only  Markup stream only  libxml2 SAX floor  fastfeedparser  ratio")
        for workload in workloads {
            let inputs = try workload.files.map { Array(try Data(contentsOf: $0)) }
            let bytes = inputs.reduce(0) { $0 + $1.count }
            let paths = workload.files.map(\.path)
            peer?.load(paths)
            // Every contender runs once per round, in turn, so that a machine that speeds up or
            // slows down mid-run moves all of them alike; ratios are taken within a round.
            var rounds: [String: [Double]] = [:]
            for round in 0...runs {
                var times: [String: Double] = [:]
                times["ours"] = Measure.fastest(of: tries) { for input in inputs { _ = try? FeedParser.parse(input) } }
                // What `parse --jsonl` does in process: the parse, the contract, its JSON line.
                times["jsonl"] = Measure.fastest(of: tries) {
                    for input in inputs { if let parsed = try? FeedParser.parse(input) { _ = FeedContract(parsed).jsonLineBytes() } }
                }
                times["cli"] = cliPath.flatMap { cli in Measure.fastestTiming(of: tries) { Measure.commandOnce(cli, ["parse", "--jsonl"] + paths) } }
                if let cli = times["cli"], let ours = times["ours"] { rounds["cli ratio", default: []].append(ours / cli) }
                if !oursOnly {
                    times["xmllint"] = xmllint.flatMap { xmllint in Measure.fastestTiming(of: tries) { Measure.commandOnce(xmllint, ["--noout", "--stream"] + paths) } }
                    times["xmllint tree"] = xmllint.flatMap { xmllint in Measure.fastestTiming(of: tries) { Measure.commandOnce(xmllint, ["--noout"] + paths) } }
                    times["peer"] = peer.flatMap { peer in Measure.fastestTiming(of: tries) { peer.runOnce() } }
                }
                guard round > 0 else { continue }  // round 0 warms caches up
                for (name, time) in times { rounds[name, default: []].append(time) }
                if let ours = times["ours"] {
                    for peerName in ["xmllint", "xmllint tree", "peer"] {
                        if let time = times[peerName] { rounds[peerName + " ratio", default: []].append(ours / time) }
                    }
                }
            }
            // The Markup layer alone, timed after the comparison: a whole-tree parse leaves
            // the process heap fragmented, which slowed the parses timed after it by a third.
            for round in oursOnly ? [] : Array(0...runs) {
                let tree = Measure.fastest(of: tries) { for input in inputs { _ = try? MarkupDocument.parseXML(input) } }
                let stream = Measure.fastest(of: tries) {
                    for input in inputs {
                        _ = try? MarkupStream.readXML(input, root: { _ in }, descend: { name, _, depth in depth == 1 && name == "channel" }, visit: { _, _ in })
                    }
                }
                let floor = Measure.fastest(of: tries) { for input in inputs { LibXML2Floor.parse(input) } }
                guard round > 0 else { continue }
                rounds["tree", default: []].append(tree)
                rounds["stream", default: []].append(stream)
                rounds["floor", default: []].append(floor)
            }
            func rate(_ name: String) -> String {
                guard let time = Measure.median(rounds[name] ?? []) else { return "             -" }
                return String(format: "%9.1f MB/s", Measure.megabytesPerSecond(bytes: bytes, seconds: time))
            }
            func ratio(_ name: String) -> String {
                Measure.median(rounds[name + " ratio"] ?? []).map { String(format: "  %5.2fx", $0) } ?? "      -"
            }
            if oursOnly {
                print(workload.name.padding(toLength: 28, withPad: " ", startingAt: 0), String(format: "%6.1f", Double(bytes) / 1_000_000), rate("ours"), "  " + rate("jsonl"), rate("cli"), ratio("cli"))
                continue
            }
            print(
                workload.name.padding(toLength: 28, withPad: " ", startingAt: 0),
                String(format: "%6.1f", Double(bytes) / 1_000_000),
                rate("ours"), "  " + rate("jsonl"), rate("cli"), ratio("cli"), rate("xmllint"), ratio("xmllint"), rate("xmllint tree"), ratio("xmllint tree"),
                rate("tree"), rate("stream"), "    " + rate("floor"), rate("peer"), ratio("peer")
            )
        }
        print("ratio = feedwright parse-to-model time / the other's time in the same round, median over rounds (below 1.00: feedwright is faster)")
        print("parse --jsonl = the feedwright binary (--cli) printing every file's JSON line to /dev/null, process start-up included; its ratio is the in-process parse's time over it (the CLI's share of the parser's speed)")
        print("xmllint times include process start-up, which dominates the many small corpus files")
    }

    static func feedFiles(below path: String) -> [URL] {
        let root = URL(fileURLWithPath: path)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        let extensions: Set<String> = ["xml", "rss", "atom", "rdf"]
        return walker.compactMap { $0 as? URL }.filter { extensions.contains($0.pathExtension.lowercased()) }.sorted { $0.path < $1.path }
    }
}

/// Times Python's fastfeedparser on the same files, in one long-lived Python process (so that
/// start-up and imports are never timed): each request parses every loaded file once.
final class FastFeedParserPeer {
    private var process: Process?
    private var input: FileHandle?
    private var output: FileHandle?

    static let script = """
        import sys, time
        try:
            import fastfeedparser
        except ImportError:
            print("unavailable", flush=True); sys.exit(0)
        print("ready", flush=True)
        data = []
        for line in sys.stdin:
            command, _, argument = line.rstrip("\\n").partition(" ")
            if command == "load":
                data = [open(p, "rb").read() for p in argument.split("\\t")]
                print("loaded", flush=True)
            elif command == "run":
                t = time.perf_counter()
                for d in data:
                    try: fastfeedparser.parse(d)
                    except Exception: pass
                print(time.perf_counter() - t, flush=True)
        """

    init(python: String, workdir: URL) {
        guard let executable = Measure.which(python) else { return }
        let scriptURL = workdir.appendingPathComponent("peer.py")
        guard (try? Data(Self.script.utf8).write(to: scriptURL)) != nil else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [scriptURL.path]
        let toPeer = Pipe(), fromPeer = Pipe()
        process.standardInput = toPeer
        process.standardOutput = fromPeer
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return }
        self.process = process
        input = toPeer.fileHandleForWriting
        output = fromPeer.fileHandleForReading
        if readLine() != "ready" { stop() }
    }

    func load(_ paths: [String]) {
        send("load " + paths.joined(separator: "\t"))
        if readLine() != "loaded" { stop() }
    }

    /// Seconds one pass over the loaded files took; nil when the peer is not available.
    func runOnce() -> Double? {
        guard process != nil else { return nil }
        send("run")
        return readLine().flatMap(Double.init)
    }

    func stop() {
        try? input?.close()
        process?.waitUntilExit()
        process = nil
    }

    private func send(_ line: String) {
        try? input?.write(contentsOf: Data((line + "\n").utf8))
    }

    private func readLine() -> String? {
        guard let output else { return nil }
        var bytes: [UInt8] = []
        while true {
            guard let chunk = try? output.read(upToCount: 1), let byte = chunk.first else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }
}
