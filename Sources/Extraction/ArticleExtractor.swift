import FeedwrightCore
import Foundation
import Markup

/// Extracts the article from an HTML page: bytes (and the page URL and transport charset) in,
/// ``Article`` out. Pure: no network, no disk, no clock.
///
/// The body comes from the first source of a fallback chain that yields text (see
/// ``BodySource``): the scored container, the page's prose outside its chrome, the publisher's
/// JSON-LD `articleBody`, and last the page's own description. Only a page with none of these
/// is refused with ``ExtractionError/noContent``.
public enum ArticleExtractor {
    /// Extracts title, metadata and the clean body of a page.
    /// - Throws: ``ExtractionError`` when the page cannot be parsed or holds no article text.
    public static func extract(_ bytes: [UInt8], url: String? = nil, charset: String? = nil) throws(ExtractionError) -> Article {
        let analysis = try analyse(bytes, url: url, charset: charset)
        guard let article = analysis.article else { throw .noContent }
        return article
    }

    /// What the extractor weighed on a page and what it chose: for `extract --explain` and for
    /// whoever writes a site rule.
    public static func explain(_ bytes: [UInt8], url: String? = nil, charset: String? = nil) throws(ExtractionError) -> ExtractionExplanation {
        try analyse(bytes, url: url, charset: charset).explanation
    }

    private static func analyse(_ bytes: [UInt8], url: String?, charset: String?) throws(ExtractionError) -> (article: Article?, explanation: ExtractionExplanation) {
        let document: MarkupDocument
        do {
            document = try MarkupDocument.parseHTML(bytes, options: MarkupOptions(encoding: charset, baseURL: url))
        } catch {
            throw .unreadable(error)
        }
        guard let root = document.root else { return (nil, ExtractionExplanation()) }
        let metadata = MetadataReader(root: root)
        let pageBody = root.elements.first { $0.localName == "body" } ?? root

        var walker = PageWalker()
        walker.walk(pageBody)
        let paragraphs = walker.paragraphs()
        let selection = ContentScorer(paragraphs: paragraphs).select()
        let canonical = metadata.metaCanonical.map { found in url.map { URLResolver.resolve(found, against: $0) } ?? found } ?? url
        let siteName = metadata.siteName
        let title = metadata.title(siteName: siteName)
        var explanation = ExtractionExplanation(candidates: selection.ranked.map(ExtractionExplanation.Candidate.init), chosen: selection.containers.map(ExtractionExplanation.describe))

        var body = BodyChoice.fromContainers(selection.containers, paragraphs: paragraphs, excluded: walker.excluded, title: title)
        if body.text.isEmpty {
            body = BodyChoice.fromPageProse(paragraphs, excluded: walker.excluded, title: title)
        }
        var html = body.text.isEmpty ? "" : HTMLSanitizer(baseURL: canonical ?? url, rejected: body.rejected).html(of: body.containers)
        if let articleBody = metadata.articleBody.flatMap(BodyFilter.cleanArticleBody), BodyFilter.prefers(articleBody, over: body.text) {
            body.text = articleBody
            body.source = .articleBody
            html = BodyFilter.paragraphsHTML(articleBody)
        }
        if body.text.isEmpty, let description = metadata.description.flatMap(HTMLText.collapseWhitespace), description.unicodeScalars.count >= 40 {
            body.text = description
            body.source = .description
            html = BodyFilter.paragraphsHTML(description)
        }
        explanation.source = body.text.isEmpty ? nil : body.source
        guard !body.text.isEmpty else { return (nil, explanation) }
        let article = Article(
            url: canonical,
            title: title,
            authors: metadata.authors,
            published: metadata.published(url: canonical ?? url),
            modified: metadata.modified,
            language: metadata.metaLanguage,
            image: metadata.image.map { image in (canonical ?? url).map { URLResolver.resolve(image, against: $0) } ?? image },
            siteName: siteName,
            description: metadata.description,
            text: body.text,
            html: html.trimmingWhitespace()
        )
        return (article, explanation)
    }
}
