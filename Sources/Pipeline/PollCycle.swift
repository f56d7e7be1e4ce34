import Extraction
import Fetching
import Foundation
import Markup
import Store
import Syndication

/// One pass of the polling loop: every due source is fetched and parsed, each new or changed
/// entry gets its article fetched and extracted (falling back to the feed's own content), is
/// stored, and every output feed that changed is republished once.
public struct PollCycle: Sendable {
    public var store: any FeedStore
    /// Fetches the sources the user subscribed to (trusted: they may be local or private).
    public var fetcher: any DocumentFetcher
    /// Fetches the article pages feeds link to (untrusted: public addresses only), used for
    /// entries of sources on the public web.
    public var articleFetcher: any DocumentFetcher
    public var republisher: Republisher
    /// Newest entries per republished feed.
    public var entriesPerFeed = 50
    /// Failures in a row after which a source is paused (its error kept).
    public var maximumErrors = 8

    public init(store: any FeedStore, fetcher: any DocumentFetcher, articleFetcher: (any DocumentFetcher)? = nil, republisher: Republisher) {
        self.store = store
        self.fetcher = fetcher
        self.articleFetcher = articleFetcher ?? fetcher
        self.republisher = republisher
    }

    /// What a cycle did, for progress output and metrics.
    public struct Report: Sendable, Hashable {
        public var polled = 0
        public var failed = 0
        /// Sources that answered 304.
        public var notModified = 0
        public var newEntries = 0
        public var changedEntries = 0
        public var extracted = 0
        public var extractionFailures = 0
        public var published: [String] = []
        public var errors: [String] = []
    }

    public func run(groups: [Subscriptions.Group], now: Date = Date()) async throws(StoreError) -> Report {
        var report = Report()
        var touched: Set<String> = []
        for source in try store.dueSources(at: now, maximumErrors: maximumErrors) {
            var source = source
            report.polled += 1
            do {
                let changes = try await poll(&source, now: now, report: &report)
                if changes > 0 { touched.insert(source.group) }
                source.errorCount = 0
                source.lastError = nil
                source.nextPoll = now.addingTimeInterval(Schedule.bounded(source.interval))
            } catch {
                report.failed += 1
                report.errors.append("\(source.url): \(error)")
                source.errorCount += 1
                source.lastError = "\(error)"
                source.nextPoll = now.addingTimeInterval(Schedule.backoff(interval: source.interval, failures: source.errorCount))
                switch error as? FetchError {
                case .gone?:
                    // 410: retired, with the reason kept.
                    source.errorCount = max(source.errorCount, maximumErrors)
                case let .retryAfter(_, seconds)?:
                    source.nextPoll = now.addingTimeInterval(max(seconds, Schedule.bounded(source.interval)))
                default:
                    break
                }
            }
            try store.update(source)
        }
        for group in groups where touched.contains(group.slug) || !republisher.hasPublished(group.slug) {
            let entries = try store.entries(group: group.slug, limit: entriesPerFeed).map { stored in
                var entry = stored.entry
                entry.updated = stored.updated
                return entry
            }
            do {
                try republisher.publish(group, entries: entries, now: now)
                report.published.append(group.slug)
            } catch {
                report.errors.append("publishing \(group.slug): \(error)")
            }
        }
        return report
    }

