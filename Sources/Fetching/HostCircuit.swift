import Foundation
import Synchronization

/// Remembers which hosts failed to connect several times in a row, so that the rest of their
/// requests are skipped instead of each waiting its turn at the host's gate and failing again.
///
/// Link rot is common: a feed of a hundred entries on a dead site would otherwise cost a
/// hundred connection attempts, spaced out by politeness, every cycle. The loop resets the
/// circuit at the start of each cycle, so a host that comes back is tried again.
public final class HostCircuit: Sendable {
    /// Consecutive connection failures after which a host is skipped.
    public let threshold: Int
    private let state = Mutex(State())

    private struct State {
        var failures: [String: Int] = [:]
        var skippedRequests = 0
    }

    /// What the circuit did since the last reset.
    public struct Tally: Sendable, Equatable {
        /// Hosts that reached the threshold.
        public var hostsSkipped = 0
        /// Requests not sent because their host had.
        public var requestsSkipped = 0

        /// Figures as given.
        public init(hostsSkipped: Int = 0, requestsSkipped: Int = 0) {
            self.hostsSkipped = hostsSkipped
            self.requestsSkipped = requestsSkipped
        }
    }

    /// Three failures in a row: one could be a blip, three to the same host in one cycle are not.
    public init(threshold: Int = 3) {
        self.threshold = max(threshold, 1)
    }

    /// Whether requests to `host` are being skipped.
    public func isOpen(_ host: String) -> Bool {
        state.withLock { ($0.failures[host.lowercased()] ?? 0) >= threshold }
    }

    /// Counts a request skipped because its host is open.
    func skipped() {
        state.withLock { $0.skippedRequests += 1 }
    }

    /// Records how a request to `host` ended: a connection failure counts, anything else
    /// (a response of any status) shows the host is up.
    public func record(host: String, connected: Bool) {
        state.withLock { value in
            let key = host.lowercased()
            if connected {
                value.failures[key] = nil
            } else {
                value.failures[key, default: 0] += 1
            }
        }
    }

    /// Forgets every host and returns what happened since the last reset.
    @discardableResult
    public func reset() -> Tally {
        state.withLock { value in
            let tally = Tally(hostsSkipped: value.failures.values.filter { $0 >= threshold }.count, requestsSkipped: value.skippedRequests)
            value = State()
            return tally
        }
    }

    /// What happened since the last reset, without resetting.
    public var tally: Tally {
        state.withLock { value in
            Tally(hostsSkipped: value.failures.values.filter { $0 >= threshold }.count, requestsSkipped: value.skippedRequests)
        }
    }
}

/// Skips requests to hosts the ``HostCircuit`` has open, and tells it how each request ended.
/// Wraps the politeness gate, so that a skipped request never waits for a slot.
public struct CircuitFetcher: DocumentFetcher {
    /// The fetcher requests go to while their host is up.
    public var base: any DocumentFetcher
    /// Shared by the fetchers of one loop.
    public var circuit: HostCircuit

    /// Guards `base` with `circuit`.
    public init(_ base: any DocumentFetcher, circuit: HostCircuit) {
        self.base = base
        self.circuit = circuit
    }

    public func fetch(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> FetchedDocument {
        guard let host = URL(string: url)?.host, !host.isEmpty else {
            return try await base.fetch(url, etag: etag, lastModified: lastModified)
        }
        if circuit.isOpen(host) {
            circuit.skipped()
            throw .hostUnavailable(url: url, host: host)
        }
        do {
            let document = try await base.fetch(url, etag: etag, lastModified: lastModified)
            circuit.record(host: host, connected: true)
            return document
        } catch {
            switch error {
            case .connectionFailed:
                circuit.record(host: host, connected: false)
            case .cancelled, .forbiddenAddress, .unsupportedURL, .disallowedByRobots, .hostUnavailable:
                break  // nothing was learnt about the host
            default:
                circuit.record(host: host, connected: true)
            }
            throw error
        }
    }
}
