import FeedwrightCore
import Foundation
import Markup

/// Extracts the article from an HTML page: bytes (and the page URL and transport charset) in,
/// ``Article`` out. Pure: no network, no disk, no clock.
///
/// The body comes from the first source of a fallback chain that yields text (see
/// ``BodySource``): the scored container, the page's prose outside its chrome, the same read
/// with the page's landmarks (`aside`, `header`, `footer`, `dialog`, captions), the publisher's
/// JSON-LD `articleBody`, and last the page's own description. Only a page with none of these
/// is refused with ``ExtractionError/noContent``.
public enum ArticleExtractor {
    /// Extracts title, metadata and the clean body of a page.
    /// - Throws: ``ExtractionError`` when the page cannot be parsed or holds no article text.
    /// - Parameter rule: the page's site rule (``SiteRuleLibrary/rule(forURL:)``): its edits
    ///   run first, its `title`, `author`, `date` and `body` win where they match; when its
    ///   body matches nothing the generic extractor chooses (unless `autodetect_on_failure: no`).
    public static func extract(_ bytes: [UInt8], url: String? = nil, charset: String? = nil, rule: SiteRule? = nil) throws(ExtractionError) -> Article {
        let analysis = try analyse(bytes, url: url, charset: charset, rule: rule)
        guard let article = analysis.article else { throw .noContent }
        return article
    }

    /// What the extractor weighed on a page and what it chose: for `extract --explain` and for
    /// whoever writes a site rule.
    public static func explain(_ bytes: [UInt8], url: String? = nil, charset: String? = nil, rule: SiteRule? = nil) throws(ExtractionError) -> ExtractionExplanation {
        try analyse(bytes, url: url, charset: charset, rule: rule).explanation
    }

    private static func analyse(_ bytes: [UInt8], url: String?, charset: String?, rule: SiteRule?) throws(ExtractionError) -> (article: Article?, explanation: ExtractionExplanation) {
        guard let rule else { return try read(bytes, url: url, charset: charset, rule: nil) }
        let ruled = try read(bytes, url: url, charset: charset, rule: rule)
        // A stale rule's strips can take the article away from the generic extractor too (a
        // class word that now names the story's wrapper): the page read without the rule's
        // edits is the check, and where the edits lost the article, that reading stands,
        // with the rule's title, authors and date.
        guard rule.autodetectOnFailure ?? true || rule.body.isEmpty else { return ruled }
        let plain = try read(bytes, url: url, charset: charset, rule: nil)
        guard var fallback = plain.article else { return ruled }
        if let kept = ruled.article, RuleAgreement.keepsArticle(kept.text, of: fallback.text) { return ruled }
        if let kept = ruled.article {
            fallback.title = kept.title
            fallback.authors = kept.authors
            fallback.published = kept.published
        }
        var explanation = plain.explanation
        explanation.ruleProblems = ruled.explanation.ruleProblems + ["the rule's edits lost the article; the page was read without them"]
        return (fallback, explanation)
    }

