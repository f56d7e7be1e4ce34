import Extraction
import Markup
import Syndication

/// How entries are recognised from one poll to the next.
enum EntryIdentity {
    /// guid/id, else the link, else a hash of the content.
    static func identity(of entry: Entry) -> String {
        if let id = entry.id, !id.isEmpty { return id }
        if let link = entry.alternateLink { return link }
        return StableIdentifier.uuid(from: ["entry", entry.title?.value ?? "", entry.content?.value ?? entry.summary?.value ?? ""])
    }

    /// A hash of what a reader sees of the source entry.
    static func contentHash(of entry: Entry) -> String {
        StableIdentifier.uuid(from: [entry.title?.value ?? "", entry.alternateLink ?? "", entry.summary?.value ?? "", entry.content?.value ?? ""])
    }

    /// The feed entry with the extracted article's body, when that body says more than the
    /// feed's own content; the feed's id, title and dates stay authoritative.
    static func enrich(_ entry: Entry, with article: Article, link: String) -> Entry {
        var result = entry
        let feedText = (entry.content ?? entry.summary).flatMap { $0.kind == .text ? $0.value : HTMLText.plainText($0.value) } ?? ""
        // The article replaces the feed's body unless extraction found clearly less.
        if article.text.count >= feedText.count && !article.html.isEmpty {
            result.content = Text(article.html, kind: .html)
        }
        if result.authors.isEmpty { result.authors = article.authors.map { Person(name: $0) } }
        result.published = result.published ?? article.published
        result.title = result.title ?? article.title.map { Text($0) }
        result.language = result.language ?? article.language
        if let image = article.image, result.images.isEmpty { result.images = [Image(url: image)] }
        // A local page (a sample, a mirror) that names its public address links readers
        // there rather than to a path on this machine. Web links stay as the feed gave them:
        // a page's canonical claim is not trusted to redirect readers to another site.
        if !PollCycle.isWebURL(link), let canonical = article.url, PollCycle.isWebURL(canonical),
           let index = result.links.firstIndex(where: { $0.relation == "alternate" }) {
            result.links[index].href = canonical
        }
        return result
    }
}
