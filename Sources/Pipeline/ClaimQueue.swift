import Foundation
import Store
import Synchronization

/// The sources a cycle has claimed and not yet started, refilled from the store a batch at a
/// time until nothing due is left to claim.
struct ClaimQueue {
    private var pending: [Source] = []
    private var index = 0
    /// Sources claimed so far this cycle (the progress line's total).
    private(set) var claimed = 0
    /// Whether the last claim came back short: nothing more is due for this worker.
    private var exhausted = false

    /// Claimed sources not started yet.
    var unstarted: Int { pending.count - index }

    mutating func next() -> Source? {
        guard index < pending.count else { return nil }
        defer { index += 1 }
        return pending[index]
    }

    /// Whether to claim more now: fewer than `concurrency` left, so that the slots stay full.
    func isLow(concurrency: Int) -> Bool {
        !exhausted && unstarted < max(concurrency, 1)
    }

    /// Claims the next batch for `cycle`, interleaved by host, and holds its leases.
    mutating func refill(from cycle: PollCycle, now: Date, held: HeldLeases) async throws(StoreError) {
        guard !exhausted else { return }
        let batch = try await cycle.store.claimDueSources(at: now, maximumErrors: cycle.maximumErrors, limit: cycle.claimBatch, claim: cycle.lease)
        if batch.count < cycle.claimBatch { exhausted = true }
        held.add(batch.compactMap(\.lease))
        pending.removeFirst(index)
        index = 0
        pending += PollCycle.interleavedByHost(batch)
        claimed += batch.count
    }
}

/// The leases a cycle holds (claimed, not yet recorded), shared with the task that extends
/// them while polls run.
final class HeldLeases: Sendable {
    private let leases = Mutex<[Int64: SourceLease]>([:])

    func add(_ new: [SourceLease]) {
        leases.withLock { for lease in new { $0[lease.token] = lease } }
    }

    /// Stops holding `tokens` (recorded, or lost to another worker).
    func forget(_ tokens: some Sequence<Int64>) {
        leases.withLock { for token in tokens { $0[token] = nil } }
    }

    var all: [SourceLease] {
        leases.withLock { Array($0.values) }
    }
}

/// Store calls that must finish even when the cycle is being stopped: recording a poll that
/// completed, giving back leases, republishing what was stored. The database clients end
/// their calls when the calling task is cancelled (GRDB throws `CancellationError`), so these
/// run in a task of their own that the stop does not reach; they are short and bounded.
enum CancellationShield {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws(StoreError) -> T) async throws(StoreError) -> T {
        let task = Task { () async throws -> T in try await body() }
        do {
            return try await task.value
        } catch let error as StoreError {
            throw error
        } catch {
            throw .database(cause: error)
        }
    }
}
