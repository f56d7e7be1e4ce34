import AsyncHTTPClient
import FeedwrightCore
import Fetching
import Foundation
import Store

/// Feedwright's side of WebSub (W3C Recommendation): it subscribes to the hubs sources name,
/// answers their verification of intent, checks the signature of every content distribution,
/// renews leases before they end and unsubscribes from sources that were removed.
///
/// Everything it knows is in the store, so any worker sharing the store answers any callback,
/// and a restart goes on where it stopped. Ingesting an accepted distribution is the caller's
/// (``PollCycle/pollNow(_:groups:now:document:)``): this type only decides what is genuine.
public struct WebSubSubscriber: Sendable {
    /// Where subscriptions are kept.
    public var store: any FeedStore
    private let client: HTTPClient
    /// The server's public root (`http://host:port/`); callbacks are `<root>websub/<id>`.
    public var callbackRoot: String
    /// The lease asked of hubs (`hub.lease_seconds`); the hub may grant another.
    public var requestedLease = 10 * 86400
    /// Accept `sha1=` signatures (old hubs); off by default.
    public var allowSHA1 = false
    /// Which addresses a hub named by a feed may have (a feed is untrusted input).
    public var hubAddresses = AddressPolicy()
    /// Resolves hub hosts for ``hubAddresses``.
    public var resolver: any HostResolver = SystemResolver()
    /// How long a hub may take to answer a request.
    public var timeout: Duration = .seconds(10)
    /// A request the hub has not verified after this long has failed (asked again at the
    /// source's next poll).
    public var verificationWindow: TimeInterval = 3600
    /// What happened, for `/metrics`.
    public let counters = WebSubCounters()
    /// Rung when a hub grants a lease, so that the upkeep (``WebSubService``) plans its renewal.
    public let leaseGranted = WakeSignal()

    /// A subscriber whose callbacks live under `callbackRoot`, asking hubs over `client` (shut
    /// down by its owner).
    public init(store: any FeedStore, client: HTTPClient, callbackRoot: String) {
        self.store = store
        self.client = client
        self.callbackRoot = callbackRoot.hasSuffix("/") ? callbackRoot : callbackRoot + "/"
    }

    /// The callback URL of a subscription.
    public func callback(_ callbackID: String) -> String {
        callbackRoot + "websub/" + callbackID
    }

    /// What a poll learnt of a source's push.
    public struct Standing: Sendable, Equatable {
        /// A verified subscription with a live lease: the hub pushes, polling is the backstop.
        public var pushed: Bool
        /// Why subscribing failed, for the cycle's report.
        public var problem: String?

        /// A standing.
        public init(pushed: Bool, problem: String? = nil) {
            self.pushed = pushed
            self.problem = problem
        }
    }

    /// After a successful poll of `source`: whether it is pushed, subscribing to the first hub
    /// of `advert` when it has no subscription alive or pending (`advert` is nil after a 304 or
    /// a distribution: what was known stands).
    public func keep(_ source: Source, advert: HubAdvert?, now: Date) async -> Standing {
        guard WebURL.isHTTP(source.url) else { return Standing(pushed: false) }
        let existing: [HubSubscription]
        do {
            existing = try await store.hubSubscriptions(sourceURL: source.url)
        } catch {
            return Standing(pushed: false, problem: "\(source.url): WebSub: \(error)")
        }
        let live = existing.contains { $0.state == .verified && ($0.expires ?? .distantPast) > now }
        if live { return Standing(pushed: true) }
        let pending = existing.contains { $0.state == .requested && now.timeIntervalSince($0.requested) < verificationWindow }
        guard !pending, let advert, let hub = advert.hubs.first else { return Standing(pushed: false) }
        for stale in existing where stale.state != .unsubscribing {
            try? await store.removeHubSubscription(callbackID: stale.callbackID)
        }
        let subscription = HubSubscription(
            callbackID: HubSignature.randomHex(byteCount: 16), sourceURL: source.url, hub: hub, topic: advert.topic,
            secret: HubSignature.randomHex(), requested: now)
        return Standing(pushed: false, problem: await request(subscription, mode: "subscribe"))
    }

