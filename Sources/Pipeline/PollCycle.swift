import Extraction
import FeedwrightCore
import Fetching
import Foundation
import Store
import Syndication

/// One pass of the polling loop: every due source is fetched and parsed, each new or changed
/// entry gets its article fetched and extracted (falling back to the feed's own content), is
/// stored, and every output feed that changed is republished once.
///
/// Sources are polled concurrently (at most ``concurrency`` at a time; per-host limits belong
/// to the fetcher). Each source's outcome is stored in one transaction. Cancelling the task
/// that runs a cycle is a graceful stop: no new source starts, sources in flight are abandoned
/// without being recorded (they stay due and are polled again next time), and the feeds
/// touched so far are still republished.
public struct PollCycle: Sendable {
    /// Where sources and entries are kept.
    public var store: any FeedStore
    /// Fetches the sources the user subscribed to (trusted: they may be local or private).
    public var fetcher: any DocumentFetcher
    /// Fetches the article pages feeds link to (untrusted: public addresses only), used for
    /// entries of sources on the public web.
    public var articleFetcher: any DocumentFetcher
    /// Writes the output feeds that changed.
    public var republisher: Republisher
    /// Site rules for the articles fetched (their headers, pages and extraction); nil for none.
    public var siteRules: SiteRuleLibrary?
    /// Told of every publication, so that the hubs the feeds name push them to subscribers.
    public var hubNotifier: (any HubNotifier)?
    /// Subscribes to the hubs sources name (WebSub); a source pushed by its hub is polled only
    /// as a backstop, every ``Schedule/maximum``. Nil: sources are polled only.
    public var hubSubscriber: WebSubSubscriber?
    /// Entries per archive page, and the fewest the current document keeps once a feed has
    /// that many (it holds up to twice as many less one before a page is archived).
    public var entriesPerFeed = 50
    /// Failures in a row after which a source is paused (its error kept).
    public var maximumErrors = 8
    /// Sources polled at the same time.
    public var concurrency = 64
    /// Told after each source is recorded: (sources done, sources due).
    public var onProgress: (@Sendable (Int, Int) -> Void)?
    /// How this worker claims sources: its name and how long a claim lasts unless extended.
    public var lease = LeaseClaim(owner: LeaseClaim.processOwner, duration: .seconds(300))
    /// Sources claimed at a time: a few times ``concurrency``, so that work spreads over
    /// the workers instead of the first one claiming everything.
    public var claimBatch: Int { max(concurrency, 1) * 4 }
    /// The circuit the fetchers share, if any: reset at the start of each cycle (a dead host
    /// is skipped for the rest of the cycle it failed in, not for ever) and read into the report.
    public var circuit: HostCircuit?

    /// A cycle over `store`; `articleFetcher` defaults to `fetcher` (tests, local use).
    public init(store: any FeedStore, fetcher: any DocumentFetcher, articleFetcher: (any DocumentFetcher)? = nil, republisher: Republisher) {
        self.store = store
        self.fetcher = fetcher
        self.articleFetcher = articleFetcher ?? fetcher
        self.republisher = republisher
    }

    /// What a cycle did, for progress output and metrics.
    public struct Report: Sendable, Hashable {
        /// Sources fetched (recorded, whatever the outcome).
        public var polled = 0
        /// Sources whose fetch or parse failed.
        public var failed = 0
        /// Sources that answered 304.
        public var notModified = 0
        /// Sources left unrecorded because the cycle was stopped while they were in flight;
        /// their leases (and those of claimed sources not started) are given back.
        public var abandoned = 0
        /// Polls not recorded because their lease lapsed and another worker took the source.
        public var leasesLost = 0
        /// Entries seen for the first time.
        public var newEntries = 0
        /// Entries whose content changed since they were stored.
        public var changedEntries = 0
        /// Articles fetched and extracted for new or changed entries.
        public var extracted = 0
        /// Articles that could not be fetched or extracted (the feed's content was kept).
        public var extractionFailures = 0
        /// Hosts whose requests were skipped after repeated connection failures.
        public var hostsSkipped = 0
        /// Requests not sent because their host was skipped.
        public var requestsSkipped = 0
        /// Slugs of the output feeds rewritten.
        public var published: [String] = []
        /// One line per problem, naming the source or feed.
        public var errors: [String] = []

        /// An empty report.
        public init() {}

        /// Adds `other`'s counts to these (several workers' cycles, one total).
        public mutating func add(_ other: Report) {
            polled += other.polled
            failed += other.failed
            notModified += other.notModified
            abandoned += other.abandoned
            leasesLost += other.leasesLost
            newEntries += other.newEntries
            changedEntries += other.changedEntries
            extracted += other.extracted
            extractionFailures += other.extractionFailures
            hostsSkipped += other.hostsSkipped
            requestsSkipped += other.requestsSkipped
            published += other.published
            errors += other.errors
        }
    }

