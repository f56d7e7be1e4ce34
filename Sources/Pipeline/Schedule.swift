import FeedwrightCore
import Foundation
import Syndication

/// When a source is polled next: every source has its own interval, estimated from how often
/// it publishes, never below what the publisher asks (`ttl`, `sy:updatePeriod`,
/// `Cache-Control: max-age`), bounded to 15 minutes – 24 hours, spread by a small jitter so
/// that sources added together do not stay in lockstep, and backed off exponentially after
/// failures.
public enum Schedule {
    /// No source is polled more often than this, whatever it asks.
    public static let minimum: TimeInterval = 15 * 60
    /// Every source is polled at least this often.
    public static let maximum: TimeInterval = 24 * 3600
    /// The interval of a source that gives no hint and no dates.
    public static let standard: TimeInterval = 3600

    /// `requested` clamped to ``minimum``…``maximum``.
    public static func bounded(_ requested: TimeInterval) -> TimeInterval {
        min(max(requested, minimum), maximum)
    }

    /// The wait after `failures` failures in a row: the interval doubled per failure, at most a day.
    public static func backoff(interval: TimeInterval, failures: Int) -> TimeInterval {
        min(bounded(interval) * pow(2, Double(min(failures, 10))), maximum)
    }

    /// The interval for a source after a successful poll. `publisherMinimum` is the longest of
    /// the publisher's hints; `entryDates` are the feed's entry dates. A source that publishes
    /// every two hours is polled hourly; one that has not published for a week, daily.
    public static func interval(entryDates: [Date], publisherMinimum: TimeInterval?, now: Date) -> TimeInterval {
        var estimate = standard
        let recent = entryDates.filter { $0 <= now }.sorted(by: >).prefix(10)
        if let newest = recent.first, let oldest = recent.last {
            if recent.count >= 2 {
                // Half the mean gap between recent entries.
                estimate = newest.timeIntervalSince(oldest) / Double(recent.count - 1) / 2
            }
            // But never sooner than the silence so far suggests.
            estimate = max(estimate, now.timeIntervalSince(newest) / 4)
        }
        return bounded(max(estimate, publisherMinimum ?? 0))
    }

    /// `interval` spread by up to ±10 %, the same for the same source every time (so runs are
    /// reproducible) and different between sources.
    public static func jittered(_ interval: TimeInterval, key: String) -> TimeInterval {
        let hash = FNV1a64.hash(key.utf8)
        let unit = Double(hash % 10_001) / 10_000  // 0…1
        return interval * (0.9 + 0.2 * unit)
    }
}
