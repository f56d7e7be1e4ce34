import Synchronization

/// A count that tasks can wait on: `wait(until:)` returns once ``increment()`` has been called
/// that many times. Tests use it to reach a known point (two requests in flight, the tenth
/// article fetched) instead of sleeping and hoping.
public final class Countdown: Sendable {
    private struct Waiter {
        var id: Int
        var target: Int
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var count = 0
        var nextID = 0
        var waiters: [Waiter] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// How often ``increment()`` was called.
    public var count: Int { state.withLock { $0.count } }

    /// Counts one more, waking the waiters whose target it reaches; returns the new count.
    @discardableResult
    public func increment() -> Int {
        let (count, ready) = state.withLock { state in
            state.count += 1
            let count = state.count
            let ready = state.waiters.filter { $0.target <= count }
            state.waiters.removeAll { $0.target <= count }
            return (count, ready)
        }
        ready.forEach { $0.continuation.resume() }
        return count
    }

    /// Returns once the count is at least `target`; throws `CancellationError` if the task is
    /// cancelled first.
    public func wait(until target: Int) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Bool = state.withLock { state in
                    if state.count >= target || Task.isCancelled { return true }
                    state.waiters.append(Waiter(id: id, target: target, continuation: continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let cancelled = state.withLock { state in
                let found = state.waiters.first { $0.id == id }
                state.waiters.removeAll { $0.id == id }
                return found
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }
}

/// A door that stays shut until ``open()``: every ``wait()`` before it blocks, every one after
/// returns at once.
public final class Latch: Sendable {
    private let opened = Countdown()

    public init() {}

    /// Whether the latch was opened.
    public var isOpen: Bool { opened.count > 0 }

    /// Lets every waiter through, now and later.
    public func open() {
        if !isOpen { opened.increment() }
    }

    /// Returns once the latch is open; throws `CancellationError` if cancelled first.
    public func wait() async throws {
        try await opened.wait(until: 1)
    }
}
