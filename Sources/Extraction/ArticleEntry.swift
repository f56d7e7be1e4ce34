import Foundation
import Syndication

extension Entry {
    /// A feed entry for an extracted article: its canonical URL is both the link and the id,
    /// the sanitized HTML the content, the description the summary. Without a page date the
    /// entry is dated `fetchedAt`.
    public init(article: Article, fetchedAt: Date) {
        self.init()
        // Without a canonical URL the id is derived from what the article says, so converting
        // the same page again finds the same entry.
        id = article.url ?? StableIdentifier.uuid(from: ["article", article.title ?? "", article.text])
        title = article.title.map { Text($0) }
        if let url = article.url { links = [Link(href: url, mediaType: "text/html")] }
        published = article.published
        updated = article.modified ?? article.published ?? fetchedAt
        authors = article.authors.map { Person(name: $0) }
        summary = article.description.map { Text($0) }
        content = article.html.isEmpty ? Text(article.text) : Text(article.html, kind: .html)
        language = article.language
        if let image = article.image { images = [Image(url: image)] }
    }
}
