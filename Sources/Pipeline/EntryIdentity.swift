import Extraction
import FeedwrightCore
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

    /// The feed entry enriched with its extracted article (``Entry/enriched(with:)``), linking
    /// a local page to the public address it names.
    static func enrich(_ entry: Entry, with article: Article, link: String) -> Entry {
        var result = entry.enriched(with: article)
        // A local page (a sample, a mirror) that names its public address links readers
        // there rather than to a path on this machine. Web links stay as the feed gave them:
        // a page's canonical claim is not trusted to redirect readers to another site.
        if !WebURL.isHTTP(link), let canonical = article.url, WebURL.isHTTP(canonical),
           let index = result.links.firstIndex(where: { $0.relation == "alternate" }) {
            result.links[index].href = canonical
        }
        return result
    }
}
