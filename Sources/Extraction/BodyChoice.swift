import Markup

/// Where an article's body came from: the links of the extractor's fallback chain, in order.
public enum BodySource: String, Sendable, Hashable {
    /// The `body` of the page's site rule (``SiteRule``).
    case siteRule = "site rule"
    /// The container the scorer chose (and its siblings).
    case container
    /// No container won: the page's prose outside its chrome.
    case pageProse = "page prose"
    /// Nothing outside the page's landmarks: the page read with the text of its `aside`,
    /// `header`, `footer`, `dialog`, captions and `noscript` (``PageWalker/readsLandmarks``).
    case landmarks = "page landmarks"
    /// The publisher's JSON-LD `articleBody`.
    case articleBody = "JSON-LD articleBody"
    /// Nothing else: the page's `og:description` or `description`.
    case description
}

/// The text runs kept as the body, the elements left out of its HTML, and where it came from.
struct BodyChoice {
    var text: String
    var containers: [MarkupNode]
    /// Subtrees left out whole: chrome, comments, hidden blocks.
    var rejected: Set<MarkupNode>
    /// Elements whose own text run the filter dropped (a teaser line, a category line); their
    /// block children are judged on their own.
    var droppedRuns: Set<MarkupNode> = []
    /// The runs of the chosen containers left out, and why, in page order.
    var droppedLines: [(text: String, reason: BodyFilter.DropReason)] = []
    var source: BodySource

    /// The text of a site rule's body: with `prune` (the default) only the runs the generic
    /// filter keeps, without it every run. A body the walker finds no text in (the rule picked
    /// an element the walker reads as chrome) is read from its children.
    static func fromRule(_ nodes: [MarkupNode], prune: Bool, title: String?) -> BodyChoice {
        var walker = PageWalker()
        for node in nodes {
            walker.walk(node)
        }
        var paragraphs = walker.paragraphs()
        if paragraphs.isEmpty {
            walker = PageWalker()
            for node in nodes {
                for child in node.elements { walker.walk(child) }
            }
            paragraphs = walker.paragraphs()
        }
        guard prune else {
            return BodyChoice(text: paragraphs.map(\.text).joined(separator: "\n\n"), containers: nodes, rejected: walker.excluded, source: .siteRule)
        }
        var choice = keeping(paragraphs, containers: nodes, excluded: walker.excluded, title: title, source: .siteRule)
        choice.source = .siteRule
        return choice
    }

    /// The kept runs of the chosen containers. Above the headline only whole sentences of
    /// prose are kept: the runs there are a kicker, a section's name with the date, a photo's
    /// caption or what is left of a breadcrumb, never the story.
    static func fromContainers(_ containers: [MarkupNode], paragraphs: [Paragraph], headline: Headline? = nil, excluded: Set<MarkupNode>, title: String?) -> BodyChoice {
        let indices = paragraphs.indices.filter { paragraphs[$0].ancestors.contains(where: containers.contains) }
        var first = headline?.start(in: containers) ?? 0
        // A heading far down that says the title again (a section named like the page) is not
        // the headline: the story does not start there.
        if indices.lazy.filter({ $0 < first }).reduce(0, { $0 + paragraphs[$1].length }) > Headline.reach { first = 0 }
        var dropped: Set<MarkupNode> = []
        var lines: [(text: String, reason: BodyFilter.DropReason)] = []
        var inside: [Paragraph] = []
        for index in indices {
            let paragraph = paragraphs[index]
            if index < first && !(ContentScorer.isProse(paragraph) && TextMeasure.endsWithSentenceMark(paragraph.text)) {
                dropped.insert(paragraph.owner)
                lines.append((paragraph.text, paragraph.tag == "h1" || paragraph.text == title ? .headline : .aboveHeadline))
                continue
            }
            inside.append(paragraph)
        }
        var choice = keeping(inside, containers: containers, excluded: excluded, dropped: dropped, title: title, source: .container)
        choice.droppedLines.insert(contentsOf: lines, at: 0)
        return choice
    }

