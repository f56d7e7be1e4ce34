import Foundation
import Synchronization

/// Counters of the polling loop, exposed at `/metrics` in the Prometheus text format.
public final class LoopMetrics: Sendable {
    /// One cycle's figures as the loop reports them; the running totals are the same figures
    /// summed.
    public struct Cycle: Sendable, Equatable {
        public var polls = 0
        public var errors = 0
        public var notModified = 0
        public var newEntries = 0
        public var changedEntries = 0
        public var extracted = 0
        public var extractionFailures = 0
        /// Sources dropped unrecorded because the loop was stopping.
        public var abandoned = 0
        /// Hosts skipped for the rest of a cycle after repeated connection failures.
        public var hostsSkipped = 0
        /// Requests not sent because their host was skipped.
        public var requestsSkipped = 0
        public var seconds = 0.0

        /// Empty figures, to be filled in.
        public init() {}

        mutating func add(_ other: Cycle) {
            polls += other.polls
            errors += other.errors
            notModified += other.notModified
            newEntries += other.newEntries
            changedEntries += other.changedEntries
            extracted += other.extracted
            extractionFailures += other.extractionFailures
            abandoned += other.abandoned
            hostsSkipped += other.hostsSkipped
            requestsSkipped += other.requestsSkipped
            seconds += other.seconds
        }
    }

    /// Everything recorded so far.
    public struct Counters: Sendable, Equatable {
        public var cycles = 0
        /// Why `subscriptions.opml` cannot be read, while it cannot (the loop polls the last
        /// good subscriptions meanwhile).
        public var subscriptionsProblem: String?
        /// Times the subscriptions file was found broken.
        public var subscriptionsErrors = 0
        /// The sum of every cycle's figures.
        public var totals = Cycle()
        /// The most recent cycle's figures.
        public var last = Cycle()
    }

    private let counters = Mutex(Counters())

    public init() {}

    /// Adds one cycle's figures.
    public func record(_ cycle: Cycle) {
        counters.withLock { value in
            value.cycles += 1
            value.totals.add(cycle)
            value.last = cycle
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
    public var health: (healthy: Bool, text: String) {
        guard let problem = snapshot.subscriptionsProblem else { return (true, "ok\n") }
        return (false, "degraded: \(problem)\n")
    }

    /// A consistent copy of the counters.
    public var snapshot: Counters {
        counters.withLock { $0 }
    }

    /// The Prometheus text exposition of the counters.
    public func exposition() -> String {
        let value = snapshot
        let totals = value.totals
        let ratio = totals.polls == 0 ? 0 : Double(totals.notModified) / Double(totals.polls)
        let lines: [(String, String, String)] = [
            ("feedwright_cycles_total", "counter", "\(value.cycles)"),
            ("feedwright_polls_total", "counter", "\(totals.polls)"),
            ("feedwright_poll_errors_total", "counter", "\(totals.errors)"),
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
            ("feedwright_cycle_seconds_last", "gauge", String(format: "%.3f", value.last.seconds)),
            ("feedwright_cycle_seconds_total", "counter", String(format: "%.3f", totals.seconds)),
        ]
        return lines.map { "# TYPE \($0.0) \($0.1)\n\($0.0) \($0.2)\n" }.joined()
    }
}
