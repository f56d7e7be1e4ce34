import FeedwrightCore
import Foundation
import Syndication

/// The JSON shape of an extracted article that `feedwright extract --json/--jsonl` prints
/// (DESIGN.md, "The JSON contracts").
public struct ArticleContract: Encodable {
    var path: String
    var article: Article

    public init(path: String, article: Article) {
        self.path = path
        self.article = article
    }

    enum CodingKeys: String, CodingKey {
        case path, url, title, authors, published, modified, language, image, text, html, description
        case siteName = "site_name"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(article.url, forKey: .url)
        try container.encode(article.title, forKey: .title)
        try container.encode(article.authors, forKey: .authors)
        try container.encode(article.published.map(TimestampFormat.rfc3339), forKey: .published)
        try container.encode(article.modified.map(TimestampFormat.rfc3339), forKey: .modified)
        try container.encode(article.language, forKey: .language)
        try container.encode(article.image, forKey: .image)
        try container.encode(article.siteName, forKey: .siteName)
        try container.encode(article.description, forKey: .description)
        try container.encode(article.text, forKey: .text)
        try container.encode(article.html, forKey: .html)
    }

    public func jsonLine() -> String {
        JSONLine.encode(self)
    }

    /// The line for a page that failed.
    public static func errorLine(path: String, error: String) -> String {
        JSONLine.encode(["path": path, "error": error])
    }
}
