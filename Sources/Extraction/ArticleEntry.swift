import Foundation
import Markup
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

extension Entry {
    /// This feed entry with what its extracted article adds, through the same mapping as
    /// ``init(article:fetchedAt:)``: the article's body when it says at least as much as the
    /// feed's own content, and authors, a published date, a title, a language and an image
    /// where the feed gave none. The feed's id, links and dates stay authoritative.
    public func enriched(with article: Article) -> Entry {
        let page = Entry(article: article, fetchedAt: .distantPast)
        var result = self
        let feedText = (content ?? summary).flatMap { $0.kind == .text ? $0.value : HTMLText.plainText($0.value) } ?? ""
        if article.text.count >= feedText.count, !article.html.isEmpty { result.content = page.content }
        if result.authors.isEmpty { result.authors = page.authors }
        result.published = result.published ?? page.published
        result.title = result.title ?? page.title
        result.language = result.language ?? page.language
        if result.images.isEmpty { result.images = page.images }
        return result
    }
}
