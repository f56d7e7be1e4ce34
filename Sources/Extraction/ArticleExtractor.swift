import Foundation
import Markup

/// Extracts the article from an HTML page: bytes (and the page URL and transport charset) in,
/// ``Article`` out. Pure: no network, no disk, no clock.
public enum ArticleExtractor {
    /// Extracts title, metadata and the clean body of a page.
    /// - Throws: ``ExtractionError`` when the page cannot be parsed or holds no article text.
    public static func extract(_ bytes: [UInt8], url: String? = nil, charset: String? = nil) throws(ExtractionError) -> Article {
        let document: MarkupDocument
        do {
            document = try MarkupDocument.parseHTML(bytes, options: MarkupOptions(encoding: charset, baseURL: url))
        } catch {
            throw .unreadable(error)
        }
        guard let root = document.root else { throw .noContent }
        let metadata = MetadataReader(root: root)
        let body = root.elements.first { $0.localName.lowercased() == "body" } ?? root

        var walker = PageWalker()
        walker.walk(body)
        let paragraphs = walker.paragraphs()
        let scorer = ContentScorer(paragraphs: paragraphs)
        let containers = scorer.containers()
        let canonical = metadata.metaCanonical.map { found in url.map { URLResolver.resolve(found, against: $0) } ?? found } ?? url
        let siteName = metadata.siteName
        let title = metadata.title(siteName: siteName)

        var kept: [Paragraph] = []
        var rejected = walker.excluded
        for (index, paragraph) in paragraphs.enumerated() where paragraph.ancestors.contains(where: containers.contains) {
            if BodyFilter.keeps(paragraph, after: index > 0 ? paragraphs[index - 1] : nil, title: title) {
                if kept.last?.text != paragraph.text { kept.append(paragraph) }
            } else {
                rejected.insert(paragraph.owner)
            }
        }
        var text = kept.map(\.text).joined(separator: "\n\n")
        var html = HTMLSanitizer(baseURL: canonical ?? url, rejected: rejected).html(of: containers)
        if let articleBody = metadata.articleBody.flatMap(BodyFilter.cleanArticleBody), BodyFilter.prefers(articleBody, over: text) {
            text = articleBody
            html = articleBody.components(separatedBy: "\n\n").map { "<p>" + BodyFilter.escapeHTML($0) + "</p>" }.joined()
        }
        guard !text.isEmpty else { throw .noContent }
        return Article(
            url: canonical,
            title: title,
            authors: metadata.authors,
            published: metadata.published(url: canonical ?? url),
            modified: metadata.modified,
            language: metadata.metaLanguage,
            image: metadata.image.map { image in (canonical ?? url).map { URLResolver.resolve(image, against: $0) } ?? image },
            siteName: siteName,
            description: metadata.description,
            text: text,
            html: html.trimmingCharacters(in: .whitespacesAndNewlines)
        )
    }
}

/// Which text runs of the winning containers are article text.
enum BodyFilter {
    static func keeps(_ paragraph: Paragraph, after previous: Paragraph?, title: String?) -> Bool {
        let text = paragraph.text
        let length = paragraph.length
        // A short excerpt right after a linked headline is a teaser for another article.
        if let previous, previous.linkDensity > 0.8, previous.tag.hasPrefix("h"), previous.tag.count == 2, length < 200,
           let last = text.last, !".!?\"”’)…:;»".contains(last) {
            return false
        }
        if paragraph.tag == "h1" { return false }
        if let title, text == title { return false }
        if paragraph.linkDensity > 0.5 && length < 300 { return false }
        if length < 120 && BoilerplatePatterns.isChromeLine(text) { return false }
        if length < 3 { return false }
        // A linked headline followed by a clipped summary is a teaser for another article.
        if paragraph.linkCharacters > 0 && length < 500 && (text.hasSuffix("...") || text.hasSuffix("…")) { return false }
        return true
    }

    /// JSON-LD `articleBody` with white space tidied; nil when it is only a teaser.
    static func cleanArticleBody(_ body: String) -> String? {
        let paragraphs = body.components(separatedBy: "\n").compactMap { HTMLText.plainText($0) }
        let text = paragraphs.joined(separator: "\n\n")
        return text.count >= 200 ? text : nil
    }

    /// Whether the publisher's own `articleBody` should replace what the page walk found.
    ///
    /// Only a complete body qualifies (a teaser ending in an ellipsis never does), and only
    /// when it is at least about as long as the walk's text and the walk either missed much of
    /// it (the wrong container won) or found a strict part of it.
    static func prefers(_ articleBody: String, over extracted: String) -> Bool {
        if extracted.isEmpty { return true }
        let trimmed = articleBody.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasSuffix("…") || trimmed.hasSuffix("...") { return false }
        guard Double(trimmed.count) >= 0.8 * Double(extracted.count) else { return false }
        func words(_ text: String) -> [Substring] {
            text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        }
        let bodyWords = words(trimmed)
        let extractedWords = words(extracted)
        guard !bodyWords.isEmpty, !extractedWords.isEmpty else { return false }
        let extractedSet = Set(extractedWords)
        let bodySet = Set(bodyWords)
        let recall = Double(bodyWords.filter(extractedSet.contains).count) / Double(bodyWords.count)
        let precision = Double(extractedWords.filter(bodySet.contains).count) / Double(extractedWords.count)
        if recall < 0.6 { return true }
        return Double(trimmed.count) > 1.3 * Double(extracted.count) && precision > 0.85
    }

    static func escapeHTML(_ text: String) -> String {
        var result = ""
        HTMLSerializer.escape(text, into: &result, attribute: false)
        return result
    }
}
