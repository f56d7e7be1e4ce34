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

        public init(title: String, slug: String, sources: [String]) {
            self.title = title
            self.slug = slug
            self.sources = sources
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
        var loose: [String] = []
        for outline in body.elements where outline.localName.lowercased() == "outline" {
            if let url = outline.attribute("xmlUrl") {
                loose.append(url)
                continue
            }
            let title = outline.attribute("title") ?? outline.attribute("text") ?? "feed"
            // Readers export folders within folders; every feed below a top-level outline
            // belongs to its group.
            var sources: [String] = []
            collectFeeds(below: outline, into: &sources)
            if !sources.isEmpty { groups.append(Group(title: title, slug: slug(title), sources: sources)) }
        }
        if !loose.isEmpty { groups.append(Group(title: "Subscriptions", slug: "subscriptions", sources: loose)) }
        return Subscriptions(groups: groups)
    }

    private static func collectFeeds(below outline: MarkupNode, into sources: inout [String]) {
        for child in outline.elements where child.localName.lowercased() == "outline" {
            if let url = child.attribute("xmlUrl")?.trimmingCharacters(in: .whitespaces), !url.isEmpty {
                if !sources.contains(url) { sources.append(url) }
            } else {
                collectFeeds(below: child, into: &sources)
            }
        }
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
            if let index = result.groups.firstIndex(where: { $0.slug == group.slug }) {
                result.groups[index].sources += fresh
            } else {
                result.groups.append(Group(title: group.title, slug: group.slug, sources: fresh))
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
                    writer.element("outline", attributes: [("type", "rss"), ("text", name), ("title", name), ("xmlUrl", XMLCharacters.cleaned(source))])
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
