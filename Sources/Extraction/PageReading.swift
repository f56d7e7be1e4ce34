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
    /// when no container scored or kept any, every kept run of the page. A short winner above
    /// the headline gives way to the block the headline opens (``postUnderHeadline()``).
    func body(title: String?) -> BodyChoice {
        if let post = postUnderHeadline() {
            let body = BodyChoice.fromContainers([post], paragraphs: paragraphs, headline: headline, excluded: walker.excluded, title: title)
            if !body.text.isEmpty { return body }
        }
        let body = BodyChoice.fromContainers(selection.containers, paragraphs: paragraphs, headline: headline, excluded: walker.excluded, title: title)
        return body.text.isEmpty ? BodyChoice.fromPageProse(paragraphs, excluded: walker.excluded, title: title) : body
    }

    /// The block a post's headline opens, when the scorer's winner is a short block wholly
    /// above it: a blog's tagline wins only where the post is written in runs too short to
    /// score (a list, a photo's caption, a few lines of verse), and a story follows its
    /// headline. The block is the headline's nearest ancestor that holds text after it; none
    /// when that is the page itself, or holds the winner too.
    private func postUnderHeadline() -> MarkupNode? {
        guard let mark = headline.marks.first, !selection.containers.isEmpty else { return nil }
        let containers = selection.containers
        var prose = 0, first = Int.max, last = Int.min
        for (index, paragraph) in paragraphs.enumerated() where paragraph.ancestors.contains(where: containers.contains) {
            if ContentScorer.isProse(paragraph) { prose += paragraph.span }
            first = min(first, index)
            last = max(last, index)
        }
        guard first <= last, last < mark.next - 1, prose < ContentScorer.Tuning.loneParagraphSpan else { return nil }
        var block = mark.node
        while let parent = block.parent, !["body", "html"].contains(parent.localName) {
            block = parent
            guard !containers.contains(where: { $0.isWithin([block]) }) else { return nil }
            let holdsText = paragraphs[min(mark.next, paragraphs.count)...].contains { run in
                !run.isHeading && run.linkDensity < ContentScorer.Tuning.scoredLinkDensity && run.ancestors.contains(block)
            }
            if holdsText { return block }
        }
        return nil
    }

    /// Runs read after the headline for its byline, and before it (a date set over the title).
    static let bylineRunsAfter = 4
    static let bylineRunsBefore = 2

    /// The short runs by the headline where a page prints who wrote the story and when: the
    /// texts that follow a heading headline in the page (``Byline/runs(after:)``), the walk's
    /// few runs after the headline up to the first prose, and the two before it. Without a
    /// headline, the body's first runs up to its prose and the two before them.
    func bylineRuns(of body: BodyChoice) -> [String] {
        // The first run after the headline, and where the runs before it end (at the headline).
        let after: Int, before: Int
        var runs: [String] = []
        if let mark = headline.marks.first {
            (after, before) = (mark.next, mark.isRun ? mark.next - 1 : mark.next)
            // A headline that is a heading of its own is followed in the page, through what
            // the walk leaves out as chrome (a byline's `meta` box).
            if Paragraph.isHeadingTag(mark.node.localName) { runs = Byline.runs(after: mark.node) }
        } else if let first = paragraphs.firstIndex(where: { $0.ancestors.contains(where: body.containers.contains) }) {
            (after, before) = (first, first)
        } else {
            return []
        }
        for run in paragraphs[min(after, paragraphs.count)..<min(paragraphs.count, after + PageReading.bylineRunsAfter)] {
            if ContentScorer.isProse(run) { break }
            runs.append(run.text)
        }
        return runs + paragraphs[max(0, before - PageReading.bylineRunsBefore)..<before].reversed().map(\.text)
    }

    /// The body's HTML, written by a sanitizer that leaves out what this reading left out.
    func html(of body: BodyChoice, baseURL: String?) -> String {
        guard !body.text.isEmpty else { return "" }
        let sanitizer = HTMLSanitizer(baseURL: baseURL, rejected: body.rejected, droppedRuns: body.droppedRuns, shown: walker.shownHidden, readsLandmarks: walker.readsLandmarks)
        return sanitizer.html(of: body.containers)
    }
}
