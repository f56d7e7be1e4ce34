import AsyncHTTPClient
import Extraction
import FeedwrightCore
import Fetching
import Foundation
import Store
import Syndication

/// Full text on demand, what FiveFilters Full-Text RSS and morss are used for: any feed on the
/// web, fetched now, with each entry's article fetched and extracted, as Atom or JSON Feed.
///
/// Everything it is asked for is untrusted: the feed's address comes from whoever calls the
/// server, so the feed and its articles go through the same policy as article links in the
/// loop (public addresses only unless allowed, robots.txt for article pages, one polite gate
/// per host). Articles are cached in the store by URL, so asking again costs no article fetch
/// for as long as ``Settings/articleMaxAge``.
public struct FullTextFeeds: Sendable {
    /// What a caller may ask for, and how long an extracted article is reused.
    public struct Settings: Sendable {
        /// Entries per answer when the caller does not say.
        public var defaultEntries = 10
        /// The most entries one request may ask for (each may cost an article fetch).
        public var maximumEntries = 50
        /// When not empty, only feeds on these hosts (or their subdomains) are fetched.
        public var allowedHosts: [String] = []
        /// How long an extracted article is served from the cache.
        public var articleMaxAge: TimeInterval = 24 * 3600
        /// Articles fetched at the same time for one request.
        public var concurrency = 4

        /// The defaults of `serve --fulltext`.
        public init() {}
    }

    /// What the answer is written as.
    public enum Format: String, Sendable {
        case atom
        case json
    }

    let feedFetcher: any DocumentFetcher
    let articleFetcher: any DocumentFetcher
    let store: any FeedStore
    public var settings: Settings
    /// Site rules for the articles (headers, pages, extraction); nil for none.
    public var siteRules: SiteRuleLibrary?
    /// Whether the fetchers may reach private addresses: an article cached under that
    /// permission is not served once it is withdrawn (the cache must not leak an intranet page).
    let allowsPrivate: Bool

    /// Full text over `client` with the loop's fetch settings (private addresses, politeness,
    /// robots.txt), caching articles in `store`.
    public init(client: HTTPClient, store: any FeedStore, fetching: FetchSettings, settings: Settings = Settings()) {
        var options = HTTPFetcher.Options()
        options.addresses = AddressPolicy(allowPrivate: fetching.allowPrivateAddresses)
        let gate = HostGate(policy: fetching.politeness)
        let web = PoliteFetcher(HTTPFetcher(client: client, options: options), gate: gate)
        self.init(
            feedFetcher: web, articleFetcher: fetching.honourRobots ? RobotsFetcher(web) : web, store: store, settings: settings,
            allowsPrivate: fetching.allowPrivateAddresses)
    }

    /// Full text with the given fetchers (tests); `allowsPrivate` says whether they reach
    /// private addresses.
    public init(feedFetcher: any DocumentFetcher, articleFetcher: any DocumentFetcher, store: any FeedStore, settings: Settings = Settings(), allowsPrivate: Bool = false) {
        self.feedFetcher = feedFetcher
        self.articleFetcher = articleFetcher
        self.store = store
        self.settings = settings
        self.allowsPrivate = allowsPrivate
    }

    /// The full-text document of the feed at `url`: its newest `entries` entries, each with its
    /// article where one could be fetched and extracted (else the feed's own content).
    public func feed(url: String, entries requested: Int?, format: Format, selfURL: String?, now: Date = Date()) async throws(FullTextError) -> [UInt8] {
        try check(url)
        let document: FetchedDocument
        do {
            document = try await feedFetcher.fetch(url, etag: nil, lastModified: nil)
        } catch {
            throw FullTextError(fetching: url, error)
        }
        let parsed: ParsedFeed
        do {
            parsed = try FeedParser.parse(document.bytes, url: document.url, charset: document.charset)
        } catch {
            throw .unreadableFeed(url: url, reason: "\(error)")
        }
        let limit = min(max(1, requested ?? settings.defaultEntries), settings.maximumEntries)
        var feed = parsed.feed
        let newest = Array(feed.entries.sorted { ($0.updated ?? $0.published ?? .distantPast) > ($1.updated ?? $1.published ?? .distantPast) }.prefix(limit))
        feed.entries = await fullEntries(newest, now: now)
        feed.id = StableIdentifier.uuid(from: ["feedwright-fulltext", url])
        feed.links.removeAll { $0.relation == "self" || $0.relation == "hub" }
        let options = AtomWriter.Options(selfURL: selfURL, fallbackDate: now)
        do {
            switch format {
            case .atom: return try AtomWriter(options: options).write(feed)
            case .json: return try JSONFeedWriter(options: options).write(feed)
            }
        } catch {
            throw .unreadableFeed(url: url, reason: "cannot be written: \(error)")
        }
    }

    /// The article at `url`, from the cache when it is fresh.
    public func article(url: String, now: Date = Date()) async throws(FullTextError) -> Article {
        guard WebURL.isHTTP(url) else { throw .notWeb(url) }
        return try await cachedOrFetched(url, now: now)
    }

