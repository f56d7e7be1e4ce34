import Markup

/// One reading of a page's body: its text runs, where its headline stands, and the containers
/// the scorer chose among them.
struct PageReading {
    let walker: PageWalker
    let paragraphs: [Paragraph]
    let headline: Headline
    let selection: ContentScorer.Selection

    /// Walks `body`; with `readsLandmarks` the elements that are chrome by their tag or role
    /// alone are read too (``PageWalker/readsLandmarks``).
    init(_ body: MarkupNode, readsLandmarks: Bool = false, title: String?, documentTitle: String?) {
        var walker = PageWalker()
        walker.readsLandmarks = readsLandmarks
        walker.titles = Headline.titles(title, documentTitle)
        walker.walk(body)
        paragraphs = walker.paragraphs()
        headline = Headline(paragraphs: paragraphs, headerHeadings: walker.headerHeadings, title: title, documentTitle: documentTitle)
        selection = ContentScorer(paragraphs: paragraphs, headline: headline).select()
        self.walker = walker
    }

    /// The body the generic extractor chooses here: the scored containers' kept runs, else,
    /// when no container scored or kept any, every kept run of the page.
    func body(title: String?) -> BodyChoice {
        let body = BodyChoice.fromContainers(selection.containers, paragraphs: paragraphs, headline: headline, excluded: walker.excluded, title: title)
        return body.text.isEmpty ? BodyChoice.fromPageProse(paragraphs, excluded: walker.excluded, title: title) : body
    }

    /// The body's HTML, written by a sanitizer that leaves out what this reading left out.
    func html(of body: BodyChoice, baseURL: String?) -> String {
        guard !body.text.isEmpty else { return "" }
        let sanitizer = HTMLSanitizer(baseURL: baseURL, rejected: body.rejected, droppedRuns: body.droppedRuns, shown: walker.shownHidden, readsLandmarks: walker.readsLandmarks)
        return sanitizer.html(of: body.containers)
    }
}
