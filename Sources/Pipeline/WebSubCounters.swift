import Store
import Synchronization

/// What the WebSub subscriber did, exposed at `/metrics` in the Prometheus text format.
public final class WebSubCounters: Sendable {
    /// The figures, counted since the process started.
    public struct Figures: Sendable, Equatable {
        /// Subscription requests sent (first ones and renewals).
        public var requests = 0
        /// Of them, renewals of a verified lease.
        public var renewals = 0
        public var unsubscribeRequests = 0
        /// Requests a hub refused or that could not reach it.
        public var requestFailures = 0
        /// Subscriptions the hub verified (renewals included).
        public var verifications = 0
        /// Unsubscriptions the hub confirmed.
        public var unsubscriptions = 0
        public var denials = 0
        /// Distributions accepted (signature valid).
        public var deliveries = 0
        /// Distributions ignored: unsigned, signed wrongly, or not verified.
        public var rejectedDistributions = 0
        /// Verifications and distributions for callbacks Feedwright never handed out.
        public var unknownCallbacks = 0
        /// Subscriptions by state, as last read from the store.
        public var states: [HubSubscription.State: Int] = [:]
    }

    private let figures = Mutex(Figures())

    /// Counters at zero.
    public init() {}

    /// Counts one event.
    public func count(_ figure: WritableKeyPath<Figures, Int> & Sendable) {
        figures.withLock { $0[keyPath: figure] += 1 }
    }

    /// Records how many subscriptions are in each state.
    public func setStates(_ subscriptions: [HubSubscription]) {
        var states: [HubSubscription.State: Int] = [:]
        for subscription in subscriptions { states[subscription.state, default: 0] += 1 }
        figures.withLock { $0.states = states }
    }

    /// A consistent copy.
    public var snapshot: Figures { figures.withLock { $0 } }

    /// The Prometheus text exposition.
    public func exposition() -> String {
        let value = snapshot
        let counters: [(String, Int)] = [
            ("feedwright_websub_requests_total", value.requests),
            ("feedwright_websub_renewals_total", value.renewals),
            ("feedwright_websub_unsubscribe_requests_total", value.unsubscribeRequests),
            ("feedwright_websub_request_failures_total", value.requestFailures),
            ("feedwright_websub_verifications_total", value.verifications),
            ("feedwright_websub_unsubscriptions_total", value.unsubscriptions),
            ("feedwright_websub_denials_total", value.denials),
            ("feedwright_websub_deliveries_total", value.deliveries),
            ("feedwright_websub_rejected_deliveries_total", value.rejectedDistributions),
            ("feedwright_websub_unknown_callbacks_total", value.unknownCallbacks),
        ]
        var text = counters.map { "# TYPE \($0.0) counter\n\($0.0) \($0.1)\n" }.joined()
        text += "# TYPE feedwright_websub_subscriptions gauge\n"
        for state in HubSubscription.State.allCases {
            text += "feedwright_websub_subscriptions{state=\"\(state.rawValue)\"} \(value.states[state] ?? 0)\n"
        }
        return text
    }
}
