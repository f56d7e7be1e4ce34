import Foundation

/// Fetches through a shared ``HostGate``, so that however many sources and articles live on one
/// host, it sees a bounded, spaced-out stream of requests. Local references pass straight
/// through.
public struct PoliteFetcher: DocumentFetcher {
    /// The fetcher that does the work once a slot is free.
    public var base: any DocumentFetcher
    /// Shared by every fetcher of the process, so that limits hold per host, not per fetcher.
    public var gate: HostGate

    /// Fetches with `base` through `gate`.
    public init(_ base: any DocumentFetcher, gate: HostGate) {
        self.base = base
        self.gate = gate
    }

    public func fetch(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> FetchedDocument {
        guard let host = URL(string: url)?.host, !host.isEmpty else {
            return try await base.fetch(url, etag: etag, lastModified: lastModified)
        }
        do {
            return try await gate.withSlot(host: host) {
                try await base.fetch(url, etag: etag, lastModified: lastModified)
            }
        } catch let error as FetchError {
            throw error
        } catch {
            throw .cancelled(url: url)
        }
    }
}
