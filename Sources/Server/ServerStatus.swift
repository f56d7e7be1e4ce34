/// What `/health` and `/metrics` report: the loop's figures, rendered by whoever keeps them.
/// The server knows nothing of the loop; the command line hands it the loop's metrics, or a
/// status of its own for `serve`.
public protocol ServerStatus: Sendable {
    /// The Prometheus text exposition served at `/metrics`.
    func exposition() -> String
    /// `/health`'s text: `ok`, or `degraded: …` with what to fix.
    var healthText: String { get }
}

/// The status of a server with no loop beside it: healthy, no figures.
public struct IdleStatus: ServerStatus {
    /// An idle status.
    public init() {}

    public func exposition() -> String { "" }
    public var healthText: String { "ok\n" }
}