    /// One source's poll, ready to be recorded.
    struct Outcome: Sendable {
        var source: Source
        var entries: [StoredEntry] = []
        /// For a complete feed (`fh:complete`), every identity it holds: the others leave.
        var retaining: Set<String>?
        /// The hub and topic the fetched document names, if any.
        var hub: HubAdvert?
        /// The fetched document was read and names no hub, so there is no subscription to
        /// look up: most sources never name one, and their polls then cost the store nothing.
        /// (A feed that stops naming its hub is polled as often as any; its lease runs out.)
        var namesNoHub = false
        var report = Report()
        var abandoned = false
    }

    /// Polls the sources due at `now` and republishes the `groups` that changed (or were
    /// never published). Throws only when the store fails; fetch and parse problems are
    /// per-source and end up in the report and the source's error state.
    ///
    /// Sources are claimed from the store in batches of ``claimBatch`` under ``lease``, so
    /// that any number of workers sharing the store split the due sources between them; the
    /// leases held are extended while polls run and given back when the cycle is stopped.
    public func run(groups: [Subscriptions.Group], now: Date = Date()) async throws(StoreError) -> Report {
        var report = Report()
        circuit?.reset()
        var touched: Set<String> = []
        var storeError: StoreError?
        let held = HeldLeases()
        var queue = ClaimQueue()
        var done = 0
        let store = self.store, lease = self.lease
        let listings = PollCycle.listings(in: groups)
        let renewal = Task {
            // A third of the lease: two renewals may fail (a slow database) before it lapses.
            let period = lease.duration / 3
            while !Task.isCancelled {
                try? await Task.sleep(for: period)
                if Task.isCancelled { break }
                if let lost = try? await store.extendLeases(held.all, by: lease.duration) { held.forget(lost) }
            }
        }
        defer { renewal.cancel() }
        do throws(StoreError) {
            try await queue.refill(from: self, now: now, held: held)
        } catch {
            storeError = error
        }
        await withTaskGroup(of: Outcome.self) { group in
            var running = 0
            while storeError == nil, running < max(concurrency, 1), let source = queue.next() {
                group.addTask { await poll(source, now: now, listing: listings[source.url]) }
                running += 1
            }
            while let outcome = await group.next() {
                running -= 1
                report.add(outcome.report)
                done += 1
                onProgress?(done, queue.claimed)
                if !outcome.abandoned {
                    do throws(StoreError) {
                        let source = outcome.source, entries = outcome.entries, retaining = outcome.retaining
                        if try await CancellationShield.run({ () async throws(StoreError) in try await store.record(source, entries: entries, retaining: retaining) }) {
                            if !entries.isEmpty || retaining != nil { touched.insert(source.group) }
                        } else {
                            report.leasesLost += 1
                            report.errors.append("\(source.url): another worker took the source over (the lease lapsed); its poll was not recorded")
                        }
                        if let lease = source.lease { held.forget([lease.token]) }
                    } catch {
                        storeError = storeError ?? error
                    }
                }
                guard storeError == nil, !Task.isCancelled else { continue }
                if queue.isLow(concurrency: concurrency) {
                    do throws(StoreError) {
                        try await queue.refill(from: self, now: now, held: held)
                    } catch {
                        storeError = error
                    }
                }
                while storeError == nil, running < max(concurrency, 1), let source = queue.next() {
                    group.addTask { await poll(source, now: now, listing: listings[source.url]) }
                    running += 1
                }
            }
        }
        renewal.cancel()
        // What is still held was abandoned or never started: due again at once, for anyone.
        let unfinished = held.all
        if !unfinished.isEmpty {
            try? await CancellationShield.run { () async throws(StoreError) in try await store.releaseLeases(unfinished) }
        }
        if let storeError { throw storeError }
        if let tally = circuit?.tally {
            report.hostsSkipped = tally.hostsSkipped
            report.requestsSkipped = tally.requestsSkipped
        }
        let cycle = self, finalTouched = touched
        report.add(try await CancellationShield.run { () async throws(StoreError) in try await cycle.republish(groups, touched: finalTouched, now: now) })
        return report
    }

