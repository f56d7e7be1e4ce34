import Markup

/// Why bytes could not be read as a feed at all.
public enum SyndicationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The markup itself could not be read (empty, too large, hostile, or hopelessly broken).
    case unreadableMarkup(MarkupError)
    /// The document parsed, but its root is not a feed format Feedwright knows.
    case notAFeed(root: String, line: Int)
    /// The document looked like JSON but is not valid JSON or not a JSON Feed.
    case invalidJSON(String)
    /// A writer was handed something it cannot represent.
    case unwritable(String)
    /// An OPML subscription list that is not well-formed or not OPML; the reason says where.
    case invalidOPML(String)
    /// A listing page (a `type="html"` source) that cannot be parsed, or whose XPath
    /// expressions do not compile: the page and why.
    case invalidListing(url: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadableMarkup(error):
            return error.description
        case let .notAFeed(root, line):
            return "not a feed: root element <\(root)> at line \(line) is not RSS, RDF or Atom"
        case let .invalidJSON(message):
            return "not a JSON Feed: \(message)"
        case let .invalidOPML(reason):
            return reason
        case let .invalidListing(url, reason):
            return "\(url): cannot read the page as a listing: \(reason)"
        case let .unwritable(message):
            return "cannot write feed: \(message)"
        }
    }
}