    /// Asks the hub to subscribe (or renew, or unsubscribe); saved first, because a hub may
    /// verify before it answers the request. Nil when the hub took the request.
    private func request(_ subscription: HubSubscription, mode: String) async -> String? {
        do {
            try await store.save(subscription)
        } catch {
            return "\(subscription.sourceURL): WebSub: \(error)"
        }
        let pinned: IPAddress?
        do {
            pinned = try await hubAddress(subscription.hub)
        } catch {
            return await failed(subscription, error.problem, mode: mode)
        }
        var fields = [("hub.callback", callback(subscription.callbackID)), ("hub.mode", mode), ("hub.topic", subscription.topic)]
        if mode == "subscribe" {
            fields += [("hub.lease_seconds", String(requestedLease)), ("hub.secret", subscription.secret)]
        }
        counters.count(mode == "subscribe" ? \.requests : \.unsubscribeRequests)
        guard let problem = await HubForm.post(fields, to: subscription.hub, pinnedTo: pinned, client: client, timeout: timeout, asking: "hub.mode=\(mode) for \(subscription.topic)") else {
            return nil
        }
        return await failed(subscription, problem, mode: mode)
    }

    /// Records that asking failed: a new subscription is marked failed (unless the hub verified
    /// it meanwhile); a renewal or unsubscription stays as it was and is tried again later.
    private func failed(_ subscription: HubSubscription, _ problem: String, mode: String) async -> String {
        counters.count(\.requestFailures)
        if mode == "subscribe", var current = try? await store.hubSubscription(callbackID: subscription.callbackID), current.state == .requested {
            current.state = .failed
            current.lastError = problem
            try? await store.save(current)
        }
        return "\(subscription.sourceURL): \(problem)"
    }

    /// Why a hub may not be asked (the line for the subscription's last error).
    private struct HubRefusal: Error {
        var problem: String
    }

    /// The address to post to `hub` at, checked by ``hubAddresses`` (nil: the policy allows
    /// every address, and the client resolves the name itself).
    private func hubAddress(_ hub: String) async throws(HubRefusal) -> IPAddress? {
        guard let host = URL(string: hub)?.host else { throw HubRefusal(problem: "hub \(hub): not a URL") }
        do {
            return try await hubAddresses.checkedAddress(host: host, url: hub, resolver: resolver)
        } catch {
            throw HubRefusal(problem: "hub \(error)")
        }
    }

    /// The answer to a hub's verification of intent (§5.3): the challenge to echo, or nil for
    /// a 404 when Feedwright did not ask for this (unknown callback, another topic, a mode it
    /// did not request). A denial (`hub.mode=denied`) is recorded and answered with nothing.
    public func verify(callbackID: String, mode: String, topic: String, challenge: String?, leaseSeconds: Int?, reason: String?, now: Date) async -> String? {
        guard var subscription = try? await store.hubSubscription(callbackID: callbackID), subscription.topic == topic else {
            counters.count(\.unknownCallbacks)
            return nil
        }
        switch mode {
        case "subscribe" where subscription.state == .requested || subscription.state == .verified:
            guard let challenge else { return nil }
            let lease = max(leaseSeconds ?? requestedLease, 1)
            subscription.state = .verified
            subscription.leaseSeconds = lease
            subscription.expires = now.addingTimeInterval(TimeInterval(lease))
            subscription.lastError = nil
            guard (try? await store.save(subscription)) != nil else { return nil }
            counters.count(\.verifications)
            leaseGranted.wake()
            return challenge
        case "unsubscribe" where subscription.state == .unsubscribing:
            guard let challenge, (try? await store.removeHubSubscription(callbackID: callbackID)) != nil else { return nil }
            counters.count(\.unsubscriptions)
            return challenge
        case "denied":
            subscription.state = .failed
            subscription.lastError = "the hub denied the subscription" + (reason.map { ": \($0)" } ?? "")
            try? await store.save(subscription)
            counters.count(\.denials)
            return ""
        default:
            counters.count(\.unknownCallbacks)
            return nil
        }
    }

    /// What a content distribution turned out to be.
    public enum Distribution: Sendable, Equatable {
        /// No such subscription: answered 404 so that the hub stops.
        case unknown
        /// Unsigned, signed wrongly, or for a subscription not verified: ignored (and counted),
        /// though answered 2xx as §8 allows, so that a forger learns nothing.
        case ignored
        /// Genuine: the source at this URL is to ingest it.
        case accepted(sourceURL: String)
    }

