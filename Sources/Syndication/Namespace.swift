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
        self = Namespace.byURI[uri] ?? .other
    }
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
