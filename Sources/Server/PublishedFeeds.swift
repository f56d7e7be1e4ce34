import FeedwrightCore
import Foundation
import HTTPTypes
import NIOCore
import Synchronization

/// The published feeds, held in memory and answered from there.
///
/// Readers poll far more often than feeds change, so everything a request needs (the bytes,
/// a gzip copy, the ETag and the date) is made once when a file is published and looked up
/// per request: no disk, no hashing, no date formatting on the request path. The documents
/// come from the public directory, read again by ``reload()`` (the watcher, `serve`) or
/// ``reload(slugs:)`` (the loop in the same process, told what it republished).
///
/// Only names of the form `<slug>.atom` / `<slug>.json` (slug: a–z, 0–9, dashes) and their
/// archives `<slug>/archive/<n>.atom` / `.json` (RFC 5005) are ever loaded or answered: no
/// traversal, no listing of anything else.
public final class PublishedFeeds: Sendable {
    /// A reply to one request, ready to send.
    public struct Reply: Sendable {
        public var status: HTTPResponse.Status
        public var headers: HTTPFields
        public var body: ByteBuffer

        /// The value of header `name` (case-insensitive), for tests and logs.
        public func header(_ name: String) -> String? {
            HTTPField.Name(name).flatMap { headers[$0] }
        }
    }

    /// Where the published files are.
    public let directory: String
    private let documents = Mutex<[String: Loaded]>([:])

    /// A document and the file state it was read from, to tell when the file changed.
    private struct Loaded: Sendable {
        var document: PublishedDocument
        var size: Int
    }

    /// The feeds in `directory`, read now.
    public init(directory: String) {
        self.directory = directory
        reload()
    }

    /// Reads every changed, new or removed file of the public directory (a changed file is
    /// one whose modification time or size differs from what is held).
    public func reload() {
        let top = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var names = top.filter { Self.kind(of: $0) != nil }
        for slug in top where Slug.isValid(Substring(slug)) { names += archiveNames(slug) }
        let held = documents.withLock { $0.mapValues { ($0.document.modified, $0.size) } }
        var changed: [String: Loaded] = [:]
        for name in names {
            // An archive never changes once written: only new ones are read.
            if held[name] != nil && Self.isArchive(name) { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let modified = attributes[.modificationDate] as? Date, let size = attributes[.size] as? Int else { continue }
            if let (heldModified, heldSize) = held[name], heldModified == modified, heldSize == size { continue }
            if let loaded = Self.load(name, at: path) { changed[name] = loaded }
        }
        let present = Set(names)
        documents.withLock { documents in
            for name in documents.keys where !present.contains(name) { documents[name] = nil }
            documents.merge(changed) { $1 }
        }
    }

    /// Reads the Atom and JSON files of `slugs` again (after the loop republished them).
    public func reload(slugs: [String]) {
        for slug in slugs {
            let held = documents.withLock { Set($0.keys) }
            let archives = archiveNames(slug).filter { !held.contains($0) }
            for name in ["\(slug).atom", "\(slug).json"] + archives where Self.kind(of: name) != nil {
                let path = (directory as NSString).appendingPathComponent(name)
                let loaded = Self.load(name, at: path)
                documents.withLock { $0[name] = loaded }
            }
        }
    }

    /// Holds `bytes` as the document `name` (a version read from a shared store rather than
    /// from the public directory); names that are not published feed names are ignored.
    public func install(name: String, bytes: [UInt8], modified: Date) {
        guard let contentType = Self.kind(of: name) else { return }
        let loaded = Loaded(document: PublishedDocument(name: name, contentType: contentType, bytes: bytes, modified: modified), size: bytes.count)
        documents.withLock { $0[name] = loaded }
    }

    /// The document published as `name`, if any.
    public func document(named name: String) -> PublishedDocument? {
        documents.withLock { $0[name]?.document }
    }

    /// The published feeds, by slug, for the index page and the API.
    public func slugs() -> [String] {
        documents.withLock { documents in documents.keys.filter { $0.hasSuffix(".atom") && !Self.isArchive($0) }.map { String($0.dropLast(5)) } }.sorted()
    }

    /// The archive documents of `slug` in the public directory, by published name.
    private func archiveNames(_ slug: String) -> [String] {
        let folder = ArchiveName.folder(slug: slug)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: (directory as NSString).appendingPathComponent(folder))) ?? []
        return files.map { folder + $0 }.filter { Self.kind(of: $0) != nil }
    }

    /// Whether `name` is an archive document's.
    static func isArchive(_ name: String) -> Bool { name.contains("/") }

    /// The reply for `GET /feeds/<name>` (or HEAD, without the body): 200 with the document
    /// (gzip-encoded when the reader accepts it), 304 when the reader's copy is current, 404
    /// for anything not published.
    public func reply(name: String, conditions: ConditionalRequest = ConditionalRequest(), acceptEncoding: String? = nil, head: Bool = false) -> Reply {
        guard let document = document(named: name) else { return nextArchive(name) ?? Self.notFound }
        let answer = document.answer(conditions: conditions, acceptsGzip: AcceptEncoding.allowsGzip(acceptEncoding), head: head)
        return Reply(status: answer.status, headers: document.fields[answer.prepared.rawValue], body: answer.body)
    }

    /// For the archive after a feed's newest (which its `next-archive` link names before it is
    /// written), a temporary redirect to the current document, where those entries are now.
    private func nextArchive(_ name: String) -> Reply? {
        let parts = name.split(separator: ".")
        guard parts.count == 2, let archive = ArchiveName(parts[0]) else { return nil }
        let format = String(parts[1])
        let current = "\(archive.slug).\(format)"
        guard document(named: current) != nil,
              archive.number == 1 || document(named: ArchiveName(slug: archive.slug, number: archive.number - 1).name(format)) != nil
        else { return nil }
        return Reply(status: .temporaryRedirect, headers: [.location: "../../" + current, .cacheControl: "no-cache", .contentType: "text/plain; charset=utf-8"],
                     body: ByteBuffer(string: "not archived yet: see \(current)\n"))
    }

    private static let notFound = Reply(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: ByteBuffer(string: "not found\n"))

    /// The media type for an allowed name, nil for anything else.
    static func kind(of name: String) -> String? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, Slug.isValid(parts[0]) || ArchiveName(parts[0]) != nil else { return nil }
        switch parts[1] {
        case "atom": return "application/atom+xml; charset=utf-8"
        case "json": return "application/feed+json; charset=utf-8"
        default: return nil
        }
    }

    private static func load(_ name: String, at path: String) -> Loaded? {
        guard let contentType = kind(of: name),
              let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let modified = attributes[.modificationDate] as? Date,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return Loaded(document: PublishedDocument(name: name, contentType: contentType, bytes: Array(data), modified: modified), size: data.count)
    }
}
