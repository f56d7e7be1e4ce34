import Fetching
import Foundation
import Logging
import ServiceLifecycle
import Store

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
        // The OPML file is read and its sources registered again only when it changed: at ten
        // thousand sources that is a second of work a cycle would otherwise repeat.
        var listed: (modified: Date, subscriptions: Subscriptions)?
        repeat {
            let modified = workspace.subscriptionsModified
            let fromFile: Subscriptions
            if let listed, let modified, listed.modified == modified {
                fromFile = listed.subscriptions
            } else {
                fromFile = try workspace.readSubscriptions()
                try workspace.register(fromFile, in: cycle.store)
                listed = modified.map { ($0, fromFile) }
            }
            let subscriptions = try workspace.allSubscriptions(fromFile, store: cycle.store)
            let started = clock.now
            let cycle = self.cycle
            let report = try await cancelWhenGracefulShutdown {
                try await cycle.run(groups: subscriptions.groups)
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
