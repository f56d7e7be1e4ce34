import Foundation
import Markup

/// The XML vocabularies feed readers understand, by namespace URI.
enum Namespace: Hashable {
    case none
    case atom10
    case atom03
    case rss10
    case rss090
    case rdf
    case content
    case dc
    case dcterms
    case media
    case itunes
    case sy
    case xhtml
    case googlePlay
    /// RFC 5005 feed history (`fh:complete`, `fh:archive`).
    case feedHistory
    case other

    static let atom10URI = "http://www.w3.org/2005/Atom"
    static let atom03URI = "http://purl.org/atom/ns#"
    static let rss10URI = "http://purl.org/rss/1.0/"
    static let rss090URI = "http://my.netscape.com/rdf/simple/0.9/"
    static let rdfURI = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    private static let byURI: [String: Namespace] = [
        atom10URI: .atom10,
        atom03URI: .atom03,
        rss10URI: .rss10,
        rss090URI: .rss090,
        rdfURI: .rdf,
        "http://purl.org/rss/1.0/modules/content/": .content,
        "http://purl.org/dc/elements/1.1/": .dc,
        "http://purl.org/dc/terms/": .dcterms,
        "http://search.yahoo.com/mrss/": .media,
        "http://search.yahoo.com/mrss": .media,
        "http://www.itunes.com/dtds/podcast-1.0.dtd": .itunes,
        "http://www.itunes.com/dtds/podcast-1.0.dtd/": .itunes,
        "http://www.itunes.com/DTDs/Podcast-1.0.dtd": .itunes,
        "http://purl.org/rss/1.0/modules/syndication/": .sy,
        "http://www.w3.org/1999/xhtml": .xhtml,
        "http://www.google.com/schemas/play-podcasts/1.0": .googlePlay,
        FeedHistory.namespace: .feedHistory,
        // RSS 2.0 documents that put their own elements in a namespace.
        "http://backend.userland.com/rss2": .none,
        "http://backend.userland.com/rss": .none,
        "http://blogs.law.harvard.edu/tech/rss": .none,
        "http://purl.org/net/rss1.1#": .rss10,
    ]

    init(uri: String?) {
        guard let uri else {
            self = .none
            return
        }
        if let known = Namespace.byURI[uri] {
            self = known
        } else {
            // Publishers miscapitalise and pad namespace URIs (the iTunes one especially).
            self = Namespace.byLowercasedURI[uri.lowercased().trimmed()] ?? .other
        }
    }

    /// The vocabulary of an element, falling back to its conventional prefix when the URI is
    /// unknown or the prefix was never declared (feeds say `itunes:` with a wrong URI often
    /// enough that every mature reader does this).
    init(node: MarkupNode) {
        self.init(uri: node.namespaceURI)
        if self == .other || self == .none, let prefix = node.prefix ?? node.undeclaredPrefix,
           let known = Namespace.byPrefix[prefix.lowercased()] {
            self = known
        }
    }

    private static let byLowercasedURI: [String: Namespace] = Dictionary(
        byURI.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })

    private static let byPrefix: [String: Namespace] = [
        "atom": .atom10, "content": .content, "dc": .dc, "dcterms": .dcterms, "media": .media,
        "itunes": .itunes, "sy": .sy, "xhtml": .xhtml, "rdf": .rdf, "googleplay": .googlePlay, "fh": .feedHistory,
    ]
}

extension MarkupNodeKey {
    init(_ namespace: Namespace, _ name: String) {
        self.namespace = namespace
        self.name = name
    }
}

/// An element's vocabulary and local name, the key readers dispatch on.
struct MarkupNodeKey: Hashable {
    var namespace: Namespace
    var name: String
}

extension MarkupNode {
    /// The prefix of an element whose prefix was never declared: libxml2 then keeps the whole
    /// qualified name (`itunes:author`) as the local name.
    var undeclaredPrefix: String? {
        let name = localName
        guard let colon = name.firstIndex(of: ":") else { return nil }
        return String(name[..<colon])
    }

    /// The local name with any undeclared prefix removed, lower-cased.
    var bareName: String {
        let name = localName
        guard let colon = name.firstIndex(of: ":") else { return name.lowercased() }
        return name[name.index(after: colon)...].lowercased()
    }
}
