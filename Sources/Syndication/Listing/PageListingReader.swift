import FeedwrightCore
import Foundation
import Markup

/// Reads a listing page (a blog's front page, a news section) into a feed of its articles.
///
/// Found automatically, the articles are the largest repeated block of links that read as
/// headlines: links on the page's own site whose text has several words, grouped by where
/// they sit in the page (the chain of elements and class names above them, numbers aside),
/// the group with the most headline text winning when most of its addresses look like
/// articles rather than sections or tags. Each link's item is the largest element around it
/// holding no other article of the group; its date (`<time>`, or a short dated line) and its
/// first paragraph of prose come from there.
public enum PageListingReader {
    /// The most entries read from one page.
    public static let maximumEntries = 100

    /// The page's articles as a feed (format ``FeedFormat/html``), titled after the page.
    /// - Throws: ``SyndicationError`` when the page cannot be parsed, or when an expression
    ///   of `listing` does not compile.
    public static func read(_ bytes: [UInt8], url: String, charset: String? = nil, listing: PageListing = PageListing()) throws(SyndicationError) -> Feed {
        let document: MarkupDocument
        do {
            document = try MarkupDocument.parseHTML(bytes, options: MarkupOptions(encoding: charset, baseURL: url))
        } catch {
            throw .invalidListing(url: url, reason: "\(error)")
        }
        var feed = Feed(format: .html, links: [Link(href: url)])
        if let title = (try? document.evaluate("string(//title)"))?.firstString.flatMap(HTMLText.collapseWhitespace), !title.isEmpty {
            feed.title = Text(title)
        }
        feed.language = document.root.flatMap { $0.language ?? $0.attribute("lang") }
        feed.entries = try listing.item == nil ? automaticEntries(document, page: url) : selectedEntries(document, listing: listing, page: url)
        return feed
    }

    // MARK: - Expressions given

    private static func selectedEntries(_ document: MarkupDocument, listing: PageListing, page: String) throws(SyndicationError) -> [Entry] {
        let items: [MarkupNode]
        do {
            items = try document.select(listing.item ?? "/..")
        } catch {
            throw .invalidListing(url: page, reason: "\(error)")
        }
        var entries: [Entry] = []
        var seen: Set<String> = []
        for item in items.prefix(maximumEntries * 2) {
            let anchor = (try? document.select(".//a[@href]", from: item))?.first ?? (item.hasName("a") ? item : nil)
            let link = listing.link.flatMap { string($0, from: item, in: document, addressOf: true) } ?? anchor?.attribute("href")
            guard let reference = link?.trimmingCharacters(in: .whitespacesAndNewlines), !reference.isEmpty else { continue }
            let address = item.resolve(reference)
            guard WebURL.isHTTP(address), seen.insert(address).inserted else { continue }
            let title = listing.title.flatMap { string($0, from: item, in: document, addressOf: false) }
                ?? anchor.flatMap { HTMLText.collapseWhitespace($0.textContent) }
            let date = listing.date.flatMap { string($0, from: item, in: document, addressOf: false) }.flatMap { DateParser.parse($0) ?? ListingText.dottedDate($0) }
            let summary = listing.summary.flatMap { string($0, from: item, in: document, addressOf: false) }
            entries.append(entry(address, title: title, date: date, summary: summary))
            if entries.count == maximumEntries { break }
        }
        return entries
    }

    /// The first string an expression gives from `item`: an element's `href` (when an address
    /// is wanted) or text, an attribute's value, or the string result.
    private static func string(_ expression: String, from item: MarkupNode, in document: MarkupDocument, addressOf: Bool) -> String? {
        guard let value = try? document.evaluate(expression, from: item) else { return nil }
        let text: String?
        if case .nodes(let nodes) = value, let node = nodes.first {
            if node.isAttribute {
                text = node.textContent
            } else if addressOf {
                text = node.attribute("href") ?? node.textContent
            } else {
                text = node.attribute("datetime") ?? node.textContent
            }
        } else {
            text = value.firstString
        }
        return text.flatMap(HTMLText.collapseWhitespace).flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func entry(_ address: String, title: String?, date: Date?, summary: String?) -> Entry {
        Entry(id: address, title: title.map { Text($0) }, links: [Link(href: address)], published: date, summary: summary.map { Text($0) })
    }

    // MARK: - Found automatically

    private struct Candidate {
        var anchor: MarkupNode
        var address: String
        var text: String
        var articleLike: Bool
    }

    private static func automaticEntries(_ document: MarkupDocument, page: String) -> [Entry] {
        guard let pageHost = ListingAddress.site(page) else { return [] }
        var groups: [String: [Candidate]] = [:]
        var order: [String] = []
        for anchor in (try? document.select("//body//a[@href]")) ?? [] {
            guard let reference = anchor.attribute("href"), !reference.hasPrefix("#") else { continue }
            let address = ListingAddress.withoutFragment(anchor.resolve(reference))
            guard WebURL.isHTTP(address), ListingAddress.site(address) == pageHost, address != ListingAddress.withoutFragment(page),
                  let text = ListingText.headline(of: anchor, document: document), ListingText.isHeadline(text) else { continue }
            let signature = ListingAddress.signature(of: anchor)
            if groups[signature] == nil { order.append(signature) }
            groups[signature, default: []].append(Candidate(anchor: anchor, address: address, text: text, articleLike: ListingAddress.looksLikeArticle(address)))
        }
        var best: (score: Double, candidates: [Candidate])?
        for signature in order {
            var seen: Set<String> = []
            let distinct = groups[signature, default: []].filter { seen.insert($0.address).inserted }
            guard distinct.count >= 2 else { continue }
            let articleShare = Double(distinct.filter(\.articleLike).count) / Double(distinct.count)
            guard articleShare >= 0.5 else { continue }
            let text = distinct.reduce(0) { $0 + min($1.text.count, 200) }
            let score = Double(text) * articleShare
            if score > best?.score ?? 0 { best = (score, distinct) }
        }
        guard let chosen = best?.candidates else { return [] }
        let anchors = Set(chosen.map(\.anchor))
        return chosen.prefix(maximumEntries).map { candidate in
            let item = itemContainer(of: candidate.anchor, among: anchors, in: document)
            return entry(candidate.address, title: candidate.text, date: ListingText.date(in: item, document: document),
                         summary: ListingText.summary(in: item, document: document, title: candidate.text))
        }
    }

    /// The largest element around `anchor` that holds no other of the chosen links.
    private static func itemContainer(of anchor: MarkupNode, among anchors: Set<MarkupNode>, in document: MarkupDocument) -> MarkupNode {
        var item = anchor
        let own = anchor.attribute("href")
        while let parent = item.parent, !parent.hasName("body"), !parent.hasName("html") {
            let links = (try? document.select(".//a[@href]", from: parent)) ?? []
            if links.contains(where: { $0 != anchor && anchors.contains($0) && $0.attribute("href") != own }) { break }
            item = parent
        }
        return item
    }
}
