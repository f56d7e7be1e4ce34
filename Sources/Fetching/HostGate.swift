/// Politeness towards one host: at most ``Policy/maximumConcurrent`` requests in flight to it,
/// and request starts spaced by at least ``Policy/minimumDelay``, whatever the number of
/// sources or articles that live there. Shared by everything that fetches in one process.
public actor HostGate {
    /// How polite to be to each host.
    public struct Policy: Sendable, Hashable {
        /// Requests in flight to one host at most.
        public var maximumConcurrent: Int
        /// The least time between the starts of two requests to one host.
        public var minimumDelay: Duration

        /// Two requests at a time, starts 250 ms apart: a hundred articles from one site take
        /// 25 s instead of arriving as a burst.
        public init(maximumConcurrent: Int = 2, minimumDelay: Duration = .milliseconds(250)) {
            self.maximumConcurrent = max(maximumConcurrent, 1)
            self.minimumDelay = max(minimumDelay, .zero)
        }
    }

    /// The politeness applied to every host.
    public let policy: Policy
    private let clock = ContinuousClock()
    private var active: [String: Int] = [:]
    private var nextStart: [String: ContinuousClock.Instant] = [:]
    private var waiting: [String: [Waiter]] = [:]
    private var nextWaiterID: UInt64 = 0

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    /// A gate applying `policy` to every host it sees.
    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// Runs `body` once the host has a free slot and its spacing allows; the slot is released
    /// when `body` returns or throws. Throws `CancellationError` when cancelled while waiting.
    public nonisolated func withSlot<T: Sendable>(host: String, _ body: () async throws -> T) async throws -> T {
        let key = host.lowercased()
        let start = try await acquire(key)
        do {
            try await Task.sleep(until: start, clock: .continuous)
        } catch {
            await release(key)
            throw error
        }
        do {
            let result = try await body()
            await release(key)
            return result
        } catch {
            await release(key)
            throw error
        }
    }

    /// Takes a slot (waiting for one if needed) and reserves the next start time.
    private func acquire(_ host: String) async throws -> ContinuousClock.Instant {
        if active[host, default: 0] < policy.maximumConcurrent {
            active[host, default: 0] += 1
        } else {
            nextWaiterID += 1
            let id = nextWaiterID
            try await withTaskCancellationHandler {
                // Runs on the actor before it suspends, so the waiter is queued before
                // `cancelWaiter` (which needs the actor) can look for it.
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    waiting[host, default: []].append(Waiter(id: id, continuation: continuation))
                }
            } onCancel: {
                Task { await self.cancelWaiter(id, host: host) }
            }
            // The releasing request handed its slot over: `active` already counts this one.
        }
        let now = clock.now
        let start = max(now, nextStart[host] ?? now)
        nextStart[host] = start.advanced(by: policy.minimumDelay)
        return start
    }

    private func release(_ host: String) {
        if var queue = waiting[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[host] = queue.isEmpty ? nil : queue
            next.continuation.resume()
            return
        }
        let remaining = active[host, default: 1] - 1
        active[host] = remaining > 0 ? remaining : nil
        // Forget idle hosts whose spacing has passed, so memory follows the hosts in use.
        if remaining <= 0, let start = nextStart[host], start <= clock.now {
            nextStart[host] = nil
        }
    }

    /// Requests queued for a slot to `host` (for tests that must reach that state).
    func waiters(host: String) -> Int {
        waiting[host.lowercased()]?.count ?? 0
    }

    private func cancelWaiter(_ id: UInt64, host: String) {
        // Not queued any more: it was already handed a slot and will release it itself.
        guard var queue = waiting[host], let index = queue.firstIndex(where: { $0.id == id }) else { return }
        let waiter = queue.remove(at: index)
        waiting[host] = queue.isEmpty ? nil : queue
        waiter.continuation.resume(throwing: CancellationError())
    }
}