    /// Every kept run of the page outside its chrome, in a page whose prose is too short or too
    /// scattered for any container to score (a lone heading and an image, text inside a link).
    static func fromPageProse(_ paragraphs: [Paragraph], excluded: Set<MarkupNode>, title: String?) -> BodyChoice {
        guard let first = paragraphs.first, let root = first.ancestors.last else {
            return BodyChoice(text: "", containers: [], rejected: excluded, source: .pageProse)
        }
        return keeping(paragraphs, containers: [root], excluded: excluded, title: title, source: .pageProse)
    }

    /// Whether a run left last, over runs that were all dropped, titles them as a heading
    /// would: a short line without figures that hangs on a colon or an ellipsis ("You may
    /// also be interested in...", "Like this:"), or that is no sentence over a block of
    /// links ("Related news"). A line with figures is a dateline or an attribution ("— a name
    /// (@handle) May 4, 2019"), the article's own.
    private static func titlesLinks(_ run: Paragraph, over next: Paragraph) -> Bool {
        guard run.span <= titleLength, let last = run.text.last, !run.text.contains(where: \.isNumber) else { return false }
        // A line left hanging on a colon or an ellipsis introduced what was dropped after it,
        // whatever that was ("Like this:" over a widget).
        if run.text.hasSuffix("...") || run.text.hasSuffix("…") || run.text.hasSuffix(":") { return true }
        return next.linkDensity > 0.5 && !TextMeasure.closesSentence(last)
    }

    /// Whether `last`, the last run kept, at `position` of `candidates`, titles what follows it
    /// rather than ending the text: a heading (not a sentence set as one) over dropped runs or
    /// over a form, or a short line over a block of links unless it is the next item of the
    /// list `previous` is an item of.
    private static func titlesDropped(_ last: Paragraph, at position: Int, of candidates: [Paragraph], after previous: Paragraph) -> Bool {
        let heading = last.isHeading && !BodyFilter.isSentenceHeading(last)
        guard position < candidates.count - 1 else { return heading && titlesForm(last.owner) }
        return heading || !continuesList(last, after: previous) && titlesLinks(last, over: candidates[position + 1])
    }

    /// Whether `run` is the next item of the list `previous` is an item of: the last of a
    /// post's short items ("Matches in a tin") above its footer's links, not a line titling them.
    private static func continuesList(_ run: Paragraph, after previous: Paragraph) -> Bool {
        guard run.tag == "li", previous.tag == "li", let parent = run.owner.parent, let previousParent = previous.owner.parent else { return false }
        return parent.isSameNode(as: previousParent)
    }

    /// The stretches of `kept` (whose candidates' positions are `positions`) after the last of
    /// the prose, at `lastProse`, that are further reading: a list of ``linkedListItems`` or
    /// more, each item holding a link off the page ("More Great WIRED Stories": a headline's
    /// words with its end linked), however little of each item the link covers.
    private static func furtherReading(in kept: [Paragraph], at positions: [Int], after lastProse: Int) -> [Range<Int>] {
        var stretches: [Range<Int>] = []
        var start = positions.firstIndex { $0 > lastProse } ?? kept.count
        while start < kept.count {
            var end = start
            while end < kept.count, isLinkedItem(kept[end], of: kept[start]) { end += 1 }
            if end - start >= linkedListItems { stretches.append(start..<end) }
            start = max(end, start + 1)
        }
        return stretches
    }

    /// Whether `run` is an item of the list `first` is an item of, and holds a link off the
    /// page. A footnote opens with a link back to where it is cited (`^`): a list of notes
    /// and references is the article's own, whatever sources its items link to.
    private static func isLinkedItem(_ run: Paragraph, of first: Paragraph) -> Bool {
        guard run.tag == "li", first.tag == "li", run.linkSpan > 0, let parent = run.owner.parent, let firstParent = first.owner.parent,
              parent.isSameNode(as: firstParent) else { return false }
        let opening = run.owner.descendants(limit: itemElements).first { PageWalker.isLink($0, name: $0.localName) }
        return opening.map { !PageWalker.isFragmentLink($0) } ?? false
    }

    /// Elements of a list item searched for its link.
    static let itemElements = 40

    /// Items a list of links after the prose holds at least, to be further reading rather
    /// than the story's closing points.
    static let linkedListItems = 3

