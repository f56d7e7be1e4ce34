import FeedwrightCore
import Foundation

/// Serves the files the republisher wrote, and nothing else.
///
/// Pure request handling (path and headers in, response out) so that it is tested without a
/// socket. Only names of the form `<slug>.atom` / `<slug>.json` (slug: a–z, 0–9, dashes) inside
/// the public directory are reachable: no traversal, no listing of anything else. Responses
/// carry a strong ETag and Last-Modified, and conditional requests get 304.
public struct PublishedFeeds: Sendable {
    public struct Reply: Sendable, Equatable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]
    }

    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The reply for `GET /feeds/<name>` with the request's conditional headers.
    public func reply(name: String, ifNoneMatch: String?, ifModifiedSince: String?) -> Reply {
        guard let kind = PublishedFeeds.kind(of: name) else { return Reply(status: 404, headers: [:], body: Array("not found\n".utf8)) }
        let path = (directory as NSString).appendingPathComponent(name)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let modified = attributes[.modificationDate] as? Date,
              let data = FileManager.default.contents(atPath: path) else {
            return Reply(status: 404, headers: [:], body: Array("not found\n".utf8))
        }
        let etag = "\"" + PublishedFeeds.digest(Array(data)) + "\""
        let lastModified = HTTPDate.string(from: modified)
        var headers = ["ETag": etag, "Last-Modified": lastModified, "Cache-Control": "public, max-age=300"]
        if let ifNoneMatch {
            if ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
                return Reply(status: 304, headers: headers, body: [])
            }
        } else if let since = ifModifiedSince.flatMap(HTTPDate.date(from:)), modified.timeIntervalSince(since) < 1 {
            return Reply(status: 304, headers: headers, body: [])
        }
        headers["Content-Type"] = kind
        return Reply(status: 200, headers: headers, body: Array(data))
    }

    /// The published feeds, by slug, for the index page.
    public func slugs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".atom") && PublishedFeeds.kind(of: $0) != nil }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The index page: every published feed with its Atom and JSON links.
    public func index() -> [UInt8] {
        var html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Feedwright</title></head><body><h1>Feeds</h1><ul>"
        for slug in slugs() {
            html += "<li>\(slug): <a href=\"/feeds/\(slug).atom\">Atom</a> · <a href=\"/feeds/\(slug).json\">JSON Feed</a></li>"
        }
        html += "</ul></body></html>\n"
        return Array(html.utf8)
    }

    /// The media type for an allowed name, nil for anything else.
    static func kind(of name: String) -> String? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, Slug.isValid(parts[0]) else { return nil }
        switch parts[1] {
        case "atom": return "application/atom+xml; charset=utf-8"
        case "json": return "application/feed+json; charset=utf-8"
        default: return nil
        }
    }

    /// A content digest for the ETag (64-bit FNV-1a; stable across runs).
    static func digest(_ bytes: [UInt8]) -> String {
        String(FNV1a64.hash(bytes), radix: 16)
    }

}
