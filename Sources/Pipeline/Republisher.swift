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
        path(named: "\(slug).\(`extension`)")
    }

    public func hasPublished(_ slug: String) -> Bool {
        FileManager.default.fileExists(atPath: path(slug, "atom"))
    }

    /// Writes `group`'s current Atom and JSON Feed documents, and the archive documents the
    /// publication adds (RFC 5005), and returns them, as the store keeps them for every node's
    /// server. Archive files the store holds but the directory lost are written back as they
    /// were (a forced publication): an archive's bytes never change.
    @discardableResult
    public func publish(_ group: Subscriptions.Group, publication: GroupPublication, now: Date) throws -> [PublishedDocumentRecord] {
        for stored in publication.storedArchives where !FileManager.default.fileExists(atPath: path(named: stored.name)) {
            try AtomicFile.write(stored.body, to: path(named: stored.name), staging: staging)
        }
        var records: [PublishedDocumentRecord] = []
        for page in publication.newArchives {
            let entries = page.entries.map(Self.entry)
            records += try write(group, entries: entries, archive: page.number, archiveCount: publication.archiveCount, now: now)
        }
        return records + (try write(group, entries: publication.current.map(Self.entry), archive: nil, archiveCount: publication.archiveCount, now: now))
    }

    /// Writes `group`'s current documents holding `entries`, with no archives.
    @discardableResult
    public func publish(_ group: Subscriptions.Group, entries: [Entry], now: Date) throws -> [PublishedDocumentRecord] {
        try write(group, entries: entries, archive: nil, archiveCount: 0, now: now)
    }

    /// The entry as republished: dated by when Feedwright last saw it change.
    static func entry(_ stored: StoredEntry) -> Entry {
        var entry = stored.entry
        entry.updated = stored.updated
        return entry
    }

    /// The published name of a group's document: `<slug>.atom`, or `<slug>/archive/<n>.atom`.
    static func name(_ slug: String, archive: Int?, _ extension: String) -> String {
        archive.map { ArchivePage.name(slug: slug, number: $0, extension: `extension`) } ?? "\(slug).\(`extension`)"
    }

    /// The address of document `target` as linked from document `from`: absolute under the
    /// base URL when there is one, otherwise relative (both live under the same root).
    func href(_ target: String, from: String) -> String {
        if let baseURL { return baseURL + target }
        return String(repeating: "../", count: from.filter { $0 == "/" }.count) + target
    }

    /// Writes one current (`archive` nil) or archive document of `group`, in both formats.
    private func write(_ group: Subscriptions.Group, entries: [Entry], archive: Int?, archiveCount: Int, now: Date) throws -> [PublishedDocumentRecord] {
        var records: [PublishedDocumentRecord] = []
        for format in ["atom", "json"] {
            let name = Self.name(group.slug, archive: archive, format)
            var feed = Feed(format: .atom10, title: Text(group.title), entries: entries)
            feed.id = StableIdentifier.uuid(from: ["feedwright-group", group.slug])
            func link(_ archive: Int?, _ relation: String) -> Link {
                let target = Self.name(group.slug, archive: archive, format)
                return Link(href: href(target, from: name), relation: relation, mediaType: format == "atom" ? "application/atom+xml" : "application/feed+json")
            }
            // JSON Feed pages by `next_url` (older items); Atom by RFC 5005's relations.
            let older = format == "atom" ? "prev-archive" : "next"
            if let archive {
                feed.history = .archive
                feed.links = [link(nil, "current")]
                if archive > 1 { feed.links.append(link(archive - 1, older)) }
                // The next archive may not be written yet: the server sends a reader who asks
                // for it to the current document until it is.
                if format == "atom" { feed.links.append(link(archive + 1, "next-archive")) }
            } else {
                feed.links = hubs.map { Link(href: $0, relation: "hub") }
                if archiveCount > 0 { feed.links.append(link(archiveCount, older)) }
            }
            // Each document names itself: the JSON Feed's `feed_url` is the `.json` address
            // (the feed's id, a URN, keeps entry ids the same in both).
            let options = AtomWriter.Options(selfURL: baseURL.map { $0 + name }, fallbackDate: now)
            let bytes = format == "atom" ? try AtomWriter(options: options).write(feed) : try JSONFeedWriter(options: options).write(feed)
            try AtomicFile.write(bytes, to: path(named: name), staging: staging)
            records.append(PublishedDocumentRecord(name: name, body: Array(bytes), etag: EntityTag.strong(for: bytes), published: now))
        }
        return records
    }

    /// Where the document published as `name` is written.
    public func path(named name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }
}
