import Foundation

/// A WebSub subscription (W3C WebSub §5): Feedwright asked `hub` to push `topic` to its
/// callback `/websub/<callbackID>`, and signs nothing but expects every distribution signed
/// with `secret`.
///
/// The store keeps them so that every worker sharing it answers the hub's verification and
/// distributions for any subscription, whichever worker asked for it, and so that a restart
/// keeps pushing sources pushed.
public struct HubSubscription: Sendable, Hashable {
    /// Where the subscription is in its life.
    public enum State: String, Sendable, CaseIterable {
        /// Asked for; the hub has not yet verified the intent (§5.3).
        case requested
        /// The hub verified it: distributions are accepted until ``HubSubscription/expires``.
        case verified
        /// Feedwright asked the hub to end it (the source was removed); the row leaves when
        /// the hub verifies the unsubscription.
        case unsubscribing
        /// The hub refused (`hub.mode=denied`), or the request failed; asked again at the
        /// source's next poll.
        case failed
    }

    /// The unguessable last segment of the callback URL: the only thing naming the
    /// subscription to the outside.
    public var callbackID: String
    /// The subscribed source, as the store knows it.
    public var sourceURL: String
    /// The hub's URL, as the feed (or its `Link` header) named it.
    public var hub: String
    /// The topic URL (the feed's `rel="self"`), which the hub names in every verification.
    public var topic: String
    /// The HMAC key the hub signs distributions with (`hub.secret`), fresh per subscription.
    public var secret: String
    /// Whether the hub verified it, and whether it is ending.
    public var state: State
    /// When the subscription (or its last renewal) was asked for.
    public var requested: Date
    /// The lease the hub granted, in seconds; nil until verified.
    public var leaseSeconds: Int?
    /// When the granted lease ends: renewed before then.
    public var expires: Date?
    /// When the last accepted distribution arrived.
    public var lastDelivery: Date?
    /// Distributions accepted (signature valid).
    public var deliveries: Int
    /// Distributions ignored because their signature was missing or wrong.
    public var rejected: Int
    /// Why the hub refused, or why asking it failed.
    public var lastError: String?

    /// A subscription just asked for.
    public init(callbackID: String, sourceURL: String, hub: String, topic: String, secret: String, state: State = .requested, requested: Date) {
        self.callbackID = callbackID
        self.sourceURL = sourceURL
        self.hub = hub
        self.topic = topic
        self.secret = secret
        self.state = state
        self.requested = requested
        self.deliveries = 0
        self.rejected = 0
    }
}