    /// Whether the element after `heading` is a form, or holds one near its start: the heading
    /// titles the form ("Leave a Reply", "Kommentar schreiben"), which says nothing a reader
    /// reads, whatever it is called.
    private static func titlesForm(_ heading: MarkupNode) -> Bool {
        var sibling = heading.nextSibling
        while let node = sibling, node.kind != .element { sibling = node.nextSibling }
        guard let next = sibling else { return false }
        return next.localName == "form" || next.descendants(limit: formSearch).contains { $0.localName == "form" }
    }

    /// Elements searched for a form after a heading.
    static let formSearch = 20

    /// Letters of a line that may title a block in place of a heading.
    static let titleLength = 40

    private static func keeping(_ candidates: [Paragraph], containers: [MarkupNode], excluded: Set<MarkupNode>, dropped: Set<MarkupNode> = [], title: String?, source: BodySource) -> BodyChoice {
        // Where the container's prose is: a list of links between two prose runs is the
        // article's own (a post listing what it talks about); before or after all of it, it is
        // a block of related links.
        // In a post written as lists (release notes, a weekly roundup) its long, lightly linked
        // items stand for its prose.
        let inLists = ContentScorer.isWrittenAsLists(candidates)
        let proseIndices = candidates.indices.filter { ContentScorer.isProse(candidates[$0], inLists: inLists) }
        let firstProse = proseIndices.first ?? Int.max, lastProse = proseIndices.last ?? Int.min
        var kept: [Paragraph] = []
        /// The candidates' indices of `kept`.
        var lastKept: [Int] = []
        var dropped = dropped
        var lines: [(index: Int, text: String, reason: BodyFilter.DropReason)] = []
        var previous: Paragraph?
        let captions = ImageCaptions(in: containers)
        for (index, paragraph) in candidates.enumerated() {
            defer { previous = paragraph }
            let place: BodyFilter.ProsePlace = proseIndices.isEmpty ? .noProse
                : index > firstProse && index < lastProse ? .amid : index < firstProse ? .lead : .outside
            if let reason = BodyFilter.dropReason(paragraph, after: previous, title: title, place: place) {
                dropped.insert(paragraph.owner)
                lines.append((index, paragraph.text, reason))
                continue
            }
            if captions.repeatsImageText(paragraph) {
                lines.append((index, paragraph.text, .imageCaption))
                continue
            }
            // A short line said twice in a row (a caption and its credit, a repeated label) is
            // kept once; whole paragraphs are kept as often as the author wrote them.
            if let last = kept.last, last.text == paragraph.text, paragraph.length < BodyFilter.repeatedLineLength { continue }
            kept.append(paragraph)
            lastKept.append(index)
        }
        if !proseIndices.isEmpty {
            for range in furtherReading(in: kept, at: lastKept, after: lastProse).reversed() {
                dropped.formUnion(kept[range].map(\.owner))
                lines.append(contentsOf: range.map { (lastKept[$0], kept[$0].text, BodyFilter.DropReason.linkList) })
                kept.removeSubrange(range)
                lastKept.removeSubrange(range)
            }
        }
        // A heading left last, over runs that were all dropped, titled them ("Related
        // stories", "Comments"); a heading that ends the text itself is the author's, unless
        // what follows it is a form ("Leave a Reply" over the reply form). A short line over a
        // block of links titles it the same way. A whole sentence set as a heading (a page that
        // writes every paragraph in `<h2>`) titles nothing.
        while kept.count > 1, let last = kept.last, let position = lastKept.last,
              titlesDropped(last, at: position, of: candidates, after: kept[kept.count - 2]) {
            dropped.insert(last.owner)
            lines.append((position, last.text, .titlesDropped))
            kept.removeLast()
            lastKept.removeLast()
        }
        // An element with a run kept and another dropped (text on both sides of a `<br><br>`)
        // stays in the HTML: the sanitizer leaves out whole elements, not runs.
        dropped.subtract(kept.map(\.owner))
        lines.sort { $0.index < $1.index }
        return BodyChoice(text: kept.map(\.text).joined(separator: "\n\n"), containers: containers, rejected: excluded, droppedRuns: dropped,
                          droppedLines: lines.map { ($0.text, $0.reason) }, source: source)
    }
}
