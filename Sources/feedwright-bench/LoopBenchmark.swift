import ArgumentParser
import AsyncHTTPClient
import FeedwrightCore
import Fetching
import Foundation
import Pipeline
import Store
import Syndication

/// `feedwright-bench loop`: the polling loop against a local web of thousands of feeds.
///
/// A child process (`fixture-server`) serves ``FixtureWeb`` on many loopback addresses. The
/// benchmark runs one cold cycle (every feed new, every article fetched and extracted), then
/// steady cycles in which most feeds answer 304 and a slice gains one new article. It reports
/// each cycle's time, the articles per second through fetch → extract → store → publish, and
/// the benchmark process's peak memory (the server's is not counted).
struct LoopBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "loop", abstract: "One polling cycle over 10,000 local feeds: time, memory, articles/s.")

    @Option(help: "Feeds in the fixture web.") var feeds = 10_000
    @Option(help: "Loopback hosts they are spread over.") var hosts = 1_000
    @Option(help: "Feeds that gain an article in each steady cycle.") var changing = 500
    @Option(help: "Steady cycles to run (the median is reported).") var cycles = 3
    @Option(help: "Output feeds (OPML groups) the sources are split into.") var groups = 10
    @Option(help: "Sources polled at the same time.") var concurrency = FetchSettings().concurrency
    @Option(help: "Requests in flight per host.") var perHost = HostGate.Policy().maximumConcurrent
    @Option(help: "Milliseconds between request starts to one host.") var hostDelay = Int(HostGate.Policy().minimumDelay.milliseconds)
    @Option(help: "Article pages to serve (.html or .html.gz).") var pages = "../shared/corpus/extraction/scrapinghub/html"

    @Option(help: ArgumentHelp("A store to run on: sqlite (a new file) or postgres://… (a new scratch database on that server, dropped after). Repeat to compare stores in one run; the first is the baseline.", valueName: "store"))
    var database: [String] = ["sqlite"]
    @Option(help: "Poll cycles run at once on each store, each as its own worker (own lease owner, own connections and per-host gate).") var workers = 1

    /// One store's results: the cold cycle and the median steady cycle.
    struct Outcome {
        var store: String
        var cold: (PollCycle.Report, Double)
        var steadySeconds: Double
        var steadyArticlesPerSecond: Double
    }

    func run() async throws {
        var outcomes: [Outcome] = []
        for name in database {
            if name == "sqlite" {
                outcomes.append(try await run(store: "sqlite", location: nil))
            } else {
                guard case let .postgres(server) = try StoreLocation.parse(name, defaultSQLite: "") else {
                    outcomes.append(try await run(store: name, location: try StoreLocation.parse(name, defaultSQLite: "")))
                    continue
                }
                outcomes.append(try await server.withScratchDatabase(prefix: "feedwright_bench") { scratch in
                    try await run(store: "postgres", location: .postgres(scratch))
                })
            }
        }
        guard outcomes.count > 1, let base = outcomes.first else { return }
        print("")
        print("store       cold s  cold articles/s  steady s  steady articles/s  steady vs \(base.store)  articles/s vs \(base.store)")
        for outcome in outcomes {
            let coldRate = Double(outcome.cold.0.extracted) / outcome.cold.1
            let baseRate = Double(base.cold.0.extracted) / base.cold.1
            print(
                outcome.store.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(format: "%8.2f %16.0f %9.2f %18.0f %17.2f× %19.2f×", outcome.cold.1, coldRate, outcome.steadySeconds, outcome.steadyArticlesPerSecond,
                             outcome.steadySeconds / base.steadySeconds, coldRate / baseRate))
        }
    }

    /// The benchmark on one store (nil: a new SQLite file in the workspace).
    private func run(store name: String, location: StoreLocation?) async throws -> Outcome {
        let server = try FixtureProcess(feeds: feeds, hosts: hosts, changing: changing, pages: pages)
        defer { server.stop() }
        let web = FixtureWeb(feeds: feeds, hosts: hosts, changing: changing)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("feedwright-loop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let space = Workspace(root: root.path)
        try writeSubscriptions(web: web, port: server.port, to: space)

        let store = try await (location ?? .sqlite(path: space.databasePath)).open()
        let syncStart = ContinuousClock.now
        let subscriptions = try await space.syncSubscriptions(into: store)
        let syncTime = ContinuousClock.now - syncStart
        var settings = FetchSettings()
        settings.concurrency = concurrency
        settings.politeness = HostGate.Policy(maximumConcurrent: perHost, minimumDelay: .milliseconds(hostDelay))
        settings.allowPrivateAddresses = true  // the fixture web is on loopback
        var clients: [HTTPClient] = []
        var cycles: [PollCycle] = []
        for worker in 0..<max(workers, 1) {
            let client = HTTPFetcher.makeClient()
            clients.append(client)
            var cycle = PollCycle(store: store, workspace: space, client: client, settings: settings, baseURL: "http://localhost:8080/feeds/")
            cycle.lease.owner = "bench-worker-\(worker)"
            cycles.append(cycle)
        }

        print("loop benchmark on \(location?.description ?? "sqlite:" + space.databasePath): \(feeds) feeds on \(hosts) loopback hosts, \(changing) changing per cycle, \(cycles.count) worker(s) of concurrency \(concurrency), \(perHost) per host, \(hostDelay) ms apart")
        print("subscriptions synced in \(format(syncTime))")
        print("cycle    sources  304s   new  extracted  failed  seconds  articles/s  peak MB  now MB")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let cold = try await measure(cycles, groups: subscriptions.groups, now: start)
        report("cold", cold)
        var steady: [(PollCycle.Report, Double)] = []
        for index in 1...max(self.cycles, 1) {
            server.advance()
            // Two days on, every source is due again.
            let result = try await measure(cycles, groups: subscriptions.groups, now: start.addingTimeInterval(Double(index) * 2 * 86_400))
            report("steady \(index)", result)
            steady.append(result)
        }
        for client in clients { try await client.shutdown() }
        await store.close()
        let median = steady.map(\.1).sorted()[steady.count / 2]
        let articles = steady.map { Double($0.0.extracted) / $0.1 }.sorted()[steady.count / 2]
        print("")
        print(String(format: "steady cycle (mostly 304s): median %.2f s (target ≤ 10 s)", median))
        print(String(format: "articles end to end (fetch, extract, store, publish): %.0f/s over the cold cycle's %d (target ≥ 100); %.0f/s inside the steady cycles", Double(cold.0.extracted) / cold.1, cold.0.extracted, articles))
        print(String(format: "peak memory of the loop process: %.0f MB (target ≤ 150 MB)", peakMegabytes()))
        print("")
        return Outcome(store: name, cold: cold, steadySeconds: median, steadyArticlesPerSecond: articles)
    }

    /// Runs every worker's cycle at once; the time is until the last one finishes.
    private func measure(_ cycles: [PollCycle], groups: [Subscriptions.Group], now: Date) async throws -> (PollCycle.Report, Double) {
        let clock = ContinuousClock()
        let started = clock.now
        let report = try await withThrowingTaskGroup(of: PollCycle.Report.self) { group in
            for cycle in cycles { group.addTask { try await cycle.run(groups: groups, now: now) } }
            var total = PollCycle.Report()
            for try await report in group { total.add(report) }
            return total
        }
        return (report, (clock.now - started).seconds)
    }

    private func report(_ name: String, _ result: (PollCycle.Report, Double)) {
        let (report, seconds) = result
        print(
            name.padding(toLength: 9, withPad: " ", startingAt: 0)
                + String(format: "%7d %5d %5d %10d %7d %8.2f %11.0f %8.0f %7.0f", report.polled, report.notModified, report.newEntries, report.extracted, report.failed, seconds, Double(report.extracted) / seconds, peakMegabytes(), residentMegabytes()))
        for error in report.errors.prefix(3) { print("  \(error)") }
    }

    private func writeSubscriptions(web: FixtureWeb, port: Int, to space: Workspace) throws {
        var opml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<opml version=\"2.0\"><head><title>Loop benchmark</title></head><body>\n"
        let groupCount = max(groups, 1)
        for group in 0..<groupCount {
            opml += "<outline text=\"Group \(group)\" title=\"Group \(group)\">\n"
            for feed in stride(from: group, to: web.feeds, by: groupCount) {
                opml += "<outline type=\"rss\" text=\"Feed \(feed)\" xmlUrl=\"\(web.feedURL(feed, port: port))\"/>\n"
            }
            opml += "</outline>\n"
        }
        opml += "</body></opml>\n"
        try FileManager.default.createDirectory(atPath: space.root, withIntermediateDirectories: true)
        try Data(opml.utf8).write(to: URL(fileURLWithPath: space.subscriptionsPath))
    }

    private func format(_ duration: Duration) -> String {
        String(format: "%.2f s", duration.seconds)
    }

    /// The resident set now (`/proc/self/statm`, in pages).
    private func residentMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// The peak resident set of this process so far (`ru_maxrss`, kilobytes on Linux).
    private func peakMegabytes() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

/// The fixture server as a child process: started from this same executable, told to advance
/// a generation through its standard input, and stopped by closing it.
final class FixtureProcess {
    let port: Int
    private let process = Process()
    private let input = Pipe()

    init(feeds: Int, hosts: Int, changing: Int, pages: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = ["fixture-server", "--feeds", "\(feeds)", "--hosts", "\(hosts)", "--changing", "\(changing)", "--pages", pages]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line: [UInt8] = []
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            guard let first = byte.first else { throw ValidationError("the fixture server exited before it was ready") }
            if first == UInt8(ascii: "\n") { break }
            line.append(first)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("ready "), let port = Int(text.dropFirst(6)) else { throw ValidationError("the fixture server said \(text)") }
        self.port = port
    }

    func advance() {
        input.fileHandleForWriting.write(Data("advance\n".utf8))
        // The server reads stdin on its own thread; give it a moment before the next cycle.
        usleep(50_000)
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
