/// What answers a WebSub hub at `/websub/<id>`: the command line hands one backed by the
/// subscriber and the poll cycle, so that `Server` needs nothing of `Pipeline`.
public protocol WebSubEndpoint: Sendable {
    /// The hub's verification of intent (a GET with `hub.mode`, `hub.topic`, `hub.challenge`,
    /// `hub.lease_seconds`, `hub.reason`): the body to answer 200 with, or nil for 404.
    func verification(id: String, mode: String, topic: String, challenge: String?, leaseSeconds: Int?, reason: String?) async -> String?
    /// A content distribution (a POST): false for a callback that does not exist (404); true
    /// once it is taken (202), whether genuine or quietly ignored.
    func distribution(id: String, body: [UInt8], signature: String?, contentType: String?) async -> Bool
}
