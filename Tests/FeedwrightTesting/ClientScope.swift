import AsyncHTTPClient

/// Runs `body` with an HTTP client and shuts the client down however `body` ends: a client
/// released while running traps, which would take every other test of the process with it
/// (a failed `#require` throws past a shutdown written after it).
public func withHTTPClient<T>(_ make: () -> HTTPClient = { HTTPClient(eventLoopGroupProvider: .singleton) }, _ body: (HTTPClient) async throws -> T) async throws -> T {
    let client = make()
    let result: Result<T, any Error>
    do {
        result = .success(try await body(client))
    } catch {
        result = .failure(error)
    }
    try await client.shutdown()
    return try result.get()
}
