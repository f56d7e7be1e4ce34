import Fetching
import Synchronization

/// A scripted fetcher that records what was asked and how many requests ran at once per host.
final class FakeFetcher: DocumentFetcher {
    typealias Script = @Sendable (String) async throws(FetchError) -> FetchedDocument

    private struct State {
        var requests: [String] = []
        var inFlight: [String: Int] = [:]
        var mostInFlight: [String: Int] = [:]
        var starts: [String: [ContinuousClock.Instant]] = [:]
    }

    private let state = Mutex(State())
    private let script: Script

    init(script: @escaping Script) {
        self.script = script
    }

    var requests: [String] { state.withLock { $0.requests } }
    func mostInFlight(_ host: String) -> Int { state.withLock { $0.mostInFlight[host] ?? 0 } }
    func starts(_ host: String) -> [ContinuousClock.Instant] { state.withLock { $0.starts[host] ?? [] } }

    func fetch(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> FetchedDocument {
        let host = url.split(separator: "/").dropFirst(1).first.map(String.init) ?? ""
        state.withLock { state in
            state.requests.append(url)
            state.inFlight[host, default: 0] += 1
            state.mostInFlight[host] = max(state.mostInFlight[host] ?? 0, state.inFlight[host] ?? 0)
            state.starts[host, default: []].append(.now)
        }
        defer { state.withLock { $0.inFlight[host, default: 1] -= 1 } }
        return try await script(url)
    }
}