    /// The entries with their articles, in order, a few fetched at a time.
    private func fullEntries(_ entries: [Entry], now: Date) async -> [Entry] {
        await withTaskGroup(of: (Int, Entry).self) { group in
            var next = 0
            func start() {
                let index = next
                let entry = entries[index]
                group.addTask {
                    guard let link = entry.alternateLink, WebURL.isHTTP(link),
                          let article = try? await cachedOrFetched(link, now: now) else { return (index, entry) }
                    return (index, EntryIdentity.enrich(entry, with: article, link: link))
                }
                next += 1
            }
            while next < min(settings.concurrency, entries.count) { start() }
            var result = entries
            for await (index, entry) in group {
                result[index] = entry
                if next < entries.count { start() }
            }
            return result
        }
    }

    private func cachedOrFetched(_ url: String, now: Date) async throws(FullTextError) -> Article {
        if let cached = try? await store.cachedArticle(url: url), now.timeIntervalSince(cached.fetched) < settings.articleMaxAge,
           let (article, fetchedPrivately) = try? CachedArticle.decode(cached.document), allowsPrivate || !fetchedPrivately {
            return article
        }
        let article: Article
        do {
            article = try await ArticleFetch(fetcher: articleFetcher, rules: siteRules).article(at: url)
        } catch let error as FetchError {
            throw FullTextError(fetching: url, error)
        } catch {
            throw .noArticle(url: url, reason: "\(error)")
        }
        if let document = try? CachedArticle.encode(article, fetchedWithPrivate: allowsPrivate) {
            try? await store.cacheArticle(url: url, document: document, fetched: now)
        }
        return article
    }

    /// Refuses what is not a web feed or not on an allowed host, before any request.
    private func check(_ url: String) throws(FullTextError) {
        guard WebURL.isHTTP(url), let host = URL(string: url)?.host?.lowercased() else { throw .notWeb(url) }
        guard !settings.allowedHosts.isEmpty else { return }
        let allowed = settings.allowedHosts.map { $0.lowercased() }.contains { host == $0 || host.hasSuffix("." + $0) }
        if !allowed { throw .hostNotAllowed(url: url, host: host) }
    }
}

/// Why a full-text request could not be answered, with what the caller can act on.
public enum FullTextError: Error, Sendable, CustomStringConvertible {
    /// Not an http(s) URL.
    case notWeb(String)
    /// The host is not in `--fulltext-allow`.
    case hostNotAllowed(url: String, host: String)
    /// The address is not public and private addresses are not allowed.
    case forbiddenAddress(url: String, address: String)
    /// The site's robots.txt forbids it.
    case disallowed(url: String)
    /// The fetch failed (status, timeout, connection), with the fetcher's error.
    case fetch(FetchError)
    case unreadableFeed(url: String, reason: String)
    case noArticle(url: String, reason: String)

    init(fetching url: String, _ error: any Error) {
        switch error as? FetchError {
        case let .forbiddenAddress(_, address)?: self = .forbiddenAddress(url: url, address: address)
        case .disallowedByRobots?: self = .disallowed(url: url)
        case let fetch?: self = .fetch(fetch)
        case nil: self = .unreadableFeed(url: url, reason: "\(error)")
        }
    }

    public var description: String {
        switch self {
        case let .notWeb(url): return "\(url) is not an http(s) URL"
        case let .hostNotAllowed(url, host): return "\(url): \(host) is not among the hosts this server fetches full text for"
        case let .forbiddenAddress(url, address): return "\(url): refused to connect to non-public address \(address)"
        case let .disallowed(url): return "\(url): disallowed by the site's robots.txt"
        case let .fetch(error): return "\(error)"
        case let .unreadableFeed(url, reason): return "\(url): not a readable feed: \(reason)"
        case let .noArticle(url, reason): return "\(url): \(reason)"
        }
    }
}

/// An extracted article as the store caches it: a versioned JSON document with keys of its
/// own, so that renaming a property of `Article` never makes a cached row unreadable.
enum CachedArticle {
    private struct Record: Codable {
        var version: Int
        /// Fetched while private addresses were allowed.
        var fetchedWithPrivate: Bool
        var url: String?
        var title: String?
        var authors: [String]
        var published: Date?
        var modified: Date?
        var language: String?
        var image: String?
        var siteName: String?
        var description: String?
        var text: String
        var html: String

        enum CodingKeys: String, CodingKey {
            case version = "v", fetchedWithPrivate = "private", url, title, authors, published, modified, language, image
            case siteName = "site_name", description, text, html
        }
    }

    static func encode(_ article: Article, fetchedWithPrivate: Bool) throws -> Data {
        try JSONEncoder().encode(Record(
            version: 1, fetchedWithPrivate: fetchedWithPrivate, url: article.url, title: article.title, authors: article.authors, published: article.published,
            modified: article.modified, language: article.language, image: article.image, siteName: article.siteName,
            description: article.description, text: article.text, html: article.html))
    }

    /// The article, and whether it was fetched while private addresses were allowed.
    static func decode(_ data: Data) throws -> (Article, Bool) {
        let record = try JSONDecoder().decode(Record.self, from: data)
        guard record.version == 1 else { throw CocoaError(.coderReadCorrupt) }
        let article = Article(
            url: record.url, title: record.title, authors: record.authors, published: record.published, modified: record.modified,
            language: record.language, image: record.image, siteName: record.siteName, description: record.description,
            text: record.text, html: record.html)
        return (article, record.fetchedWithPrivate)
    }
}
