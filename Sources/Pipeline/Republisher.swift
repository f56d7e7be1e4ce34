import FeedwrightCore
import Foundation
import Store
import Syndication

/// Writes each output feed to `public/<slug>.atom` and `public/<slug>.json`, atomically, so a
/// reader (or the HTTP server) only ever sees complete documents.
public struct Republisher: Sendable {
    public var directory: String
    /// Where the files will be served from, for `rel="self"` (e.g. `http://localhost:8080/feeds/`).
    public var baseURL: String?
    /// Where files are written before they are renamed into place (same file system), so
    /// that `directory` only ever holds complete documents, even after a crash.
    public var staging: String?
    /// WebSub hubs the feeds name (`rel="hub"`, JSON Feed `hubs`), so that readers can
    /// subscribe for pushes instead of polling; each is told of every publication
    /// (``HubNotifier``).
    public var hubs: [String] = []

    public init(directory: String, baseURL: String? = nil, staging: String? = nil, hubs: [String] = []) {
        self.directory = directory
        self.baseURL = baseURL
        self.staging = staging
        self.hubs = hubs
    }

    /// The address a published document is served from (its WebSub topic), when the base
    /// URL is known.
    public func selfURL(_ slug: String, _ extension: String) -> String? {
        baseURL.map { $0 + slug + "." + `extension` }
    }

    /// Removes temporary files a killed process left in the staging directory.
    public func removeLeftovers() {
        guard let staging, let names = try? FileManager.default.contentsOfDirectory(atPath: staging) else { return }
        for name in names where name.hasSuffix(".tmp") {
            try? FileManager.default.removeItem(atPath: (staging as NSString).appendingPathComponent(name))
        }
    }

    public func path(_ slug: String, _ extension: String) -> String {
        (directory as NSString).appendingPathComponent("\(slug).\(`extension`)")
    }

    public func hasPublished(_ slug: String) -> Bool {
        FileManager.default.fileExists(atPath: path(slug, "atom"))
    }

    /// Writes `group`'s Atom and JSON Feed documents and returns them, as the store keeps
    /// them for every node's server.
    @discardableResult
    public func publish(_ group: Subscriptions.Group, entries: [Entry], now: Date) throws -> [PublishedDocumentRecord] {
        var feed = Feed(format: .atom10, title: Text(group.title), entries: entries)
        feed.id = StableIdentifier.uuid(from: ["feedwright-group", group.slug])
        feed.links = hubs.map { Link(href: $0, relation: "hub") }
        let atom = try AtomWriter(options: AtomWriter.Options(selfURL: selfURL(group.slug, "atom"), fallbackDate: now)).write(feed)
        // Each document names itself: the JSON Feed's `feed_url` is the `.json` address (the
        // feed's id, a URN, keeps entry ids the same in both).
        let json = try JSONFeedWriter(options: AtomWriter.Options(selfURL: selfURL(group.slug, "json"), fallbackDate: now)).write(feed)
        try AtomicFile.write(atom, to: path(group.slug, "atom"), staging: staging)
        try AtomicFile.write(json, to: path(group.slug, "json"), staging: staging)
        return [
            PublishedDocumentRecord(name: "\(group.slug).atom", body: Array(atom), etag: EntityTag.strong(for: atom), published: now),
            PublishedDocumentRecord(name: "\(group.slug).json", body: Array(json), etag: EntityTag.strong(for: json), published: now),
        ]
    }
}
