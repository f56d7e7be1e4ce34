/// The formats Feedwright reads. Raw values are the names of the JSON contract.
public enum FeedFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// RSS 2.0 (and RSS documents with no or an unknown version).
    case rss20
    /// RSS 1.0, the RDF-based family.
    case rss10
    /// RSS 0.90 to 0.94.
    case rss09x
    case atom10
    case atom03
    /// JSON Feed 1.0 or 1.1.
    case jsonfeed
    /// A web page's list of articles, read as a feed (a `type="html"` source).
    case html
}
