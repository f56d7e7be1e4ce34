import Foundation
import Markup

/// What an article page contains once the boilerplate is gone.
public struct Article: Sendable, Hashable {
    /// The canonical URL (`link rel=canonical`, `og:url`), else the URL it was fetched from.
    public var url: String?
    public var title: String?
    public var authors: [String]
    public var published: Date?
    public var modified: Date?
    /// The page's language (`<html lang>`, `og:locale`, `content-language`).
    public var language: String?
    /// The lead image.
    public var image: String?
    public var siteName: String?
    public var description: String?
    /// The body as plain text, paragraphs separated by blank lines; a `pre` keeps its own
    /// lines and indentation.
    public var text: String
    /// The body as sanitized HTML (allow-listed elements and attributes, absolute URLs).
    public var html: String

    public init(
        url: String? = nil, title: String? = nil, authors: [String] = [], published: Date? = nil, modified: Date? = nil,
        language: String? = nil, image: String? = nil, siteName: String? = nil, description: String? = nil,
        text: String = "", html: String = ""
    ) {
        self.url = url
        self.title = title
        self.authors = authors
        self.published = published
        self.modified = modified
        self.language = language
        self.image = image
        self.siteName = siteName
        self.description = description
        self.text = text
        self.html = html
    }
}

/// Why a page could not be turned into an article.
public enum ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTML could not be parsed at all; the parser's error says why and where.
    case unreadable(MarkupError)
    /// The page parsed but holds no text that reads as an article.
    case noContent

    public var description: String {
        switch self {
        case let .unreadable(cause): return "unreadable page: \(cause)"
        case .noContent: return "no article text found"
        }
    }
}
