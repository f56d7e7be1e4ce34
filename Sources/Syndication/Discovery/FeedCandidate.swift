/// A feed a page offers, and how it offers it: the evidence orders candidates, best first.
public struct FeedCandidate: Sendable, Hashable {
    /// Where the page named the feed, strongest evidence first.
    public enum Evidence: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The address given is a feed itself.
        case itself = 0
        /// `<link rel="alternate">` with a feed type in the page's `<head>`.
        case headLink
        /// An HTTP `Link` header with `rel="alternate"` and a feed type.
        case linkHeader
        /// `<link rel="alternate">` outside the head (pages that put it in the body).
        case bodyLink
        /// An `<a>` whose address or text says feed, RSS or Atom.
        case anchor
        /// A well-known path (`/feed/`, `/rss.xml`, …) that answered with a feed.
        case wellKnownPath

        public static func < (lhs: Evidence, rhs: Evidence) -> Bool { lhs.rawValue < rhs.rawValue }

        public var description: String {
            switch self {
            case .itself: return "itself"
            case .headLink: return "link"
            case .linkHeader: return "link-header"
            case .bodyLink: return "body-link"
            case .anchor: return "anchor"
            case .wellKnownPath: return "well-known"
            }
        }
    }

    /// The feed's absolute address.
    public var url: String
    /// The media type the page gave, if any.
    public var mediaType: String?
    /// The title the page gave (or, once fetched, the feed's own).
    public var title: String?
    public var evidence: Evidence
    /// A feed of comments, not of the site's articles: ranked after the article feeds.
    public var isComments: Bool

    /// A candidate at `url`, found by `evidence`.
    public init(url: String, mediaType: String? = nil, title: String? = nil, evidence: Evidence, isComments: Bool = false) {
        self.url = url
        self.mediaType = mediaType
        self.title = title
        self.evidence = evidence
        self.isComments = isComments
    }
}
