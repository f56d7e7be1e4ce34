import Foundation

/// The cores this process may run on, read once.
///
/// On Linux, Foundation's `activeProcessorCount` reads the cgroup's cpuset and quota files on
/// every call; asked once per feed, that was a tenth of `parse --jsonl` over a folder of
/// small feeds. A process's share of the machine does not change while it runs often enough
/// to be worth those reads.
public enum ProcessorCores {
    /// At least 1.
    public static let active = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
