import AsyncHTTPClient
import FeedwrightTesting
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The real `feedwright` executable as a child process, and what end-to-end tests need
/// around it: a free port, plain HTTP requests, and waiting on another process's effects.
final class RunningBinary {
    private let process: Process
    private let exited = Latch()

    /// Starts `feedwright arguments…`, its output discarded.
    init(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = try CrashSafetyTests.executable()
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let exited = self.exited
        process.terminationHandler = { _ in exited.open() }
        try process.run()
        self.process = process
    }

    /// Runs `feedwright arguments…` to its end; its exit status.
    static func run(_ arguments: [String]) async throws -> Int32 {
        let binary = try RunningBinary(arguments)
        try await binary.exited.wait()
        binary.process.waitUntilExit()
        return binary.process.terminationStatus
    }

    /// Stops it with SIGTERM (a graceful stop); its exit status.
    func stop() async throws -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        try await exited.wait()
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// A port free at the time of asking (the binary binds it a moment later).
    static func freePort() throws -> Int {
        let probe = try LoopbackServer { _ in .init(status: 404) }
        let port = probe.port
        try probe.shutdown()
        return port
    }

    /// Waits, looking every few milliseconds, until `condition` holds; false after `seconds`.
    /// (Another process's files and sockets cannot be awaited otherwise.)
    static func eventually(within seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return try await condition()
    }

    /// An HTTP reply's status, headers and body.
    struct Reply {
        var status: UInt
        var headers: [(String, String)]
        var bytes: [UInt8]
        var body: String { String(decoding: bytes, as: UTF8.self) }

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    /// One request over `client` (which follows no redirect unless configured to).
    static func send(_ client: HTTPClient, _ method: HTTPMethod, _ url: String, body: [UInt8]? = nil, headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return Reply(status: response.status.code, headers: response.headers.map { ($0.name, $0.value) }, bytes: Array(buffer: bytes))
    }

    /// A query string, every value percent-encoded.
    static func query(_ fields: [(String, String)]) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(separator: "&")
    }
}