    /// One reading of the page, with the rule's edits and choices when there is a rule.
    private static func read(_ bytes: [UInt8], url: String?, charset: String?, rule: SiteRule?) throws(ExtractionError) -> (article: Article?, explanation: ExtractionExplanation) {
        let document: MarkupDocument
        do {
            let input = rule.map { SiteRuleApplication.replacing(bytes, rule: $0) } ?? bytes
            document = try MarkupDocument.parseHTML(input, options: MarkupOptions(encoding: charset, baseURL: url))
        } catch {
            throw .unreadable(error)
        }
        // The metadata is read before the rule's edits: a rule strips what is beside the
        // article, and the head's description, dates and JSON-LD are still the page's.
        guard let root = document.root else { return (nil, ExtractionExplanation()) }
        let metadata = MetadataReader(root: root)
        let ruled = rule.map { SiteRuleApplication.apply($0, to: document) }
        let pageBody = root.elements.first { $0.localName == "body" } ?? root

        // Only a web address is a canonical URL: a page that names `data:` or `javascript:` as
        // its own address would become the base every relative link resolves against.
        let canonical = metadata.metaCanonical.map { found in url.map { URLResolver.resolve(found, against: $0) } ?? found }
            .flatMap { ["http://", "https://"].contains(where: $0.lowercased().hasPrefix) ? $0 : nil } ?? url
        let siteName = metadata.siteName
        let title = ruled?.title ?? metadata.title(siteName: siteName)
        var reading = PageReading(pageBody, title: title, documentTitle: metadata.documentTitle)

        // `autodetect_on_failure: no` concerns a `body` that fails; a rule without one leaves
        // the body to the generic extractor.
        let autodetect = (rule?.autodetectOnFailure ?? true) || (rule?.body.isEmpty ?? true)
        var body = BodyChoice(text: "", containers: [], rejected: [], source: .siteRule)
        if autodetect {
            body = reading.body(title: title)
            // A page with no text outside its landmarks is read again with them, before the
            // publisher's summaries stand in for a body the page does show.
            if body.text.isEmpty {
                let landmarks = PageReading(pageBody, readsLandmarks: true, title: title, documentTitle: metadata.documentTitle)
                var landmarkBody = landmarks.body(title: title)
                if !landmarkBody.text.isEmpty {
                    landmarkBody.source = .landmarks
                    (reading, body) = (landmarks, landmarkBody)
                }
            }
        }
        // The containers the body was read from: the scorer's, or the block under the headline
        // that took their place (``PageReading/body(title:)``).
        let chosen = body.source == .container ? body.containers : reading.selection.containers
        var explanation = ExtractionExplanation(candidates: reading.selection.ranked.map(ExtractionExplanation.Candidate.init), chosen: chosen.map(ExtractionExplanation.describe))
        explanation.ruleProblems = ruled?.problems ?? []
        explanation.headlines = reading.headline.marks.map { ExtractionExplanation.describe($0.node) }
        if let ruled, !ruled.body.isEmpty {
            let prune = rule?.prune ?? true
            let nodes = RuleAgreement.trimmedToProse(ruled.body) { BodyChoice.fromRule([$0], prune: prune, title: title).text }
            let ruleBody = BodyChoice.fromRule(nodes, prune: prune, title: title)
            if !autodetect || RuleAgreement.accepts(ruleBody.text, over: body.text) { body = ruleBody }
        }
        explanation.dropped = body.droppedLines.map { ExtractionExplanation.describe($0.text, droppedFor: $0.reason) }
        var html = reading.html(of: body, baseURL: canonical ?? url)
        let useJSONLD = body.source != .siteRule && !(rule?.skipJSONLD ?? false)
        if useJSONLD, let articleBody = metadata.articleBody.flatMap(BodyFilter.cleanArticleBody), BodyFilter.prefers(articleBody, over: body.text) {
            body.text = articleBody
            body.source = .articleBody
            html = BodyFilter.paragraphsHTML(articleBody)
        }
        if body.text.isEmpty, autodetect, let description = metadata.description.flatMap(HTMLText.collapseWhitespace), description.unicodeScalars.count >= 40 {
            body.text = description
            body.source = .description
            html = BodyFilter.paragraphsHTML(description)
        }
        explanation.source = body.text.isEmpty ? nil : body.source
        guard !body.text.isEmpty else { return (nil, explanation) }
        // What the page prints by its headline stands in for the marks a page of an earlier
        // decade leaves out; a date in the address comes after it.
        var authors = ruled.map { $0.authors.isEmpty ? metadata.authors : $0.authors } ?? metadata.authors
        var published = ruled?.published ?? metadata.published(url: nil)
        if authors.isEmpty || published == nil {
            let byline = Byline(runs: reading.bylineRuns(of: body))
            if authors.isEmpty, let author = byline.author { authors = [author] }
            published = published ?? byline.published ?? (canonical ?? url).flatMap(MetadataReader.dateInURL)
        }
        let article = Article(
            url: canonical,
            title: title,
            authors: authors,
            published: published,
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
