/// What answers a WebSub hub at `/websub/<id>`: the command line hands one backed by the
/// subscriber and the poll cycle, so that `Server` needs nothing of `Pipeline`.
public protocol WebSubEndpoint: Sendable {
    /// The hub's verification of intent (a GET with `hub.mode`, `hub.topic`, `hub.challenge`,
    /// `hub.lease_seconds`, `hub.reason`): the body to answer 200 with, or nil for 404.
    func verification(id: String, mode: String, topic: String, challenge: String?, leaseSeconds: Int?, reason: String?) async -> String?
    /// A content distribution (a POST), and how the hub is answered.
    func distribution(id: String, body: [UInt8], signature: String?, contentType: String?) async -> WebSubDistributionAnswer
}

/// How a content distribution is answered.
public enum WebSubDistributionAnswer: Sendable, Equatable {
    /// Taken (202), whether genuine or quietly ignored.
    case taken
    /// No such callback (410 Gone): WebSub §7 lets a hub end a subscription on that answer
    /// (an unsubscribed callback a hub still pushes to, or one that never existed).
    case unknown
    /// Not taken for now (503 with `Retry-After`): the subscriber is stopping or has too much
    /// waiting, and the hub delivers again later (WebSub §7: a hub retries a failed delivery).
    case busy
}