    /// Polls one source now, whether due or not (the API's "poll now"), records it and
    /// republishes its group when it changed. A paused source is polled too: that is how a
    /// user checks that a fixed feed works again.
    /// - Parameter document: the source's content when it was pushed (a WebSub distribution):
    ///   read instead of fetched, its validators left as they were.
    public func pollNow(_ source: Source, groups: [Subscriptions.Group], now: Date = Date(), document: FetchedDocument? = nil) async throws(StoreError) -> Report {
        circuit?.reset()
        var unclaimed = source
        unclaimed.lease = nil
        let outcome = await poll(unclaimed, now: now, listing: PollCycle.listings(in: groups)[source.url], pushed: document)
        var report = outcome.report
        guard !outcome.abandoned else { return report }
        try await store.record(outcome.source, entries: outcome.entries, retaining: outcome.retaining)
        let touched: Set<String> = outcome.entries.isEmpty && outcome.retaining == nil ? [] : [outcome.source.group]
        report.add(try await republish(groups.filter { $0.slug == source.group }, touched: touched, now: now))
        return report
    }

    /// Republishes the `groups` that changed (`touched`) or were never published, each under
    /// the store's lock for its slug: when another worker already published every change of
    /// a group, this one leaves it.
    private func republish(_ groups: [Subscriptions.Group], touched: Set<String>, now: Date) async throws(StoreError) -> Report {
        var report = Report()
        let republisher = self.republisher
        for group in groups {
            let missing = !republisher.hasPublished(group.slug)
            guard touched.contains(group.slug) || missing else { continue }
            do {
                let version = try await store.publish(slug: group.slug, entriesPerFeed: entriesPerFeed, force: missing) { publication in
                    do {
                        return try republisher.publish(group, publication: publication, now: now)
                    } catch {
                        throw StoreError.publication(slug: group.slug, cause: error)
                    }
                }
                if version != nil { report.published.append(group.slug) }
            } catch {
                // A feed that cannot be written is that feed's problem, not the cycle's.
                guard case .publication = error else { throw error }
                report.errors.append("\(error)")
            }
        }
        if let hubNotifier, !report.published.isEmpty {
            let topics = report.published.flatMap { slug in ["atom", "json"].compactMap { republisher.selfURL(slug, $0) } }
            report.errors += await hubNotifier.announce(topics)
        }
        return report
    }

    /// The sources that are listing pages, by URL, across `groups`.
    static func listings(in groups: [Subscriptions.Group]) -> [String: PageListing] {
        groups.reduce(into: [:]) { all, group in all.merge(group.listings) { first, _ in first } }
    }

    /// Polls one source; never throws: failures become the source's error state.
    /// - Parameters:
    ///   - listing: how to read the source when it is a web page, not a feed.
    ///   - pushed: the source's content as its hub pushed it, read instead of a fetch.
    func poll(_ source: Source, now: Date, listing: PageListing? = nil, pushed: FetchedDocument? = nil) async -> Outcome {
        var outcome = Outcome(source: source)
        outcome.report.polled = 1
        outcome.source.lastPolled = now
        do {
            try await fetchEntries(into: &outcome, now: now, listing: listing, pushed: pushed)
            outcome.source.errorCount = 0
            outcome.source.lastError = nil
            var wait = outcome.source.interval
            if let hubSubscriber, !outcome.namesNoHub {
                let standing = await hubSubscriber.keep(outcome.source, advert: outcome.hub, now: now)
                // Pushed: the hub tells of every change, polling only guards against a silent hub.
                if standing.pushed { wait = Schedule.maximum }
                if let problem = standing.problem { outcome.report.errors.append(problem) }
            }
            outcome.source.nextPoll = now.addingTimeInterval(Schedule.jittered(wait, key: source.url))
        } catch {
            if Task.isCancelled {
                return Outcome(source: source, report: Report(abandoned: 1), abandoned: true)
            }
            outcome.entries = []
            // Validators of a document that could not be read are not kept: a 304 for it
            // later would hide that it is still broken.
            outcome.source.etag = source.etag
            outcome.source.lastModified = source.lastModified
            outcome.report.failed = 1
            outcome.report.errors.append("\(source.url): \(error)")
            outcome.source.errorCount += 1
            outcome.source.lastError = "\(error)"
            outcome.source.nextPoll = now.addingTimeInterval(Schedule.backoff(interval: source.interval, failures: outcome.source.errorCount))
            switch error as? FetchError {
            case .gone?:
                // 410: retired, with the reason kept.
                outcome.source.errorCount = max(outcome.source.errorCount, maximumErrors)
            case let .retryAfter(_, seconds)?:
                outcome.source.nextPoll = now.addingTimeInterval(max(seconds, Schedule.bounded(source.interval)))
            default:
                break
            }
        }
        return outcome
    }

