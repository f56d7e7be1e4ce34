import FeedwrightCore
import Fetching
import Foundation
import Logging
import ServiceLifecycle
import Store
import Syndication

/// The polling loop as a service: a cycle, then a pause, until the service group shuts down.
///
/// On graceful shutdown (SIGINT/SIGTERM through the service group) the running cycle is
/// cancelled, which ``PollCycle`` treats as a stop: no new source starts, the ones in flight
/// are abandoned unrecorded (so they stay due), what was stored is republished, and the
/// service returns. Nothing is half-written: each source's outcome is one transaction and
/// each published file is replaced atomically.
public struct PollingService: Service {
    /// The cycle run each time.
    public var cycle: PollCycle
    /// Whose subscriptions are read before every cycle (edits take effect without a restart).
    public var workspace: Workspace
    /// The pause between the end of a cycle and the start of the next.
    public var pause: Duration
    /// Run a single cycle, then return.
    public var once: Bool
    /// Where each cycle's outcome is logged.
    public var logger: Logger
    /// Told about every finished cycle (metrics, progress output).
    public var onReport: @Sendable (PollCycle.Report, Duration) -> Void
    /// Told when `subscriptions.opml` cannot be read (with why, line and column) and when it
    /// can again (nil), so that `/health` and `/metrics` show it.
    public var onSubscriptionsProblem: @Sendable (String?) -> Void = { _ in }

    /// A service running `cycle` over `workspace` every `pause` (or once).
    public init(cycle: PollCycle, workspace: Workspace, pause: Duration = .seconds(60), once: Bool = false, logger: Logger = Logger(label: "feedwright.poll"), onReport: @escaping @Sendable (PollCycle.Report, Duration) -> Void = { _, _ in }) {
        self.cycle = cycle
        self.workspace = workspace
        self.pause = pause
        self.once = once
        self.logger = logger
        self.onReport = onReport
    }

    /// Runs cycles until `once` is done or the service group shuts down.
    public func run() async throws {
        let clock = ContinuousClock()
        cycle.republisher.removeLeftovers()
        var subscriptions = SubscriptionsReader(workspace: workspace)
        repeat {
            let groups: Subscriptions
            do {
                groups = try await subscriptions.current(store: cycle.store) { problem in
                    if let problem {
                        logger.error("subscriptions.opml is broken; polling the last good subscriptions", metadata: ["problem": "\(problem)"])
                    }
                    onSubscriptionsProblem(problem.map { "\($0)" })
                }
            } catch let error as PipelineError where !once {
                // Only before any good file was read; the store still knows the sources.
                logger.error("subscriptions.opml cannot be read; polling the sources already known", metadata: ["problem": "\(error)"])
                onSubscriptionsProblem("\(error)")
                groups = try await workspace.allSubscriptions(Subscriptions(groups: []), store: cycle.store)
            }
            let started = clock.now
            let cycle = self.cycle
            let report = try await cancelWhenGracefulShutdown {
                try await cycle.run(groups: groups.groups)
            }
            let elapsed = clock.now - started
            onReport(report, elapsed)
            log(report, elapsed: elapsed)
            if once || Task.isShuttingDownGracefully || Task.isCancelled { break }
            // Sleeping is cut short by shutdown; that is not an error.
            let pause = self.pause
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
        } while !Task.isShuttingDownGracefully && !Task.isCancelled
    }

    private func log(_ report: PollCycle.Report, elapsed: Duration) {
        logger.info("cycle finished", metadata: [
            "polled": "\(report.polled)", "notModified": "\(report.notModified)", "failed": "\(report.failed)",
            "abandoned": "\(report.abandoned)", "new": "\(report.newEntries)", "changed": "\(report.changedEntries)",
            "extracted": "\(report.extracted)", "extractionFailures": "\(report.extractionFailures)",
            "published": "\(report.published.joined(separator: ","))", "seconds": "\(elapsed.seconds)",
        ])
        for error in report.errors {
            logger.warning("\(error)")
        }
    }
}

/// Reads `subscriptions.opml` when it changed, and keeps the last good subscriptions while it
/// is broken (an editor saving half a file, a typo), so that the loop goes on.
struct SubscriptionsReader {
    let workspace: Workspace
    /// The last good file: when it was modified and what it said.
    private var good: (modified: Date?, subscriptions: Subscriptions)?
    /// The modification time of the broken file last reported, so it is reported once.
    private var brokenModified: Date?

    init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// The subscriptions to poll, with the store's extra groups. The OPML file is read and
    /// its sources registered again only when it changed: at ten thousand sources that is a
    /// second of work a cycle would otherwise repeat. `problem` hears about a newly broken file
    /// (its error) or a newly good one (nil).
    /// - Throws: the file's error when no good version has been read yet.
    mutating func current(store: any FeedStore, problem: (PipelineError?) -> Void) async throws -> Subscriptions {
        let modified = workspace.subscriptionsModified
        if let good, let modified, good.modified == modified {
            return try await workspace.allSubscriptions(good.subscriptions, store: store)
        }
        if let good, let brokenModified, brokenModified == modified {
            return try await workspace.allSubscriptions(good.subscriptions, store: store)
        }
        do {
            let fromFile = try workspace.readSubscriptions()
            try await workspace.register(fromFile, in: store)
            if brokenModified != nil { problem(nil) }
            good = (modified, fromFile)
            brokenModified = nil
            return try await workspace.allSubscriptions(fromFile, store: store)
        } catch let error as PipelineError {
            guard let good else { throw error }
            brokenModified = modified
            problem(error)
            return try await workspace.allSubscriptions(good.subscriptions, store: store)
        }
    }
}