    /// Polls one source; returns how many entries were new or changed.
    private func poll(_ source: inout Source, now: Date, report: inout Report) async throws -> Int {
        let document = try await fetcher.fetch(source.url, etag: source.etag, lastModified: source.lastModified)
        source.etag = document.etag
        source.lastModified = document.lastModified
        if let moved = document.permanentURL { source.url = moved }
        if let maxAge = document.retryAfter { source.interval = max(source.interval, maxAge) }
        if document.notModified {
            report.notModified += 1
            return 0
        }
        let pages = PollCycle.isWebURL(source.url) ? articleFetcher : fetcher
        let parsed = try FeedParser.parse(document.bytes, url: document.url, charset: document.charset)
        if source.title == nil { source.title = parsed.feed.title?.value }
        if let hint = parsed.feed.updateHint { source.interval = max(source.interval, hint.interval) }
        guard let sourceID = source.id else { return 0 }
        var changes = 0
        for feedEntry in parsed.feed.entries {
            let identity = EntryIdentity.identity(of: feedEntry)
            let hash = EntryIdentity.contentHash(of: feedEntry)
            let existing = try store.entry(sourceID: sourceID, identity: identity)
            if existing?.contentHash == hash { continue }
            var entry = feedEntry
            // A feed on the web may only send Feedwright to web pages, never to local files.
            if let link = feedEntry.alternateLink, !PollCycle.isWebURL(source.url) || PollCycle.isWebURL(link) {
                do {
                    let page = try await pages.fetch(link, etag: nil, lastModified: nil)
                    let article = try ArticleExtractor.extract(page.bytes, url: page.url, charset: page.charset)
                    entry = EntryIdentity.enrich(feedEntry, with: article, link: link)
                    report.extracted += 1
                } catch {
                    report.extractionFailures += 1
                }
            }
            if entry.id == nil { entry.id = identity }
            let updated = existing == nil ? (feedEntry.updated ?? feedEntry.published ?? now) : now
            try store.save(StoredEntry(sourceID: sourceID, identity: identity, contentHash: hash, entry: entry, firstSeen: existing?.firstSeen ?? now, updated: updated))
            if existing == nil { report.newEntries += 1 } else { report.changedEntries += 1 }
            changes += 1
        }
        return changes
    }
}

extension PollCycle {
    static func isWebURL(_ reference: String) -> Bool {
        let lower = reference.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }
}

/// How entries are recognised from one poll to the next.
enum EntryIdentity {
    /// guid/id, else the link, else a hash of the content.
    static func identity(of entry: Entry) -> String {
        if let id = entry.id, !id.isEmpty { return id }
        if let link = entry.alternateLink { return link }
        return StableIdentifier.uuid(from: ["entry", entry.title?.value ?? "", entry.content?.value ?? entry.summary?.value ?? ""])
    }

    /// A hash of what a reader sees of the source entry.
    static func contentHash(of entry: Entry) -> String {
        StableIdentifier.uuid(from: [entry.title?.value ?? "", entry.alternateLink ?? "", entry.summary?.value ?? "", entry.content?.value ?? ""])
    }

    /// The feed entry with the extracted article's body, when that body says more than the
    /// feed's own content; the feed's id, title and dates stay authoritative.
    static func enrich(_ entry: Entry, with article: Article, link: String) -> Entry {
        var result = entry
        let feedText = (entry.content ?? entry.summary).flatMap { $0.kind == .text ? $0.value : HTMLText.plainText($0.value) } ?? ""
        // The article replaces the feed's body unless extraction found clearly less.
        if article.text.count >= feedText.count && !article.html.isEmpty {
            result.content = Text(article.html, kind: .html)
        }
        if result.authors.isEmpty { result.authors = article.authors.map { Person(name: $0) } }
        result.published = result.published ?? article.published
        result.title = result.title ?? article.title.map { Text($0) }
        result.language = result.language ?? article.language
        if let image = article.image, result.images.isEmpty { result.images = [Image(url: image)] }
        return result
    }
}

/// Polling intervals: publisher hints within 15 minutes and 24 hours, exponential backoff on
/// failure (capped at a day).
public enum Schedule {
    public static let minimum: TimeInterval = 15 * 60
    public static let maximum: TimeInterval = 24 * 3600

    public static func bounded(_ requested: TimeInterval) -> TimeInterval {
        min(max(requested, minimum), maximum)
    }

    public static func backoff(interval: TimeInterval, failures: Int) -> TimeInterval {
        min(bounded(interval) * pow(2, Double(min(failures, 10))), maximum)
    }
}