    private func fetchEntries(into outcome: inout Outcome, now: Date, listing: PageListing?, pushed: FetchedDocument?) async throws {
        let document = if let pushed { pushed } else {
            try await fetcher.fetch(outcome.source.url, etag: outcome.source.etag, lastModified: outcome.source.lastModified)
        }
        outcome.source.etag = document.etag
        outcome.source.lastModified = document.lastModified
        if let moved = document.permanentURL { outcome.source.url = moved }
        if document.notModified {
            if let maxAge = document.retryAfter { outcome.source.interval = Schedule.bounded(max(outcome.source.interval, maxAge)) }
            outcome.report.notModified = 1
            return
        }
        let feed = try listing.map { listing throws(SyndicationError) in try PageListingReader.read(document.bytes, url: document.url, charset: document.charset, listing: listing) }
            ?? FeedParser.parse(document.bytes, url: document.url, charset: document.charset).feed
        if outcome.source.title == nil { outcome.source.title = feed.title?.value }
        if pushed == nil {
            outcome.hub = listing == nil ? HubAdvert.find(linkHeaders: document.links, documentURL: document.url, feed: feed) : nil
            outcome.namesNoHub = outcome.hub == nil
        }
        let hints = [feed.updateHint?.interval, document.retryAfter].compactMap { $0 }
        outcome.source.interval = Schedule.interval(
            entryDates: feed.entries.compactMap { $0.published ?? $0.updated }, publisherMinimum: hints.max(), now: now)
        guard let sourceID = outcome.source.id else { return }
        let articles = ArticleFetch(fetcher: WebURL.isHTTP(outcome.source.url) ? articleFetcher : fetcher, rules: siteRules)
        // A feed that repeats an item lists it once.
        var seen: Set<String> = []
        let items = FeedHistoryReader.items(of: feed, seen: &seen)
        if feed.history == .complete { outcome.retaining = seen }
        var stored = try await store.entryStates(sourceID: sourceID, identities: items.map(\.1))
        if stored.isEmpty, !items.isEmpty, feed.history != .complete {
            // Nothing of the current document is known (a new subscription, or a gap longer
            // than the document): what it archived is read too, as the archives give it.
            let history = FeedHistoryReader(fetcher: fetcher, store: store, sourceID: sourceID, sourceURL: outcome.source.url)
            let archived = await history.olderEntries(before: feed, seen: &seen, report: &outcome.report)
            stored.merge(try await store.entryStates(sourceID: sourceID, identities: archived.map(\.1))) { $1 }
            for (archivedEntry, identity) in archived where stored[identity] == nil {
                var entry = archivedEntry
                if entry.id == nil { entry.id = identity }
                outcome.entries.append(StoredEntry(
                    sourceID: sourceID, identity: identity, contentHash: EntryIdentity.contentHash(of: archivedEntry), entry: entry,
                    firstSeen: now, updated: entry.updated ?? entry.published ?? now))
                outcome.report.newEntries += 1
            }
        }
        for (feedEntry, identity) in items {
            try Task.checkCancellation()
            let hash = EntryIdentity.contentHash(of: feedEntry)
            let existing = stored[identity]
            if existing?.contentHash == hash { continue }
            var entry = feedEntry
            // A feed on the web may only send Feedwright to web pages, never to local files.
            if let link = feedEntry.alternateLink, !WebURL.isHTTP(outcome.source.url) || WebURL.isHTTP(link) {
                do {
                    let article = try await articles.article(at: link)
                    entry = EntryIdentity.enrich(feedEntry, with: article, link: link)
                    outcome.report.extracted += 1
                } catch {
                    try Task.checkCancellation()
                    outcome.report.extractionFailures += 1
                }
            }
            if entry.id == nil { entry.id = identity }
            let updated = existing == nil ? (feedEntry.updated ?? feedEntry.published ?? now) : now
            outcome.entries.append(StoredEntry(
                sourceID: sourceID, identity: identity, contentHash: hash, entry: entry,
                firstSeen: existing?.firstSeen ?? now, updated: updated))
            if existing == nil { outcome.report.newEntries += 1 } else { outcome.report.changedEntries += 1 }
        }
    }
}

extension PollCycle.Report {
    init(abandoned: Int) {
        self.init()
        self.abandoned = abandoned
    }
}

extension PollCycle {
    /// The sources in turn by host (one from each host, then the next from each…), keeping
    /// their order within a host. Polled in list order, a thousand sources on one host would
    /// otherwise fill every concurrent slot with requests waiting on that host's politeness
    /// delay while other hosts sat idle.
    public static func interleavedByHost(_ sources: [Source]) -> [Source] {
        var queues: [String: [Source]] = [:]
        var hosts: [String] = []
        for source in sources {
            let host = URL(string: source.url)?.host?.lowercased() ?? ""
            if queues[host] == nil { hosts.append(host) }
            queues[host, default: []].append(source)
        }
        guard hosts.count > 1 else { return sources }
        var result: [Source] = []
        result.reserveCapacity(sources.count)
        var round = 0
        while result.count < sources.count {
            for host in hosts {
                if let queue = queues[host], round < queue.count { result.append(queue[round]) }
            }
            round += 1
        }
        return result
    }
}