    /// Checks a distribution to `callbackID` (§8): only a body signed with the subscription's
    /// secret is accepted.
    public func receive(callbackID: String, body: [UInt8], signature: String?, now: Date) async -> Distribution {
        guard let subscription = try? await store.hubSubscription(callbackID: callbackID) else {
            counters.count(\.unknownCallbacks)
            return .unknown
        }
        let genuine = subscription.state == .verified || subscription.state == .unsubscribing
        guard genuine, HubSignature.isValid(signature, body: body, secret: subscription.secret, allowSHA1: allowSHA1) else {
            counters.count(\.rejectedDistributions)
            try? await store.countDelivery(callbackID: callbackID, accepted: false, at: now)
            return .ignored
        }
        counters.count(\.deliveries)
        try? await store.countDelivery(callbackID: callbackID, accepted: true, at: now)
        return .accepted(sourceURL: subscription.sourceURL)
    }

    /// Asks every hub of `sourceURL` to stop (the source was removed); returns the problems.
    public func unsubscribe(sourceURL: String, now: Date) async -> [String] {
        let subscriptions = (try? await store.hubSubscriptions(sourceURL: sourceURL)) ?? []
        var problems: [String] = []
        for var subscription in subscriptions {
            guard subscription.state == .verified || subscription.state == .requested else {
                if subscription.state == .failed { try? await store.removeHubSubscription(callbackID: subscription.callbackID) }
                continue
            }
            subscription.state = .unsubscribing
            subscription.requested = now
            if let problem = await request(subscription, mode: "unsubscribe") { problems.append(problem) }
        }
        return problems
    }

    /// The periodic care of every subscription: leases renewed when a fifth of them (at most
    /// a day) is left, lapsed and never-verified ones marked failed, those of removed sources
    /// unsubscribed, and unsubscriptions the hub never confirmed forgotten after a day.
    /// Returns the problems and when it next has something to do.
    public func maintain(now: Date) async -> (problems: [String], next: Date?) {
        guard let all = try? await store.hubSubscriptions(sourceURL: nil) else { return (["WebSub: cannot read the subscriptions"], nil) }
        counters.setStates(all)
        guard !all.isEmpty else { return ([], nil) }
        let subscribed = Set(((try? await store.sources()) ?? []).map(\.url))
        var problems: [String] = []
        var next: Date?
        func wake(_ date: Date) { next = min(next ?? date, date) }
        for var subscription in all {
            if !subscribed.contains(subscription.sourceURL), subscription.state == .verified || subscription.state == .requested {
                problems += await unsubscribe(sourceURL: subscription.sourceURL, now: now)
                continue
            }
            switch subscription.state {
            case .verified:
                guard let expires = subscription.expires, let lease = subscription.leaseSeconds else { continue }
                let renewal = expires.addingTimeInterval(-min(Double(lease) / 5, 86400))
                // A renewal asked for and not yet answered keeps the subscription for as long as
                // a first request would wait: a hub that verifies late is not turned away.
                let renewalAnswerDue = subscription.requested.addingTimeInterval(verificationWindow)
                if expires <= now, subscription.requested >= renewal, now < renewalAnswerDue {
                    wake(renewalAnswerDue)
                } else if expires <= now {
                    subscription.state = .failed
                    subscription.lastError = "the lease ended before the hub renewed it"
                    try? await store.save(subscription)
                } else if now >= renewal, subscription.requested < renewal {
                    subscription.requested = now
                    counters.count(\.renewals)
                    if let problem = await request(subscription, mode: "subscribe") { problems.append(problem) }
                    wake(expires)
                } else {
                    wake(now >= renewal ? expires : renewal)
                }
            case .requested:
                let deadline = subscription.requested.addingTimeInterval(verificationWindow)
                if now >= deadline {
                    subscription.state = .failed
                    subscription.lastError = "the hub never verified the subscription"
                    try? await store.save(subscription)
                } else {
                    wake(deadline)
                }
            case .unsubscribing:
                let deadline = subscription.requested.addingTimeInterval(86400)
                if now >= deadline { try? await store.removeHubSubscription(callbackID: subscription.callbackID) } else { wake(deadline) }
            case .failed:
                continue
            }
        }
        if let refreshed = try? await store.hubSubscriptions(sourceURL: nil) { counters.setStates(refreshed) }
        return (problems, next)
    }
}
