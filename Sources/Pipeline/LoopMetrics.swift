import Foundation
import Synchronization

/// Counters of the polling loop, exposed at `/metrics` in the Prometheus text format.
public final class LoopMetrics: Sendable {
    /// Everything recorded so far.
    public struct Counters: Sendable, Equatable {
        public var cycles = 0
        /// Why `subscriptions.opml` cannot be read, while it cannot (the loop polls the last
        /// good subscriptions meanwhile).
        public var subscriptionsProblem: String?
        /// Times the subscriptions file was found broken.
        public var subscriptionsErrors = 0
        /// The sum of every cycle's figures.
        public var totals = PollCycle.Report()
        /// The most recent cycle's figures.
        public var last = PollCycle.Report()
        /// Seconds spent in cycles, in all and in the last one.
        public var seconds = 0.0
        public var lastSeconds = 0.0
    }

    private let counters = Mutex(Counters())

    public init() {}

    /// Adds one cycle's figures (its error lines and published slugs are not kept).
    public func record(_ report: PollCycle.Report, seconds: Double) {
        var figures = report
        figures.errors = []
        figures.published = []
        counters.withLock { value in
            value.cycles += 1
            value.totals.add(figures)
            value.last = figures
            value.seconds += seconds
            value.lastSeconds = seconds
        }
    }

    /// Records that `subscriptions.opml` is broken (`problem`) or readable again (nil).
    public func recordSubscriptions(problem: String?) {
        counters.withLock { value in
            if problem != nil { value.subscriptionsErrors += 1 }
            value.subscriptionsProblem = problem
        }
    }

    /// `/health`'s answer: ok, or degraded with the reason.
    public var healthText: String {
        snapshot.subscriptionsProblem.map { "degraded: \($0)\n" } ?? "ok\n"
    }

    /// A consistent copy of the counters.
    public var snapshot: Counters {
        counters.withLock { $0 }
    }

    /// The Prometheus text exposition of the counters.
    public func exposition() -> String {
        let value = snapshot
        let totals = value.totals
        let ratio = totals.polled == 0 ? 0 : Double(totals.notModified) / Double(totals.polled)
        let lines: [(String, String, String)] = [
            ("feedwright_cycles_total", "counter", "\(value.cycles)"),
            ("feedwright_polls_total", "counter", "\(totals.polled)"),
            ("feedwright_poll_errors_total", "counter", "\(totals.failed)"),
            ("feedwright_not_modified_total", "counter", "\(totals.notModified)"),
            ("feedwright_not_modified_ratio", "gauge", String(format: "%.4f", ratio)),
            ("feedwright_entries_new_total", "counter", "\(totals.newEntries)"),
            ("feedwright_entries_changed_total", "counter", "\(totals.changedEntries)"),
            ("feedwright_articles_extracted_total", "counter", "\(totals.extracted)"),
            ("feedwright_extraction_failures_total", "counter", "\(totals.extractionFailures)"),
            ("feedwright_sources_abandoned_total", "counter", "\(totals.abandoned)"),
            ("feedwright_hosts_skipped_total", "counter", "\(totals.hostsSkipped)"),
            ("feedwright_requests_skipped_total", "counter", "\(totals.requestsSkipped)"),
            ("feedwright_subscriptions_errors_total", "counter", "\(value.subscriptionsErrors)"),
            ("feedwright_subscriptions_broken", "gauge", value.subscriptionsProblem == nil ? "0" : "1"),
            ("feedwright_cycle_seconds_last", "gauge", String(format: "%.3f", value.lastSeconds)),
            ("feedwright_cycle_seconds_total", "counter", String(format: "%.3f", value.seconds)),
        ]
        return lines.map { "# TYPE \($0.0) \($0.1)\n\($0.0) \($0.2)\n" }.joined()
    }
}
