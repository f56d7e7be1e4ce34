import FeedwrightCore
import Foundation
import Markup

/// The sources to poll, read from OPML 2.0: each top-level outline with children is one
/// republished feed (its slug from its title), its children the sources.
public struct Subscriptions: Sendable, Hashable {
    public struct Group: Sendable, Hashable {
        public var title: String
        public var slug: String
        public var sources: [String]
        /// The sources that are web pages read as listings (`type="html"`), by source URL.
        public var listings: [String: PageListing]

        public init(title: String, slug: String, sources: [String], listings: [String: PageListing] = [:]) {
            self.title = title
            self.slug = slug
            self.sources = sources
            self.listings = listings
        }
    }

    public var groups: [Group]

    /// Subscriptions with these groups, in this order.
    public init(groups: [Group]) {
        self.groups = groups
    }

    /// Reads OPML bytes; sources without a group go into one named after the document.
    public static func parse(_ bytes: [UInt8]) throws(SyndicationError) -> Subscriptions {
        let document: MarkupDocument
        do {
            document = try MarkupDocument.parseXML(bytes)
        } catch {
            throw .invalidOPML(error.description)
        }
        // A subscription list read in recovery mode could silently lose feeds, and would then
        // be written back without them: refuse it and say where it breaks.
        if let broken = document.diagnostics.first(where: { $0.severity == .error }) {
            throw .invalidOPML("not well-formed OPML at line \(broken.line), column \(broken.column): \(broken.message)")
        }
        guard let root = document.root, root.localName.lowercased() == "opml",
              let body = root.elements.first(where: { $0.localName.lowercased() == "body" }) else {
            throw .invalidOPML("not an OPML document (no <opml><body>)")
        }
        var groups: [Group] = []
        var loose = Group(title: "Subscriptions", slug: "subscriptions", sources: [])
        for outline in body.elements where outline.localName.lowercased() == "outline" {
            if let url = sourceURL(of: outline) {
                add(url, from: outline, to: &loose)
                continue
            }
            let title = outline.attribute("title") ?? outline.attribute("text") ?? "feed"
            // Readers export folders within folders; every feed below a top-level outline
            // belongs to its group.
            var group = Group(title: title, slug: slug(title), sources: [])
            collectFeeds(below: outline, into: &group)
            if !group.sources.isEmpty { groups.append(group) }
        }
        if !loose.sources.isEmpty { groups.append(loose) }
        return Subscriptions(groups: groups)
    }

    private static func collectFeeds(below outline: MarkupNode, into group: inout Group) {
        for child in outline.elements where child.localName.lowercased() == "outline" {
            if let url = sourceURL(of: child) {
                add(url, from: child, to: &group)
            } else {
                collectFeeds(below: child, into: &group)
            }
        }
    }

    private static func add(_ url: String, from outline: MarkupNode, to group: inout Group) {
        guard !group.sources.contains(url) else { return }
        group.sources.append(url)
        if isListing(outline) { group.listings[url] = listing(of: outline) }
    }

    /// FreshRSS's namespace for the XPath attributes of its HTML+XPath sources.
    static let freshRSSNamespace = "https://freshrss.org/opml"

    /// A feed's `xmlUrl`; for a listing page, its `htmlUrl` when it has no `xmlUrl`.
    private static func sourceURL(of outline: MarkupNode) -> String? {
        let candidates = isListing(outline) ? [outline.attribute("xmlUrl"), outline.attribute("htmlUrl")] : [outline.attribute("xmlUrl")]
        return candidates.lazy.compactMap { $0?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
    }

    /// `type="html"`, or FreshRSS's `type="HTML+XPath"`.
    private static func isListing(_ outline: MarkupNode) -> Bool {
        let type = outline.attribute("type")?.lowercased()
        return type == "html" || type == "html+xpath"
    }

    /// The XPath expressions on a listing outline: Feedwright's `xpathItem`… or FreshRSS's
    /// `frss:xPathItem`….
    private static func listing(of outline: MarkupNode) -> PageListing {
        func value(_ own: String, _ freshRSS: String) -> String? {
            let text = outline.attribute(own) ?? outline.attribute(freshRSS, namespace: freshRSSNamespace)
            return text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        return PageListing(
            item: value("xpathItem", "xPathItem"), title: value("xpathTitle", "xPathItemTitle"), link: value("xpathLink", "xPathItemUri"),
            date: value("xpathDate", "xPathItemTimestamp"), summary: value("xpathSummary", "xPathItemContent"))
    }

    /// These subscriptions with `other`'s added: groups with the same slug are merged, sources
    /// already subscribed (in any group) are left where they are. Returns how many were added.
    public func merging(_ other: Subscriptions) -> (subscriptions: Subscriptions, added: Int) {
        var result = self
        var known = Set(groups.flatMap(\.sources))
        var added = 0
        for group in other.groups {
            let fresh = group.sources.filter { known.insert($0).inserted }
            guard !fresh.isEmpty else { continue }
            added += fresh.count
            let listings = group.listings.filter { fresh.contains($0.key) }
            if let index = result.groups.firstIndex(where: { $0.slug == group.slug }) {
                result.groups[index].sources += fresh
                result.groups[index].listings.merge(listings) { $1 }
            } else {
                result.groups.append(Group(title: group.title, slug: group.slug, sources: fresh, listings: listings))
            }
        }
        return (result, added)
    }

    /// OPML 2.0 for these subscriptions, one top-level outline per group; `titles` names the
    /// sources where known.
    public func opml(title: String, titles: [String: String] = [:]) throws(SyndicationError) -> [UInt8] {
        do {
            let writer = try XMLWriter()
            writer.startElement("opml")
            writer.attribute("version", "2.0")
            writer.startElement("head")
            writer.element("title", text: XMLCharacters.cleaned(title))
            writer.endElement()
            writer.startElement("body")
            for group in groups {
                writer.startElement("outline")
                writer.attribute("text", XMLCharacters.cleaned(group.title))
                writer.attribute("title", XMLCharacters.cleaned(group.title))
                for source in group.sources {
                    let name = XMLCharacters.cleaned(titles[source] ?? source)
                    var attributes = [("type", "rss"), ("text", name), ("title", name), ("xmlUrl", XMLCharacters.cleaned(source))]
                    if let listing = group.listings[source] {
                        attributes[0].1 = "html"
                        let expressions = [("xpathItem", listing.item), ("xpathTitle", listing.title), ("xpathLink", listing.link), ("xpathDate", listing.date), ("xpathSummary", listing.summary)]
                        attributes += expressions.compactMap { name, value in value.map { (name, XMLCharacters.cleaned($0)) } }
                    }
                    writer.element("outline", attributes: attributes)
                }
                writer.endElement()
            }
            writer.endElement()
            writer.endElement()
            return try writer.finish()
        } catch {
            throw .invalidOPML("cannot write OPML: \(error)")
        }
    }

    /// A file-name-safe slug for a group title (see ``Slug``).
    public static func slug(_ title: String) -> String {
        Slug.make(from: title)
    }
}
