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
            seconds += other.seconds
        }
    }

    /// Everything recorded so far.
    public struct Counters: Sendable, Equatable {
        public var cycles = 0
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
            ("feedwright_cycle_seconds_last", "gauge", String(format: "%.3f", value.last.seconds)),
            ("feedwright_cycle_seconds_total", "counter", String(format: "%.3f", totals.seconds)),
        ]
        return lines.map { "# TYPE \($0.0) \($0.1)\n\($0.0) \($0.2)\n" }.joined()
    }
}
