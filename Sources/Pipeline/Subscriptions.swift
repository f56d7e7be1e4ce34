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

    /// Reads OPML bytes; sources without a group go into one named after the document.
    public static func parse(_ bytes: [UInt8]) throws(PipelineError) -> Subscriptions {
        let document: MarkupDocument
        do {
            document = try MarkupDocument.parseXML(bytes)
        } catch {
            throw .badSubscriptions(error.description)
        }
        guard let root = document.root, root.localName.lowercased() == "opml",
              let body = root.elements.first(where: { $0.localName.lowercased() == "body" }) else {
            throw .badSubscriptions("not an OPML document (no <opml><body>)")
        }
        var groups: [Group] = []
        var loose: [String] = []
        for outline in body.elements where outline.localName.lowercased() == "outline" {
            if let url = outline.attribute("xmlUrl") {
                loose.append(url)
                continue
            }
            let title = outline.attribute("title") ?? outline.attribute("text") ?? "feed"
            let sources = outline.elements.compactMap { $0.attribute("xmlUrl") }
            if !sources.isEmpty { groups.append(Group(title: title, slug: slug(title), sources: sources)) }
        }
        if !loose.isEmpty { groups.append(Group(title: "Subscriptions", slug: "subscriptions", sources: loose)) }
        return Subscriptions(groups: groups)
    }

    /// A file-name-safe slug: lower-case ASCII letters, digits and dashes.
    public static func slug(_ title: String) -> String {
        var result = ""
        for scalar in title.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("-") && !result.isEmpty {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "feed" : result
    }
}

/// What went wrong in the polling loop.
public enum PipelineError: Error, Sendable, CustomStringConvertible {
    case badSubscriptions(String)

    public var description: String {
        switch self {
        case let .badSubscriptions(reason): return "subscriptions: \(reason)"
        }
    }
}
