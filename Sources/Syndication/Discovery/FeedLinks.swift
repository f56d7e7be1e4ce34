import FeedwrightCore
import Foundation
import Markup

/// The feeds a page names: `<link rel="alternate">` in its head and body, the response's
/// `Link` headers, and `<a>` links whose address or text says feed, RSS or Atom — ranked best
/// first (article feeds before comment feeds, then by ``FeedCandidate/Evidence``, then in the
/// page's order). Pure: the well-known paths, which must be fetched to be known, are
/// ``wellKnownPaths(for:)``.
public enum FeedLinks {
    /// Media types that name a feed on their own.
    static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml",
        "application/x-rss+xml", "application/x-atom+xml", "application/x.atom+xml",
    ]
    /// Media types that name a feed when the address looks like one (`text/xml` for RSS,
    /// `application/json` for early JSON Feeds).
    static let looseTypes: Set<String> = ["text/xml", "application/xml", "application/json", "text/rss+xml"]

    /// The candidates of a page at `url`, best first, each address once.
    /// - Parameter linkHeaders: the response's `Link` header values.
    public static func candidates(in bytes: [UInt8], url: String, charset: String? = nil, linkHeaders: [String] = []) -> [FeedCandidate] {
        var found: [FeedCandidate] = []
        // A target that does not resolve to a web address (a control character in it, another
        // scheme) is no feed to offer.
        for link in LinkHeader.links(linkHeaders, base: url) where WebURL.isHTTP(link.href) && isAlternateFeed(relation: link.relation, type: link.mediaType, href: link.href) {
            found.append(FeedCandidate(url: link.href, mediaType: link.mediaType, title: link.title, evidence: .linkHeader, isComments: mentionsComments(link.href, link.title)))
        }
        if let document = try? MarkupDocument.parseHTML(bytes, options: MarkupOptions(encoding: charset, baseURL: url)) {
            for node in (try? document.select("//link[@href]")) ?? [] {
                let type = node.attribute("type")?.lowercased().trimmingCharacters(in: .whitespaces)
                guard let href = absolute(node.attribute("href"), at: node),
                      isAlternateFeed(relation: node.attribute("rel")?.lowercased() ?? "", type: type, href: href) else { continue }
                let title = node.attribute("title").flatMap(HTMLText.collapseWhitespace)
                let inHead = isInHead(node)
                found.append(FeedCandidate(url: href, mediaType: type, title: title, evidence: inHead ? .headLink : .bodyLink, isComments: mentionsComments(href, title)))
            }
            for node in (try? document.select("//a[@href]")) ?? [] {
                guard let href = absolute(node.attribute("href"), at: node) else { continue }
                let text = HTMLText.collapseWhitespace(node.textContent) ?? ""
                let title = node.attribute("title") ?? ""
                let feedScheme = node.attribute("href")?.lowercased().trimmingCharacters(in: .whitespaces).hasPrefix("feed:") ?? false
                guard feedScheme || addressLooksLikeFeed(href) || textNamesFeed(text) || textNamesFeed(title) else { continue }
                found.append(FeedCandidate(url: href, title: text.isEmpty ? nil : text, evidence: .anchor, isComments: mentionsComments(href, text)))
            }
        }
        var seen: Set<String> = [url]
        let distinct = found.filter { seen.insert($0.url).inserted }
        return ranked(distinct)
    }

    /// Candidates best first: article feeds before comment feeds, stronger evidence first,
    /// the page's order kept otherwise.
    public static func ranked(_ candidates: [FeedCandidate]) -> [FeedCandidate] {
        candidates.enumerated().sorted { a, b in
            if a.element.isComments != b.element.isComments { return !a.element.isComments }
            if a.element.evidence != b.element.evidence { return a.element.evidence < b.element.evidence }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// Where sites commonly keep a feed that their pages do not name: at the site's root, and
    /// below the page's own directory (a blog under `/blog/`).
    public static func wellKnownPaths(for url: String) -> [String] {
        guard var components = URLComponents(string: url), components.host != nil else { return [] }
        components.query = nil
        components.fragment = nil
        let names = ["feed/", "rss.xml", "atom.xml", "index.xml", "feed.xml", "feed.json", "rss/", "feeds/posts/default"]
        var directories = ["/"]
        let path = components.path
        if let slash = path.lastIndex(of: "/"), path[...slash] != "/" { directories.append(String(path[...slash])) }
        var result: [String] = []
        for directory in directories.reversed() {
            for name in names {
                components.path = directory + name
                if let address = components.string, !result.contains(address) { result.append(address) }
            }
        }
        return result
    }

    private static func isAlternateFeed(relation: String, type: String?, href: String) -> Bool {
        let relations = relation.split(separator: " ")
        guard relations.contains("alternate") || relations.contains("feed") else { return false }
        guard let type, !type.isEmpty else { return relations.contains("feed") }
        let bare = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? type
        return feedTypes.contains(bare) || (looseTypes.contains(bare) && addressLooksLikeFeed(href))
    }

    private static func isInHead(_ node: MarkupNode) -> Bool {
        var current = node.parent
        while let element = current {
            if element.hasName("head") { return true }
            current = element.parent
        }
        return false
    }

    private static func absolute(_ reference: String?, at node: MarkupNode) -> String? {
        guard let reference = reference?.trimmingCharacters(in: .whitespacesAndNewlines), !reference.isEmpty, !reference.hasPrefix("#") else { return nil }
        let address = node.resolve(reference.replacingFeedScheme)
        return WebURL.isHTTP(address) ? address : nil
    }

    /// Whether an address has a feed's shape: `.rss`/`.atom`/`.xml` feed names, `/feed/`,
    /// `/rss/`, FeedBurner, WordPress's `?feed=`.
    static func addressLooksLikeFeed(_ address: String) -> Bool {
        let lower = address.lowercased()
        guard let components = URLComponents(string: lower) else { return false }
        let path = components.path
        if components.host?.hasSuffix("feedburner.com") == true { return true }
        if (components.query ?? "").contains("feed=") || (components.query ?? "").contains("format=rss") { return true }
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        if [".rss", ".atom", ".rdf"].contains(where: { last.hasSuffix($0) }) { return true }
        if ["rss.xml", "atom.xml", "feed.xml", "index.xml", "feed.json", "rss2.xml", "index.rss"].contains(last) { return true }
        let segments = path.split(separator: "/")
        return segments.contains { ["feed", "feeds", "rss", "atom"].contains($0) }
    }

    /// Whether link text names a feed: a word RSS, Atom or feed (any case), in a short label.
    static func textNamesFeed(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 40 else { return false }
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        return words.contains { ["rss", "atom", "feed", "rss2"].contains($0) }
    }

    private static func mentionsComments(_ href: String, _ title: String?) -> Bool {
        href.lowercased().contains("comment") || (title?.lowercased().contains("comment") ?? false)
    }
}

extension String {
    /// `feed:https://…` and `feed://host/…` (the old feed URL scheme) as http(s) addresses.
    var replacingFeedScheme: String {
        guard lowercased().hasPrefix("feed:") else { return self }
        let rest = dropFirst(5)
        if rest.hasPrefix("//") { return "http:" + rest }
        return String(rest)
    }
}
