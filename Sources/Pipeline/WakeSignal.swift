import Synchronization

/// Cuts a service's pause short: ``nap(for:)`` returns after the pause or as soon as
/// ``wake()`` is called, whichever is first; a wake while no one naps makes the next nap
/// return at once, so none is lost.
public final class WakeSignal: Sendable {
    private struct State {
        var sleeper: Task<Void, Never>?
        var pending = false
    }

    private let state = Mutex(State())

    /// A signal nobody has called yet.
    public init() {}

    /// Ends the current nap, or the next one if none is under way.
    public func wake() {
        let sleeper = state.withLock { state in
            guard let sleeper = state.sleeper else {
                state.pending = true
                return nil as Task<Void, Never>?
            }
            state.sleeper = nil
            return sleeper
        }
        sleeper?.cancel()
    }

    /// Pauses for `duration`, less if woken or cancelled.
    public func nap(for duration: Duration) async {
        let sleeper = Task<Void, Never> { _ = try? await Task.sleep(for: duration) }
        let woken = state.withLock { state in
            if state.pending {
                state.pending = false
                return true
            }
            state.sleeper = sleeper
            return false
        }
        if woken { sleeper.cancel() }
        await withTaskCancellationHandler {
            await sleeper.value
        } onCancel: {
            sleeper.cancel()
        }
        state.withLock { state in
            if state.sleeper == sleeper { state.sleeper = nil }
        }
    }
}
