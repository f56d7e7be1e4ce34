import FeedwrightCore
import Foundation
import Syndication

/// The JSON shape of an extracted article that `feedwright extract --json/--jsonl` prints
/// (DESIGN.md, "The JSON contracts").
public struct ArticleContract: JSONWritable {
    var path: String
    var article: Article

    public init(path: String, article: Article) {
        self.path = path
        self.article = article
    }

    /// Keys in sorted order, as every contract line writes them.
    public func write(to writer: inout JSONWriter) {
        writer.object {
            $0.field("authors", article.authors)
            $0.field("description", article.description)
            $0.field("html", article.html)
            $0.field("image", article.image)
            $0.field("language", article.language)
            $0.field("modified", article.modified.map(TimestampFormat.rfc3339))
            $0.field("path", path)
            $0.field("published", article.published.map(TimestampFormat.rfc3339))
            $0.field("site_name", article.siteName)
            $0.field("text", article.text)
            $0.field("title", article.title)
            $0.field("url", article.url)
        }
    }

    /// One line of compact JSON, without the newline.
    public func jsonLine() -> String {
        String(decoding: jsonLineBytes().dropLast(), as: UTF8.self)
    }
}
