import Foundation
import Synchronization

/// Counters of the polling loop, exposed at `/metrics` in the Prometheus text format.
public final class LoopMetrics: Sendable {
    public struct Counters: Sendable, Equatable {
        public var cycles = 0
        public var polls = 0
        public var pollErrors = 0
        public var notModified = 0
        public var newEntries = 0
        public var changedEntries = 0
        public var extracted = 0
        public var extractionFailures = 0
        /// Sources dropped unrecorded because the loop was stopping.
        public var abandoned = 0
        public var lastCycleSeconds = 0.0
        public var totalCycleSeconds = 0.0

        public init() {}
    }

    private let counters = Mutex(Counters())

    public init() {}

    /// One cycle's figures, as the loop reports them.
    public struct Cycle: Sendable, Equatable {
        public var polls = 0
        public var errors = 0
        public var notModified = 0
        public var newEntries = 0
        public var changedEntries = 0
        public var extracted = 0
        public var extractionFailures = 0
        public var abandoned = 0
        public var seconds = 0.0

        /// Empty figures, to be filled in.
        public init() {}
    }

    /// Adds one cycle's figures.
    public func record(_ cycle: Cycle) {
        counters.withLock { value in
            value.cycles += 1
            value.polls += cycle.polls
            value.pollErrors += cycle.errors
            value.notModified += cycle.notModified
            value.newEntries += cycle.newEntries
            value.changedEntries += cycle.changedEntries
            value.extracted += cycle.extracted
            value.extractionFailures += cycle.extractionFailures
            value.abandoned += cycle.abandoned
            value.lastCycleSeconds = cycle.seconds
            value.totalCycleSeconds += cycle.seconds
        }
    }

    public var snapshot: Counters {
        counters.withLock { $0 }
    }

    /// The Prometheus text exposition of the counters.
    public func exposition() -> String {
        let value = snapshot
        let ratio = value.polls == 0 ? 0 : Double(value.notModified) / Double(value.polls)
        let lines: [(String, String, String)] = [
            ("feedwright_cycles_total", "counter", "\(value.cycles)"),
            ("feedwright_polls_total", "counter", "\(value.polls)"),
            ("feedwright_poll_errors_total", "counter", "\(value.pollErrors)"),
            ("feedwright_not_modified_total", "counter", "\(value.notModified)"),
            ("feedwright_not_modified_ratio", "gauge", String(format: "%.4f", ratio)),
            ("feedwright_entries_new_total", "counter", "\(value.newEntries)"),
            ("feedwright_entries_changed_total", "counter", "\(value.changedEntries)"),
            ("feedwright_articles_extracted_total", "counter", "\(value.extracted)"),
            ("feedwright_extraction_failures_total", "counter", "\(value.extractionFailures)"),
            ("feedwright_sources_abandoned_total", "counter", "\(value.abandoned)"),
            ("feedwright_cycle_seconds_last", "gauge", String(format: "%.3f", value.lastCycleSeconds)),
            ("feedwright_cycle_seconds_total", "counter", String(format: "%.3f", value.totalCycleSeconds)),
        ]
        return lines.map { "# TYPE \($0.0) \($0.1)\n\($0.0) \($0.2)\n" }.joined()
    }
}
