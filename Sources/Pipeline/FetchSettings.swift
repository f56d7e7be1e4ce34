import AsyncHTTPClient
import Fetching
import Store

/// How the loop fetches: how many sources at once, how politely per host, and where article
/// links may lead.
public struct FetchSettings: Sendable, Hashable {
    /// Sources polled at the same time. Most of a poll is waiting (on the network, on a host's
    /// politeness delay), so this is well above the core count; memory per poll is one page.
    public var concurrency = 64
    /// Per-host limits for feeds and articles alike.
    public var politeness = HostGate.Policy()
    /// Lets links found in web feeds lead to loopback and private addresses (intranet feeds,
    /// benchmarks on loopback). Off by default: a feed is untrusted input.
    public var allowPrivateAddresses = false
    /// Checks robots.txt before fetching an article page.
    public var honourRobots = true
    /// Consecutive connection failures after which a host's remaining requests are skipped
    /// for the rest of the cycle.
    public var deadHostThreshold = 3

    /// The defaults `feedwright run` uses.
    public init() {}
}

extension PollCycle {
    /// The loop as `feedwright run` builds it: subscribed sources may be anywhere (the user
    /// chose them); article pages must be public (unless allowed) and allowed by robots.txt;
    /// every web request, feed or article, goes through one per-host gate.
    public init(store: any FeedStore, workspace: Workspace, client: HTTPClient, settings: FetchSettings, baseURL: String?) {
        let gate = HostGate(policy: settings.politeness)
        let circuit = HostCircuit(threshold: settings.deadHostThreshold)
        var trusted = HTTPFetcher.Options()
        trusted.addresses = AddressPolicy(allowPrivate: true)
        var untrusted = HTTPFetcher.Options()
        untrusted.addresses = AddressPolicy(allowPrivate: settings.allowPrivateAddresses)
        untrusted.keepAlive = false
        let local = LocalFileFetcher(root: workspace.root)
        let pages = PoliteFetcher(HTTPFetcher(client: client, options: untrusted), gate: gate)
        let feeds = PoliteFetcher(HTTPFetcher(client: client, options: trusted), gate: gate)
        self.init(
            store: store,
            fetcher: RoutingFetcher(local: local, web: CircuitFetcher(feeds, circuit: circuit)),
            articleFetcher: RoutingFetcher(local: local, web: CircuitFetcher(settings.honourRobots ? RobotsFetcher(pages) : pages, circuit: circuit)),
            republisher: workspace.republisher(baseURL: baseURL)
        )
        concurrency = settings.concurrency
        self.circuit = circuit
    }
}
