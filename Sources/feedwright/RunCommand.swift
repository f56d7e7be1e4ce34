import ArgumentParser
import AsyncHTTPClient
import FeedwrightCore
import Fetching
import Foundation
import Logging
import Pipeline
import Server
import ServiceLifecycle
import Store
import Syndication

/// `feedwright run`: the polling loop on a workspace, with the feed server beside it.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Poll the subscribed sources, extract new articles, and republish full-text feeds.",
        discussion: """
            Reads Feeds/subscriptions.opml, keeps state in Feeds/.state/feedwright.sqlite, and \
            writes Feeds/public/<slug>.atom and .json. With --once, runs one cycle and exits; \
            otherwise polls continuously and serves the feeds until SIGINT or SIGTERM, which \
            stop it gracefully (sources in flight are polled again next time). Sources may be \
            http(s) URLs, local paths (relative to the workspace) or file: URLs; article links \
            found in web feeds are only followed to public addresses, and only where the site's \
            robots.txt allows.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Run one cycle, then exit.")
    var once = false

    @Option(help: "Seconds between the end of a cycle and the start of the next.")
    var every: Double = 60

    @Option(help: "The URL the public directory is served from, for the feeds' self links.")
    var baseURL: String = "http://localhost:8080/feeds/"

    @OptionGroup var server: ServerOptions

    @Option(help: ArgumentHelp("The bearer token of the API under /api (sources, poll now, feeds); FEEDWRIGHT_API_TOKEN when not given; without one there is no API.", valueName: "token"))
    var apiToken: String?

    /// The token given, else the environment's: read when the command runs, so that the help
    /// never prints a secret as a default.
    private var resolvedAPIToken: String? {
        apiToken ?? ProcessInfo.processInfo.environment["FEEDWRIGHT_API_TOKEN"]
    }

    @Option(help: ArgumentHelp("Seconds a claim on a due source lasts unless renewed; a killed worker's sources are polled by another after it.", valueName: "seconds"))
    var lease: Double = 300

    @OptionGroup var fetching: FetchingOptions

    @OptionGroup var fullText: FullTextOptions

    @OptionGroup var siteRules: SiteRuleOptions

    @Option(name: .customLong("hub"), help: ArgumentHelp("A WebSub hub (repeatable): the feeds name it (rel=\"hub\", JSON Feed hubs) and it is pinged after each publication. The hub fetches the feeds at --base-url, which must then be reachable from it.", valueName: "url"))
    var hubs: [String] = []

    @Option(help: ArgumentHelp("The server's public root, where hubs reach its WebSub callbacks (/websub/<id>); by default the scheme, host and port of --base-url.", valueName: "url"))
    var publicURL: String?

    @Flag(inversion: .prefixedNo, help: "Subscribe to the hubs sources name (WebSub), polling pushed sources only daily. Needs the server (or, with --port 0, a --public-url where another worker's server answers); skipped when the public URL is a loopback or private address, unless --allow-private-addresses.")
    var websub = true

    @Flag(help: "Accept WebSub distributions signed with SHA-1 (old hubs); sha256, sha384 and sha512 always are.")
    var websubSHA1 = false

    func validate() throws {
        guard lease >= 1 else { throw ValidationError("--lease must be at least 1 second") }
        if let bad = hubs.first(where: { !WebURL.isHTTP($0) }) { throw ValidationError("--hub \(bad): not an http(s) URL") }
        if let publicURL, !WebURL.isHTTP(publicURL) { throw ValidationError("--public-url \(publicURL): not an http(s) URL") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "feedwright")
        // With --once the summary below is the output; logs are for the long-running loop.
        logger.logLevel = once ? .warning : .info
        let store = try await workspace.openStore()
        do {
            try await HTTPFetcher.withClient { client in try await loop(store: store, client: client, logger: logger) }
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    /// The loop and its services over `store`, fetching with `client`, until they stop.
    private func loop(store: any FeedStore, client: HTTPClient, logger: Logger) async throws {
        let space = workspace.space
        var cycle = PollCycle(store: store, workspace: space, client: client, settings: fetching.settings, baseURL: baseURL)
        cycle.lease.duration = .milliseconds(Int64(lease * 1000))
        cycle.siteRules = siteRules.library(workspace: space)
        if !hubs.isEmpty {
            cycle.republisher.hubs = hubs
            cycle.hubNotifier = WebSubPing(hubs: hubs, client: client)
        }
        let metrics = LoopMetrics()
        let feeds = PublishedFeeds(directory: space.publicDirectory)
        let serving = !once && server.port != 0
        var subscriber: WebSubSubscriber?
        // A worker without a server (--port 0) subscribes too when told where the callbacks
        // are answered (--public-url: a node running `run` with a port, sharing the store).
        if !once && websub && (serving || publicURL != nil), let root = callbackRoot {
            var made = WebSubSubscriber(store: store, client: client, callbackRoot: root)
            made.allowSHA1 = websubSHA1
            made.hubAddresses = AddressPolicy(allowPrivate: fetching.allowPrivateAddresses)
            subscriber = made
        }
        cycle.hubSubscriber = subscriber
        let progress = once && isatty(STDOUT_FILENO) != 0 ? ProgressLine() : nil
        if let progress {
            cycle.onProgress = { done, total in progress.show(done: done, total: total) }
        }
        var poller = PollingService(cycle: cycle, workspace: space, pause: .seconds(every), once: once, logger: logger) { report, elapsed in
            metrics.record(report, seconds: elapsed.seconds)
            feeds.reload(slugs: report.published)
            progress?.clear()
            if once { RunCommand.printSummary(report, elapsed: elapsed, publicDirectory: space.publicDirectory) }
        }
        poller.onSubscriptionsProblem = { metrics.recordSubscriptions(problem: $0) }
        // When the poller returns (after --once, or after a graceful stop) the rest follows.
        var services = [ServiceGroupConfiguration.ServiceConfiguration(service: poller, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "poller")]
        if let subscriber {
            services.insert(ServiceGroupConfiguration.ServiceConfiguration(service: WebSubService(subscriber: subscriber, logger: logger), serviceName: "websub"), at: 0)
        }
        if serving {
            var control = LoopSourceControl(store: store, cycle: cycle, workspace: space, feeds: feeds)
            var pushedFeeds: DeliveryQueue<PushedFeed>?
            control.hubSubscriber = subscriber
            var options = FeedServer.Options(sources: control, apiToken: resolvedAPIToken, feedsURL: baseURL, fullTextPerMinute: fullText.perMinute)
            if let subscriber {
                let ingest = PushedFeedIngest(cycle: cycle, workspace: space, feeds: feeds, logger: logger)
                let queue = DeliveryQueue<PushedFeed> { await ingest.ingest($0) }
                options.webSub = LoopWebSub(subscriber: subscriber, queue: queue, logger: logger)
                pushedFeeds = queue
            }
            if fullText.fulltext {
                var fullTextFeeds = FullTextFeeds(client: client, store: store, fetching: fetching.settings, settings: fullText.settings)
                fullTextFeeds.siteRules = cycle.siteRules
                options.fullText = FullTextAdapter(feeds: fullTextFeeds)
            }
            let application = FeedServer.application(feeds: feeds, status: LoopStatus(metrics: metrics, webSub: subscriber?.counters), options: options, host: server.host, port: server.port, logger: logger)
            services.insert(ServiceGroupConfiguration.ServiceConfiguration(service: application, serviceName: "server"), at: 0)
            if let pushedFeeds {
                // First in the group, so stopped last: once the server has stopped taking
                // distributions, every one already answered is ingested.
                services.insert(ServiceGroupConfiguration.ServiceConfiguration(service: pushedFeeds, serviceName: "websub-ingest"), at: 0)
            }
        }
        // Services stop in reverse order: the poller finishes its cycle first, then the server,
        // then the WebSub ingest queue.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// Where hubs reach this run's WebSub callbacks, or nil when they could not: a loopback
    /// or private public URL while hubs must be public.
    var callbackRoot: String? {
        guard let root = publicURL ?? WebURL.origin(of: baseURL).map({ $0 + "/" }), let host = URL(string: root)?.host else { return nil }
        let privateRoot = host == "localhost" || IPAddress(hostLiteral: host).map { !$0.isPublic } ?? false
        return privateRoot && !fetching.allowPrivateAddresses ? nil : root
    }

    static func printSummary(_ report: PollCycle.Report, elapsed: Duration, publicDirectory: String) {
        print("polled \(report.polled) source(s) in \(String(format: "%.1f", elapsed.seconds)) s: \(report.notModified) not modified, \(report.newEntries) new, \(report.changedEntries) changed, \(report.extracted) extracted, \(report.failed) failed")
        if report.requestsSkipped > 0 { print("  skipped \(report.requestsSkipped) request(s) to \(report.hostsSkipped) host(s) that refused connections") }
        if report.leasesLost > 0 { print("  \(report.leasesLost) poll(s) not recorded: their lease lapsed and another worker took them") }
        if report.abandoned > 0 { print("  stopped early: \(report.abandoned) source(s) will be polled again next time") }
        for slug in report.published { print("  wrote \(publicDirectory)/\(slug).atom") }
        for error in report.errors { FileHandle.standardError.write(Data("  \(error)\n".utf8)) }
    }
}

/// The loop's metrics as the server reports them at `/metrics` and `/health`.
struct LoopStatus: ServerStatus {
    let metrics: LoopMetrics
    /// The WebSub subscriber's counters, when it runs.
    var webSub: WebSubCounters? = nil

    func exposition() -> String { metrics.exposition() + (webSub?.exposition() ?? "") }
    var healthText: String { metrics.healthText }
}
