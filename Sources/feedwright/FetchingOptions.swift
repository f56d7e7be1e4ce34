import ArgumentParser
import FeedwrightCore
import Fetching
import Pipeline

/// How the loop fetches: concurrency, politeness per host, and where article links may lead.
struct FetchingOptions: ParsableArguments {
    @Option(help: "Sources polled at the same time.")
    var concurrency: Int = FetchSettings().concurrency

    @Option(help: "Requests in flight to one host at most.")
    var perHost: Int = HostGate.Policy().maximumConcurrent

    @Option(help: "Milliseconds between the starts of two requests to one host.")
    var hostDelay: Int = Int(HostGate.Policy().minimumDelay.milliseconds)

    @Flag(help: "Let links in web feeds lead to loopback and private addresses (for intranet feeds).")
    var allowPrivateAddresses = false

    var settings: FetchSettings {
        var settings = FetchSettings()
        settings.concurrency = max(concurrency, 1)
        settings.politeness = HostGate.Policy(maximumConcurrent: perHost, minimumDelay: .milliseconds(hostDelay))
        settings.allowPrivateAddresses = allowPrivateAddresses
        return settings
    }
}
