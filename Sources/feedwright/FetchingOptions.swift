import ArgumentParser
import AsyncHTTPClient
import Fetching
import Pipeline
import Store

/// How the loop fetches: concurrency, politeness per host, and which addresses articles may
/// come from.
struct FetchingOptions: ParsableArguments {
    @Option(help: "Sources polled at the same time.")
    var concurrency: Int = 16

    @Option(help: "Requests in flight to one host at most.")
    var perHost: Int = 2

    @Option(help: "Milliseconds between the starts of two requests to one host.")
    var hostDelay: Int = 250

    @Flag(help: "Let links in web feeds lead to loopback and private addresses (for intranet feeds).")
    var allowPrivateAddresses = false

    /// A cycle whose subscribed sources may be anywhere (the user chose them), whose article
    /// pages must be public (unless allowed) and allowed by robots.txt, and where every web
    /// request goes through one per-host gate.
    func cycle(store: any FeedStore, client: HTTPClient, workspace: Workspace, baseURL: String) -> PollCycle {
        let gate = HostGate(policy: HostGate.Policy(maximumConcurrent: perHost, minimumDelay: .milliseconds(hostDelay)))
        var trusted = HTTPFetcher.Options()
        trusted.addresses = AddressPolicy(allowPrivate: true)
        var untrusted = HTTPFetcher.Options()
        untrusted.addresses = AddressPolicy(allowPrivate: allowPrivateAddresses)
        let local = LocalFileFetcher(root: workspace.root)
        let articles = RobotsFetcher(PoliteFetcher(HTTPFetcher(client: client, options: untrusted), gate: gate))
        var cycle = PollCycle(
            store: store,
            fetcher: RoutingFetcher(local: local, web: PoliteFetcher(HTTPFetcher(client: client, options: trusted), gate: gate)),
            articleFetcher: RoutingFetcher(local: local, web: articles),
            republisher: Republisher(directory: workspace.publicDirectory, baseURL: baseURL)
        )
        cycle.concurrency = concurrency
        return cycle
    }
}
