import FeedwrightCore
import Foundation
import Markup

/// Where a site rule says the rest of an article is: a single-page view of it
/// (`single_page_link`) or its next page (`next_page_link`), as absolute URLs.
///
/// A link expression may select an element (its `href`, else its text, is the address), an
/// attribute, or give a string. A link with `if_page_contains` counts only on a page where
/// that expression selects something.
public struct RulePageLinks: Sendable, Hashable {
    /// The page that holds the whole article.
    public var singlePage: String?
    /// The article's next page.
    public var nextPage: String?

    /// No links.
    public init(singlePage: String? = nil, nextPage: String? = nil) {
        self.singlePage = singlePage
        self.nextPage = nextPage
    }

    /// The rule's links on the page at `url`; none when the rule names none (the page is
    /// then not parsed), when the page cannot be parsed, or when a link is not an http(s)
    /// address other than the page itself.
    public static func find(in bytes: [UInt8], url: String, charset: String? = nil, rule: SiteRule) -> RulePageLinks {
        guard !rule.singlePageLink.isEmpty || !rule.nextPageLink.isEmpty else { return RulePageLinks() }
        let input = SiteRuleApplication.replacing(bytes, rule: rule)
        guard let document = try? MarkupDocument.parseHTML(input, options: MarkupOptions(encoding: charset, baseURL: url)) else {
            return RulePageLinks()
        }
        return RulePageLinks(
            singlePage: firstLink(rule.singlePageLink, in: document, page: url),
            nextPage: firstLink(rule.nextPageLink, in: document, page: url))
    }

    private static func firstLink(_ links: [SiteRule.PageLink], in document: MarkupDocument, page: String) -> String? {
        for link in links {
            if let condition = link.condition, !((try? document.evaluate(condition))?.isTruthy ?? false) { continue }
            guard let value = try? document.evaluate(link.xpath) else { continue }
            let reference: String?
            var base: MarkupNode?
            switch value {
            case .nodes(let nodes):
                base = nodes.first
                reference = nodes.first.map { node in node.isAttribute ? node.textContent : (node.attribute("href") ?? node.textContent) }
            default:
                reference = value.firstString
            }
            guard let reference = reference?.trimmingCharacters(in: .whitespacesAndNewlines), !reference.isEmpty else { continue }
            var address = base?.resolve(reference) ?? URLResolver.resolve(reference, against: page)
            if let hash = address.firstIndex(of: "#") { address = String(address[..<hash]) }
            if WebURL.isHTTP(address), !samePage(address, page) { return address }
        }
        return nil
    }

    /// Whether two addresses name the same page (fragments aside).
    static func samePage(_ first: String, _ second: String) -> Bool {
        func trimmed(_ url: String) -> Substring { url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? Substring(url) }
        return trimmed(first) == trimmed(second)
    }
}

extension Article {
    /// The article with the bodies of its later pages appended, in order: the first page's
    /// title, authors and dates stay; text and HTML are joined.
    public func appendingPages(_ pages: [Article]) -> Article {
        var joined = self
        for page in pages where !page.text.isEmpty {
            joined.text += joined.text.isEmpty ? page.text : "\n\n" + page.text
            joined.html += page.html
        }
        return joined
    }
}
