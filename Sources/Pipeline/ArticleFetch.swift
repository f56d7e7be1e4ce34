import Extraction
import FeedwrightCore
import Fetching
import Foundation

/// The article behind a link: fetched, with the site rule of the link's host applied — its
/// request headers sent, its single-page view preferred, its later pages joined — and
/// extracted.
///
/// Multi-page articles are joined all or nothing: when a later page cannot be fetched or read,
/// the article is the first page alone, never a body with a page missing in the middle.
public struct ArticleFetch: Sendable {
    /// Fetches the pages (the loop's untrusted article fetcher, or a local one).
    public var fetcher: any DocumentFetcher
    /// Site rules; nil reads every page with the generic extractor alone.
    public var rules: SiteRuleLibrary?
    /// One rule for every page instead of the library's (`feedwright rules test RULEFILE`).
    public var rule: SiteRule?
    /// The most pages one article is made of.
    public var maximumPages = 10

    /// Articles through `fetcher`, with `rules` when there are any.
    public init(fetcher: any DocumentFetcher, rules: SiteRuleLibrary? = nil) {
        self.fetcher = fetcher
        self.rules = rules
    }

    /// Fetches and extracts the article at `link`.
    /// - Throws: the fetcher's ``FetchError`` for the first page, or ``ExtractionError``.
    public func article(at link: String) async throws -> Article {
        let rule = self.rule ?? rules?.rule(forURL: link)
        var headers: SiteRequestHeaders?
        if let rule, !rule.httpHeaders.isEmpty, let host = URL(string: link)?.host { headers = SiteRequestHeaders(host: host, headers: rule.httpHeaders) }
        return try await SiteRequestHeaders.withHeaders(headers) {
            let first = try await fetcher.fetch(link, etag: nil, lastModified: nil)
            guard let rule else { return try ArticleExtractor.extract(first.bytes, url: first.url, charset: first.charset) }
            let links = RulePageLinks.find(in: first.bytes, url: first.url, charset: first.charset, rule: rule)
            if let single = links.singlePage, ArticleFetch.sameSite(single, first.url),
               let whole = try? await page(single, rule: rule) {
                return whole.article
            }
            let article = try ArticleExtractor.extract(first.bytes, url: first.url, charset: first.charset, rule: rule)
            return await joined(article, next: links.nextPage, from: [link, first.url], rule: rule)
        }
    }

    /// `first` with the pages that follow it, in order, until a page names no next one, names
    /// one already read (a cycle), or ``maximumPages`` are read.
    private func joined(_ first: Article, next: String?, from seen: Set<String>, rule: SiteRule) async -> Article {
        var seen = seen
        var pages: [Article] = []
        var next = next
        let origin = first.url ?? seen.first ?? ""
        while let address = next, pages.count + 1 < maximumPages {
            guard ArticleFetch.sameSite(address, origin), seen.insert(address).inserted else { break }
            guard let (article, links) = try? await page(address, rule: rule) else { return first }
            pages.append(article)
            next = links.nextPage
        }
        return first.appendingPages(pages)
    }

    /// One page of an article, extracted with the rule, and the links it carries.
    private func page(_ address: String, rule: SiteRule) async throws -> (article: Article, links: RulePageLinks) {
        let document = try await fetcher.fetch(address, etag: nil, lastModified: nil)
        let article = try ArticleExtractor.extract(document.bytes, url: document.url, charset: document.charset, rule: rule)
        return (article, RulePageLinks.find(in: document.bytes, url: document.url, charset: document.charset, rule: rule))
    }

    /// Whether two addresses are on one site: the same host, or one a subdomain of the other's
    /// (`www.` aside), so that a rule never walks an article off to another site.
    static func sameSite(_ first: String, _ second: String) -> Bool {
        func host(_ url: String) -> String? {
            guard let host = URL(string: url)?.host?.lowercased() else { return nil }
            return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        }
        guard let a = host(first), let b = host(second) else { return false }
        return a == b || a.hasSuffix("." + b) || b.hasSuffix("." + a)
    }
}
