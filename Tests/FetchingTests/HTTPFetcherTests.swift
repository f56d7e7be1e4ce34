import AsyncHTTPClient
import Fetching
import Foundation
import FeedwrightTesting
import Synchronization
import Testing

@Suite("The HTTP fetcher connects only where it checked, and fails fast", .timeLimit(.minutes(1)))
struct HTTPFetcherTests {
    /// Answers `first` the first time it is asked, `later` every time after: a name whose
    /// record changes between the check and the connection (DNS rebinding).
    final class RebindingResolver: HostResolver {
        let first: IPAddress
        let later: IPAddress
        private let asked = Mutex(0)

        init(first: IPAddress, later: IPAddress) {
            self.first = first
            self.later = later
        }

        var lookups: Int { asked.withLock { $0 } }

        func addresses(of host: String) async throws(FetchError) -> [IPAddress] {
            let count = asked.withLock { value in
                value += 1
                return value
            }
            return [count == 1 ? first : later]
        }
    }

    static func page(_ text: String) -> LoopbackServer.Response {
        .init(headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
    }

    @Test("a name that rebinds to a private address after the check never reaches it, on any hop")
    func rebinding() async throws {
        // 127.0.0.1 stands in for a public address (the policy is told to allow it); 127.0.0.2
        // is the private one the name turns into. Both listen on the same port.
        let outside = try LoopbackServer(host: "127.0.0.1") { request in
            request.path == "/hop" ? .init(status: 302, headers: [("Location", "/landing")]) : HTTPFetcherTests.page("outside \(request.header("Host") ?? "")")
        }
        defer { try? outside.shutdown() }
        let inside = try LoopbackServer(host: "127.0.0.2", port: outside.port) { _ in HTTPFetcherTests.page("inside") }
        defer { try? inside.shutdown() }
        try await withHTTPClient({ HTTPFetcher.makeClient() }) { client in
            let publicStandIn = try #require(IPAddress("127.0.0.1"))
            let privateAddress = try #require(IPAddress("127.0.0.2"))

            var options = HTTPFetcher.Options()
            options.addresses = AddressPolicy(alsoAllowed: [publicStandIn])
            options.resolver = RebindingResolver(first: publicStandIn, later: privateAddress)
            let fetcher = HTTPFetcher(client: client, options: options)
            let url = "http://rebind.test:\(outside.port)/article"
            let document = try await fetcher.fetch(url, etag: nil, lastModified: nil)
            #expect(String(decoding: document.bytes, as: UTF8.self) == "outside rebind.test:\(outside.port)")
            #expect(document.url == url)
            // Asked again, the name now points inside: refused before any connection.
            await #expect(throws: FetchError.forbiddenAddress(url: url, address: "127.0.0.2")) {
                _ = try await fetcher.fetch(url, etag: nil, lastModified: nil)
            }
            // A redirect is a new hop: resolved and checked again.
            options.resolver = RebindingResolver(first: publicStandIn, later: privateAddress)
            let redirected = HTTPFetcher(client: client, options: options)
            await #expect(throws: FetchError.forbiddenAddress(url: "http://rebind.test:\(outside.port)/landing", address: "127.0.0.2")) {
                _ = try await redirected.fetch("http://rebind.test:\(outside.port)/hop", etag: nil, lastModified: nil)
            }
            #expect(inside.requests.isEmpty)
            #expect(outside.requests.count == 2)
        }
    }

    @Test("a refused connection fails at once as connectionFailed, not after the connect timeout")
    func refused() async throws {
        let port = try Self.closedPort()
        try await withHTTPClient({ HTTPFetcher.makeClient() }) { client in
            var options = HTTPFetcher.Options()
            options.addresses = AddressPolicy(allowPrivate: true)
            options.connectTimeout = .seconds(30)
            let fetcher = HTTPFetcher(client: client, options: options)
            let url = "http://127.0.0.1:\(port)/x"
            let started = ContinuousClock.now
            await #expect(throws: FetchError.connectionFailed(url: url, reason: "connection refused")) {
                _ = try await fetcher.fetch(url, etag: nil, lastModified: nil)
            }
            // Far inside the 30 s connect timeout: no retry until the deadline.
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }

    @Test("a server that does not answer in time is timedOut, recognised by the error's type")
    func timeout() async throws {
        // Far past the timeout, so that a loaded machine that starves the client's deadline
        // for seconds still sees the deadline first (the server's shutdown cancels the reply).
        let slow = try LoopbackServer { _ in .init(body: Array("late".utf8), delay: 60) }
        defer { try? slow.shutdown() }
        try await withHTTPClient({ HTTPFetcher.makeClient() }) { client in
            var options = HTTPFetcher.Options()
            options.addresses = AddressPolicy(allowPrivate: true)
            options.requestTimeout = .milliseconds(300)
            let fetcher = HTTPFetcher(client: client, options: options)
            await #expect(throws: FetchError.timedOut(url: slow.base + "/slow")) {
                _ = try await fetcher.fetch(slow.base + "/slow", etag: nil, lastModified: nil)
            }
        }
    }

    @Test("a body over the cap is tooLarge")
    func tooLarge() async throws {
        let big = try LoopbackServer { _ in .init(body: [UInt8](repeating: 0x41, count: 300_000)) }
        defer { try? big.shutdown() }
        try await withHTTPClient({ HTTPFetcher.makeClient() }) { client in
            var options = HTTPFetcher.Options()
            options.addresses = AddressPolicy(allowPrivate: true)
            options.maximumBytes = 100_000
            await #expect(throws: FetchError.tooLarge(url: big.base + "/", limit: 100_000)) {
                _ = try await HTTPFetcher(client: client, options: options).fetch(big.base + "/", etag: nil, lastModified: nil)
            }
        }
    }

    @Test("after three refused connections a host is skipped until the circuit is reset")
    func circuit() async throws {
        let port = try Self.closedPort()
        try await withHTTPClient({ HTTPFetcher.makeClient() }) { client in
            var options = HTTPFetcher.Options()
            options.addresses = AddressPolicy(allowPrivate: true)
            let circuit = HostCircuit(threshold: 3)
            let fetcher = CircuitFetcher(HTTPFetcher(client: client, options: options), circuit: circuit)
            var outcomes: [FetchError] = []
            for index in 0..<10 {
                do throws(FetchError) {
                    _ = try await fetcher.fetch("http://127.0.0.1:\(port)/\(index)", etag: nil, lastModified: nil)
                } catch {
                    outcomes.append(error)
                }
            }
            #expect(outcomes.prefix(3).allSatisfy { if case .connectionFailed = $0 { true } else { false } })
            #expect(outcomes.dropFirst(3).allSatisfy { if case .hostUnavailable = $0 { true } else { false } })
            #expect(circuit.reset() == HostCircuit.Tally(hostsSkipped: 1, requestsSkipped: 7))
            #expect(!circuit.isOpen("127.0.0.1"))
        }
    }

    /// A port on 127.0.0.1 that nothing listens on: bound, then closed.
    static func closedPort() throws -> Int {
        let server = try LoopbackServer { _ in .init() }
        let port = server.port
        try server.shutdown()
        return port
    }
}
