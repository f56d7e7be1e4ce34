import FeedwrightCore
import Markup

/// A run of inline text in the page: the unit the extractor scores and keeps or drops.
struct Paragraph {
    /// The element whose inline content this is (a `p`, an `li`, or a `div` with bare text).
    var owner: MarkupNode
    var text: String
    /// Characters of `text` that sit inside links.
    var linkCharacters: Int
    /// The owner's tag, lower-cased.
    var tag: String
    /// The owner and its ancestors up to the body, nearest first.
    var ancestors: [MarkupNode]
    /// `text`'s length in Unicode scalars, computed once (String.count walks graphemes).
    var length: Int
    /// `length` in letters of an alphabet (``TextMeasure/span(of:)``): each character of an
    /// unspaced script (Han, kana, Thai) counted as the letters a word takes in a spaced one,
    /// a Hangul syllable as the letters it is built of. The measure the prose thresholds are
    /// set in, so that a Chinese or Korean sentence is as long as its English translation.
    var span: Int
    /// ``span`` of the web addresses written out in the text (`http://…`, `www.…`): a run of
    /// them (a theme's microdata printed as text, a list of image files) is no sentence,
    /// however long, in any language.
    var addressSpan = 0
    /// Whether the run's first words are a link's (a linked headline, "Read more"), not a
    /// sentence that cites a link further on.
    var opensWithLink = false
    /// Whether the words after that opening link carry on its sentence (", the platform…",
    /// "said on Monday"): the link is a phrase of the author's sentence, not a headline.
    var runsOnFromLink = false

    /// Whether the owner is a heading (`h1`–`h6`).
    var isHeading: Bool { Paragraph.isHeadingTag(tag) }

    static func isHeadingTag(_ tag: String) -> Bool {
        tag.utf8.count == 2 && tag.hasPrefix("h") && tag.last.map { ("1"..."6").contains($0) } == true
    }

    var linkDensity: Double {
        length == 0 ? 0 : Double(linkCharacters) / Double(length)
    }

    /// ``span`` of the text inside links, taken at the run's link density.
    var linkSpan: Int {
        length == 0 ? 0 : linkCharacters * span / length
    }
}

/// Walks an HTML tree once, skipping chrome, and collects its inline text runs. Element and
/// attribute names are compared as they are: libxml2's HTML parser lower-cases them.
///
/// Chrome is recognised by element (navigation, forms, scripts, asides), by visibility
/// (`hidden`, `aria-hidden`, `display:none`) and by class/id words (``BoilerplatePatterns``);
/// an element is chrome by its names when their negative words outnumber the positive ones
/// (article, content, story…): `entry-content share-enabled` is the article,
/// `like-post-wrapper jetpack-likes-widget-wrapper` a widget, and `article-share` a share box
/// (a name ending in a chrome word counts no article words, ``BoilerplatePatterns/tally(tokens:nameStarts:)``).
struct PageWalker {
    static let inlineElements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q",
        "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "img", "strike", "tt", "ins", "del",
    ]
    static let neverExcluded: Set<String> = ["html", "body", "article", "main"]

    /// Whether elements that are chrome by their tag or role alone (``landmarkElements``,
    /// ``landmarkRoles``) are read as content: the last reading of a page that gave no text
    /// otherwise (a story shown in a `<dialog>`, written in an `<aside>` or a `<header>`, a
    /// photo essay told in its captions, a script's page whose text is only in `<noscript>`,
    /// or only in the `<template>` its script fills the page from).
    /// Navigation, forms' controls and scripts stay out.
    var readsLandmarks = false
    static let landmarkElements: Set<String> = ["aside", "header", "footer", "dialog", "figcaption", "noscript", "label", "template"]
    static let landmarkRoles: Set<String> = ["banner", "contentinfo", "complementary", "dialog", "alert"]

    /// The page's titles (its metadata title and its `<title>`), normalised
    /// (``Headline/normalised(_:)``): a suspect holding a heading that says one is the story's
    /// wrapper, whatever its class, however small its share of the page (see ``paragraphs``).
    var titles: [String] = []

    private var collected: [Paragraph] = []
    private var ancestors: [MarkupNode] = []
    private var names = ClassNameReadings()
    /// Elements whose class or id reads as chrome; whether they really are is decided once the
    /// whole page has been seen (see ``paragraphs``).
    private var suspects: Set<MarkupNode> = []
    /// Lists shaped like readers' comments (``CommentShape``): suspects too, but weighed by all
    /// their text, links and all (see ``paragraphs``).
    private var commentShaped: Set<MarkupNode> = []
    /// The lists of ``commentShaped`` whose cards open with many different names, with their
    /// cards.
    private var manyVoiced: [MarkupNode: [MarkupNode]] = [:]
    /// Lists of teasers for other pages (``TeaserShape``), each list's cards: dropped unless
    /// they hold much of the page's text outside links, as a suspect is.
    private var teaserLists: [[MarkupNode]] = []
    /// Elements named as readers' comments, and those of them that hold an `h1` (a page that
    /// calls its whole layout "comments" still has its headline inside).
    private var commentThreads: Set<MarkupNode> = []
    private var holdsHeadline: Set<MarkupNode> = []
    /// Suspects holding an `h1`–`h3` that says the page's title (``titles``).
    private var suspectsWithHeadline: Set<MarkupNode> = []
    /// Hidden elements, walked like any other: whether they are chrome is decided by their
    /// share of the page's text (see ``paragraphs``).
    private var hiddenBlocks: Set<MarkupNode> = []
    /// A suspect holding this share of the page's text is a layout wrapper (see ``paragraphs``).
    static let suspectShare = 0.4
    /// A hidden element holding this share of the page's text is the page, shown by a script.
    static let hiddenPageShare = 0.8
    /// The hidden elements that held the page, for the sanitizer to write as well.
    private(set) var shownHidden: Set<MarkupNode> = []
    /// The headings inside `<header>` elements, which are chrome for their text but hold the
    /// story's headline on many pages: each with the index of the first run after it (of
    /// ``paragraphs()`` once it has run), for ``Headline``.
    private(set) var headerHeadings: [(node: MarkupNode, text: String, next: Int)] = []
    /// Suspects that turned out to be chrome, for the sanitizer to leave out as well.
    private(set) var excluded: Set<MarkupNode> = []

    /// Whether a table row holds data (short cells of inline text) rather than page layout.
    static func isDataRow(_ row: MarkupNode) -> Bool {
        for cell in row.elements {
            for child in cell.elements where !inlineElements.contains(child.localName) { return false }
            if cell.textContent.count > 200 { return false }
        }
        return true
    }

    /// Whether an element is a link a reader can follow. A `javascript:` "link" (a script's
    /// click target wrapped around ordinary text) leads nowhere, so its text counts as text.
    static func isLink(_ node: MarkupNode, name: String) -> Bool {
        guard name == "a" else { return false }
        guard let href = node.attribute("href") else { return true }
        return !href.trimmingWhitespace().lowercased().hasPrefix("javascript:")
    }

    /// Whether an element is a link to a place in the same page (`href="#…"`).
    static func isFragmentLink(_ node: MarkupNode) -> Bool {
        node.attribute("href")?.trimmingWhitespace().hasPrefix("#") == true
    }

    /// Whether an element has a block element (a paragraph, a heading, a `div`) as a child.
    static func holdsBlocks(_ node: MarkupNode) -> Bool {
        node.elements.contains { !inlineElements.contains($0.localName) } || holdsBreakPair(node)
    }

    /// Whether two `<br>` in a row (white space between them at most) stand among `node`'s
    /// children: how pages without `<p>` (older ones, forum posts, Blogger's editor) end a
    /// paragraph, as Readability reads them too.
    static func holdsBreakPair(_ node: MarkupNode) -> Bool {
        var afterBreak = false
        for child in node.children {
            switch child.kind {
            case .element where child.localName == "br":
                if afterBreak { return true }
                afterBreak = true
            case .text where (child.ownContent ?? "").isBlank:
                continue
            case .text, .element:
                afterBreak = false
            default:
                continue
            }
        }
        return false
    }

    /// What an element's tag, visibility, role and class say about it.
    enum Verdict {
        /// Never article text (scripts, navigation).
        case chrome
        /// Hidden (`hidden`, `aria-hidden`, `display:none`): chrome, unless it holds most of
        /// the page's text — a page kept hidden until a script shows it, or behind a modal
        /// that marks everything under it `aria-hidden`.
        case hidden
        /// Chrome by its class or id, unless it turns out to hold most of the page's text. A
        /// `<form>` is one whatever its name: a reply or search form is chrome, but ASP.NET
        /// and older portals wrap the whole page in one.
        case suspect
        /// Readers' comments, by name (`#comments`, `.comment-list`, `#disqus_thread`) or by
        /// schema.org markup, whatever positive word rides along (`comment-content`,
        /// `post-comments`): chrome unless it holds the page's headline.
        case comments
        case content
    }

    /// The attributes ``verdict(_:name:)`` reads, fetched in one walk of the element's list.
    private static let verdictAttributes = MarkupAttributeNames(["hidden", "aria-hidden", "style", "role", "class", "id", "itemtype", "itemprop"])
    private static let hiddenStyles = ["display:none", "visibility:hidden"].map { Array($0.utf8) }
    private static let chromeRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "menu", "dialog", "alert"]

    static func verdict(_ node: MarkupNode, name: String, readsLandmarks: Bool = false) -> Verdict {
        var names = ClassNameReadings()
        return verdict(node, name: name, readsLandmarks: readsLandmarks, names: &names)
    }

    /// ``verdict(_:name:readsLandmarks:)`` with the class names read so far on the page.
    static func verdict(_ node: MarkupNode, name: String, readsLandmarks: Bool = false, names: inout ClassNameReadings) -> Verdict {
        if BoilerplatePatterns.excludedElements.contains(name), !(readsLandmarks && landmarkElements.contains(name)) { return .chrome }
        // What the element is when nothing about it says otherwise.
        let plain: Verdict = name == "form" ? .suspect : .content
        guard node.hasAttributes else { return plain }
        let values = node.attributes(verdictAttributes)
        let (hidden, ariaHidden, style, role, classes, id, itemType, itemProperty) = (values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7])
        if hidden != nil || ariaHidden == "true" { return .hidden }
        if let style {
            let compact = Array(style.lowercased().utf8.filter { $0 != UInt8(ascii: " ") })
            if hiddenStyles.contains(where: { BoilerplatePatterns.contains(compact, $0) }) { return .hidden }
        }
        if neverExcluded.contains(name) { return .content }
        if let role = role?.lowercased(), chromeRoles.contains(role), !(readsLandmarks && landmarkRoles.contains(role)) { return .chrome }
        guard classes != nil || id != nil || itemType != nil || itemProperty != nil else { return plain }
        let classReading = classes.map { names.reading($0) }, idReading = id.map { names.reading($0) }
        if classReading?.namesComments == true || idReading?.namesComments == true || isSchemaComment(type: itemType, property: itemProperty) {
            return .comments
        }
        // Words of both kinds: the more numerous decide (`like-post-wrapper
        // jetpack-likes-widget-wrapper` is a widget, `entry-content share-enabled` the post).
        let chromeWords = (classReading?.chromeWords ?? 0) + (idReading?.chromeWords ?? 0)
        guard chromeWords > (classReading?.articleWords ?? 0) + (idReading?.articleWords ?? 0) else { return plain }
        // An id made from the section's own heading ("sharing-with-a-single-developer") names
        // what the section is about, not what part of the page it is.
        if let id, let idReading, (classReading?.chromeWords ?? 0) == 0, isHeadingSlug(id, chromeWords: idReading.chromeWords, of: node) {
            return .content
        }
        // A box holding one quotation and nothing else (scripts aside) is a post the article
        // quotes, embedded whatever the box is called (`social-media-embed` round a tweet).
        if holdsOneQuotation(node) { return .content }
        return .suspect
    }

    /// Whether an inline element that is chrome by its class only is the opening words of a
    /// sentence that runs on after it in the same run: a story's dateline (`<span
    /// class="dateline">CAIRO —</span> Gunmen opened fire…`), a name (`<span
    /// class="author">`) a quotation is credited to. A share button or a label stands apart
    /// from the prose and has no sentence after it.
    static func opensSentence(_ node: MarkupNode, name: String, names: inout ClassNameReadings) -> Bool {
        guard verdict(node, name: name, names: &names) == .suspect, !holdsBlocks(node) else { return false }
        let own = TextMeasure.span(of: node.textContent)
        guard own > 0, own <= sentenceOpeningSpan else { return false }
        var following = 0
        var sibling = node.nextSibling
        while let next = sibling, following < sentenceAfterOpeningSpan {
            if next.kind == .element, !inlineElements.contains(next.localName) { break }
            following += TextMeasure.span(of: next.kind == .text ? next.ownContent ?? "" : next.textContent)
            sibling = next.nextSibling
        }
        return following >= sentenceAfterOpeningSpan
    }

    /// Whether an element inside a run of text is a card set into the sentence, shown when a
    /// name is hovered (a person's picture, their name and links to stories about them): it
    /// opens with a picture, holds ``inlineCardLinks`` links or more, and its text is nearly
    /// all theirs. Its words are no part of the sentence, and would make the sentence a list
    /// of links.
    static func isInlineCard(_ node: MarkupNode, name: String) -> Bool {
        guard name != "a" else { return false }
        // Down the first children to the picture, through wrappers only: most inline elements
        // hold a word or a link first, and are done with here.
        var first = node.elements.first
        while let element = first {
            let elementName = element.localName
            if elementName == "img" || elementName == "picture" { break }
            if elementName == "a" { return false }
            first = element.elements.first
        }
        guard first != nil else { return false }
        var links = 0, linked = 0
        for element in node.descendants(limit: inlineCardElements) where isLink(element, name: element.localName) {
            links += 1
            linked += TextMeasure.span(of: element.textContent)
        }
        guard links >= inlineCardLinks else { return false }
        return Double(linked) >= inlineCardLinkShare * Double(TextMeasure.span(of: node.textContent))
    }

    /// Links a card set into a sentence holds at least…
    static let inlineCardLinks = 3
    /// …and the share of its letters inside them.
    static let inlineCardLinkShare = 0.8
    /// Elements of such a card looked at, at most.
    static let inlineCardElements = 60

    /// The letters an inline opening of a sentence (``opensSentence(_:name:names:)``) holds at most.
    static let sentenceOpeningSpan = 40
    /// The letters of the same run that follow such an opening at least.
    static let sentenceAfterOpeningSpan = 80

    /// Whether the element's children are one `blockquote` and, at most, scripts.
    static func holdsOneQuotation(_ node: MarkupNode) -> Bool {
        var quotations = 0
        for child in node.elements {
            switch child.localName {
            case "blockquote": quotations += 1
            case "script": continue
            default: return false
            }
        }
        return quotations == 1
    }

    /// Whether schema.org microdata marks the element as a comment or a list of them.
    static func isSchemaComment(type: String?, property: String?) -> Bool {
        if let type = type?.lowercased(), type.hasSuffix("/comment") || type.hasSuffix("/usercomments") { return true }
        if let property = property?.lowercased(), property == "comment" || property == "comments" { return true }
        return false
    }

    /// Whether `id` spells the text of the element's first heading, as documentation and
    /// Markdown generators make section ids, and says more than a part of the page: fewer
    /// than half its words (`chromeWords` of them) name chrome. A box headed "Related Items"
    /// with the id `related_items` is the related box its heading says it is; a section
    /// `sharing-with-a-single-developer` is about sharing.
    static func isHeadingSlug(_ id: String, chromeWords: Int, of node: MarkupNode) -> Bool {
        guard let heading = node.elements.first(where: { Paragraph.isHeadingTag($0.localName) }) else { return false }
        let idTokens = BoilerplatePatterns.tokens(id)
        return idTokens.count >= 2 && chromeWords * 2 < idTokens.count
            && idTokens == TextMeasure.words(heading.textContent.lowercased()).map(String.init)
    }

    /// Whether the element is chrome by itself (used for inline elements and table cells). A
    /// link inside a run is a part of its sentence whatever its class says (a note that opens
    /// in a `popup`, a `tooltip`), as it is in the HTML the sanitizer writes: only its tag, or
    /// being hidden, takes it out.
    static func isExcluded(_ node: MarkupNode, name: String) -> Bool {
        var names = ClassNameReadings()
        return isExcluded(node, name: name, names: &names)
    }

    /// ``isExcluded(_:name:)`` with the class names read so far on the page.
    static func isExcluded(_ node: MarkupNode, name: String, names: inout ClassNameReadings) -> Bool {
        switch verdict(node, name: name, names: &names) {
        case .content: false
        case .suspect: name != "a"
        case .chrome, .hidden, .comments: true
        }
    }

    /// The page's text runs without those inside chrome. A class that reads as chrome
    /// (`widget`, `advertisement-pusher`, `non-ad-column`, `printArea`) on an element holding
    /// 40 % or more of the page's text outside links, or holding the headline (a heading that
    /// says the page's title), is a layout wrapper, not chrome, and is kept. Link text is left
    /// out of that count: a blogroll or a tag cloud beside a short post is long in letters, not
    /// in what it says. A list shaped like comments is kept only when
    /// it holds 40 % of all the page's text, links included, and does not stand under a
    /// heading of its own after an article (``followsArticle(_:in:)``): a live blog is most of
    /// its page as a reader sees it, a thread under a short story is not, though it may say as
    /// much.
    mutating func paragraphs() -> [Paragraph] {
        let hidden = PageWalker.smallerThan(PageWalker.hiddenPageShare, of: collected, among: hiddenBlocks)
        let visible = hidden.isEmpty ? collected : collected.filter { !$0.ancestors.contains(where: hidden.contains) }
        // The comments go whatever their length, so the share a suspect must hold is of the
        // rest: a long thread under a post must not make the post's wrapper look small.
        let comments = commentThreads.subtracting(holdsHeadline)
        let counted = comments.isEmpty ? visible : visible.filter { !$0.ancestors.contains(where: comments.contains) }
        // Letters (``Paragraph/span``) of all text and of text outside links: the whole page's,
        // and each suspect's. In letters, not characters, so that a Chinese article is not
        // outweighed by the Latin addresses and figures of the chrome around it.
        var total = (all: 0, said: 0)
        var inside: [MarkupNode: (all: Int, said: Int)] = [:]
        let suspects = suspects.union(commentThreads)
        let weighed = suspects.union(commentShaped)
        // Each teaser card with its list's index, and each list's text outside links.
        var listOfCard: [MarkupNode: Int] = [:]
        for (list, cards) in teaserLists.enumerated() {
            for card in cards { listOfCard[card] = list }
        }
        var saidInList = Array(repeating: 0, count: teaserLists.count)
        // Each many-voiced thread's cards, and the index of the first run inside one.
        var threadOfCard: [MarkupNode: MarkupNode] = [:]
        for (list, cards) in manyVoiced {
            for card in cards { threadOfCard[card] = list }
        }
        var firstInThread: [MarkupNode: Int] = [:]
        // The index in `counted` of the first run inside each weighed element and each list.
        var firstRun: [MarkupNode: Int] = [:]
        var firstInList = [Int?](repeating: nil, count: teaserLists.count)
        for (index, paragraph) in counted.enumerated() {
            let said = paragraph.span - paragraph.linkSpan
            total = (total.all + paragraph.span, total.said + said)
            for ancestor in paragraph.ancestors {
                if weighed.contains(ancestor) {
                    let here = inside[ancestor] ?? (0, 0)
                    inside[ancestor] = (here.all + paragraph.span, here.said + said)
                    if here == (0, 0) { firstRun[ancestor] = index }
                }
                if !listOfCard.isEmpty, let list = listOfCard[ancestor] {
                    saidInList[list] += said
                    if firstInList[list] == nil { firstInList[list] = index }
                }
                if !threadOfCard.isEmpty, let thread = threadOfCard[ancestor], firstInThread[thread] == nil { firstInThread[thread] = index }
            }
        }
        let share = PageWalker.suspectShare
        excluded = suspects.filter { !suspectsWithHeadline.contains($0) && Double(inside[$0]?.said ?? 0) < share * Double(total.said) }
        // A list of cards told by its shape goes when it holds less than the share, or when it
        // stands under a heading of its own after an article, whatever it holds.
        func cardsGo(holding held: Int, of whole: Int, from first: Int?) -> Bool {
            Double(held) < share * Double(whole) || PageWalker.followsArticle(first, in: counted)
        }
        // A thread of many names after the article goes, heading or not.
        excluded.formUnion(commentShaped.filter { list in
            !suspects.contains(list) && (cardsGo(holding: inside[list]?.all ?? 0, of: total.all, from: firstRun[list])
                || manyVoiced[list] != nil && PageWalker.hasArticle(before: firstRun[list], in: counted))
        })
        // One set in the article's own element, its cards beside the story's paragraphs, goes
        // card by card once the story has been told before its first: the element stays.
        for (list, cards) in manyVoiced where !excluded.contains(list) && PageWalker.hasArticle(before: firstInThread[list], in: counted) {
            excluded.formUnion(cards)
        }
        excluded.formUnion(comments)
        for (list, cards) in teaserLists.enumerated() where cardsGo(holding: saidInList[list], of: total.said, from: firstInList[list]) {
            excluded.formUnion(cards)
        }
        let isChrome = collected.map { $0.ancestors.contains(where: excluded.contains) }
        let isOut = hidden.isEmpty ? isChrome : collected.indices.map { isChrome[$0] || collected[$0].ancestors.contains(where: hidden.contains) }
        // Only what was taken for chrome orphans a heading: one over a hidden panel (a tab, an
        // answer that opens on a click) is what a reader sees of it.
        let orphans = PageWalker.orphanedHeadings(collected, leftOut: isChrome)
        excluded.formUnion(orphans.map { collected[$0].owner })
        var kept: [Paragraph] = []
        var keptBefore: [Int] = []
        keptBefore.reserveCapacity(collected.count + 1)
        for (index, paragraph) in collected.enumerated() {
            keptBefore.append(kept.count)
            if !isOut[index] && !orphans.contains(index) { kept.append(paragraph) }
        }
        keptBefore.append(kept.count)
        headerHeadings = headerHeadings.map { ($0.node, $0.text, keptBefore[$0.next]) }
        excluded.formUnion(hidden)
        shownHidden = hiddenBlocks.subtracting(hidden)
        return kept
    }

    /// The indices of the `h2`–`h6` runs whose section lost everything under it: a heading
    /// whose section held left-out runs and nothing kept ("5 Responses", "Leave a Reply",
    /// "Related") would stand alone over nothing. A section is what follows the heading inside
    /// its parent, up to the next heading of its level or above: what follows outside (the
    /// sidebar after a reply form) is another part of the page. A heading followed by nothing
    /// at all (a title over its subtitle) is not orphaned, nor is an `h1`, the headline.
    static func orphanedHeadings(_ runs: [Paragraph], leftOut: [Bool]) -> Set<Int> {
        var orphans: Set<Int> = []
        for (index, heading) in runs.enumerated() where heading.isHeading && heading.tag != "h1" && !leftOut[index] {
            guard let parent = heading.ancestors.dropFirst().first, let level = heading.tag.last else { continue }
            var lost = false
            for next in runs.indices.dropFirst(index + 1) {
                let run = runs[next]
                guard run.ancestors.contains(parent) else { break }
                if leftOut[next] {
                    lost = true
                } else if !run.isHeading {
                    lost = false
                    break
                } else if let nextLevel = run.tag.last, nextLevel <= level {
                    break
                }
            }
            if lost { orphans.insert(index) }
        }
        return orphans
    }

    /// Prose a page must show before a shaped list's heading for the list to be read as the
    /// thread under an article, in letters (``Paragraph/span``): a paragraph of a few
    /// sentences. A news brief is that short, and the thread under it can be ten times longer.
    static let articleBeforeThread = 150

    /// Whether a list of cards whose first run is `first` stands under a heading of its own
    /// (not the page's `h1`) after an article's prose: a comment thread or a block of teasers,
    /// however long ("34 responses", "Kommentare", "More from News"). The heading may be the
    /// list's own first run, inside the element that holds the cards. A live blog's dated
    /// entries and a listicle's items follow the headline, or a short introduction at most,
    /// and are the article even when no class says so.
    static func followsArticle(_ first: Int?, in runs: [Paragraph]) -> Bool {
        guard let first, let heading = runs[...first].lastIndex(where: \.isHeading), runs[heading].tag != "h1" else { return false }
        return hasArticle(before: heading, in: runs)
    }

    /// Whether the runs before `index` hold an article's prose (``articleBeforeThread``).
    static func hasArticle(before index: Int?, in runs: [Paragraph]) -> Bool {
        guard let index else { return false }
        var prose = 0
        for run in runs[..<index] where ContentScorer.isProse(run) {
            prose += run.span
            if prose >= articleBeforeThread { return true }
        }
        return false
    }

    /// The elements of `blocks` holding less than `share` of the runs' text.
    private static func smallerThan(_ share: Double, of runs: [Paragraph], among blocks: Set<MarkupNode>) -> Set<MarkupNode> {
        guard !blocks.isEmpty else { return [] }
        var inside: [MarkupNode: Int] = [:]
        var total = 0
        for run in runs {
            total += run.span
            for ancestor in run.ancestors where blocks.contains(ancestor) {
                inside[ancestor, default: 0] += run.span
            }
        }
        return blocks.filter { Double(inside[$0] ?? 0) < share * Double(total) }
    }

    mutating func walk(_ node: MarkupNode) {
        let name = node.localName
        guard ancestors.count < 240 else { return }
        switch PageWalker.verdict(node, name: name, readsLandmarks: readsLandmarks, names: &names) {
        case .chrome:
            if name == "header" { noteHeadings(in: node) }
            return
        case .hidden: hiddenBlocks.insert(node)
        case .suspect:
            // A suspect is kept when it holds much of the page; a block of teasers in it still
            // goes when it stands under its own heading after the article.
            suspects.insert(node)
            if let cards = TeaserShape.teasers(BlocksAlike(node)) { teaserLists.append(cards) }
        case .comments: commentThreads.insert(node)
        case .content:
            let alike = BlocksAlike(node)
            if let comments = CommentShape.commentGroup(alike) {
                commentShaped.insert(node)
                if CommentShape.speaksInManyVoices(comments) { manyVoiced[node] = comments.members }
            } else if let cards = TeaserShape.teasers(alike) {
                teaserLists.append(cards)
            }
        }
        if name == "h1" {
            for ancestor in ancestors where commentThreads.contains(ancestor) { holdsHeadline.insert(ancestor) }
        }
        if !titles.isEmpty, ["h1", "h2", "h3"].contains(name), ancestors.contains(where: suspects.contains),
           Headline.says(Headline.normalised(node.textContent), titles) {
            suspectsWithHeadline.formUnion(ancestors.filter(suspects.contains))
        }
        ancestors.append(node)
        defer { ancestors.removeLast() }
        if name == "tr", PageWalker.isDataRow(node) {
            // A row of a data table reads as one line: its cells' text side by side.
            var row = TextRun()
            for cell in node.elements where ["td", "th"].contains(cell.localName) && !PageWalker.isExcluded(cell, name: "td", names: &names) {
                row.appendInline(cell, name: "td", insideLink: false, names: &names)
                row.append(HTMLText.elementBreak, link: false)
            }
            flush(&row, owner: node, tag: name)
            return
        }
        var run = TextRun()
        // A `<br>` just seen with nothing but white space after it: a second one ends the run.
        var afterBreak = false
        for child in node.children {
            switch child.kind {
            case .text:
                let text = child.ownContent ?? ""
                if !text.isBlank { afterBreak = false }
                run.append(text, link: false)
            case .element where child.localName == "br":
                if afterBreak {
                    flush(&run, owner: node, tag: name)
                    afterBreak = false
                } else {
                    run.append(HTMLText.elementBreak, link: false)
                    afterBreak = true
                }
            case .element:
                afterBreak = false
                let childName = child.localName
                // An inline element around blocks (a `span` or a script's "link" wrapping
                // paragraphs) is walked as a block; a real link around blocks (a teaser card)
                // stays one linked run.
                if PageWalker.inlineElements.contains(childName),
                   PageWalker.isLink(child, name: childName) || !PageWalker.holdsBlocks(child) {
                    if (!PageWalker.isExcluded(child, name: childName, names: &names) || PageWalker.opensSentence(child, name: childName, names: &names))
                        && !PageWalker.isInlineCard(child, name: childName) {
                        // A heading's link to its own place in the page (`<h2><a href="#usage">`, the
                        // permalink a Markdown or documentation generator adds) is its title, not a
                        // way off the page; the permalink's mark (`¶`, `#`) is no word of it.
                        let selfAnchor = Paragraph.isHeadingTag(name) && PageWalker.isFragmentLink(child)
                        if selfAnchor, !child.textContent.contains(where: { $0.isLetter || $0.isNumber }) { continue }
                        run.appendInline(child, name: childName, insideLink: PageWalker.isLink(child, name: childName) && !selfAnchor, names: &names)
                    }
                } else {
                    flush(&run, owner: node, tag: name)
                    walk(child)
                }
            default:
                continue
            }
        }
        flush(&run, owner: node, tag: name)
    }

    /// The `h1`–`h3` of a `<header>` the walk does not enter, in document order.
    private mutating func noteHeadings(in header: MarkupNode) {
        for node in header.descendants(limit: PageWalker.headerScanLimit) where ["h1", "h2", "h3"].contains(node.localName) {
            if let text = HTMLText.plainText(of: node) { headerHeadings.append((node, text, collected.count)) }
        }
    }

    /// Elements of a `<header>` looked at for headings: a story's header is small; a site's
    /// may hold a whole menu.
    static let headerScanLimit = 200

    private mutating func flush(_ run: inout TextRun, owner: MarkupNode, tag: String) {
        defer { run = TextRun() }
        guard let text = tag == "pre" ? PageWalker.preformatted(run.text) : HTMLText.collapseWhitespace(run.text) else { return }
        var length = 0, span = 0
        for scalar in text.unicodeScalars {
            length += 1
            span += TextMeasure.span(of: scalar)
        }
        collected.append(Paragraph(
            owner: owner, text: text, linkCharacters: min(run.linkCharacters, length), tag: tag, ancestors: ancestors.reversed(), length: length,
            span: span, addressSpan: TextMeasure.addressSpan(of: text), opensWithLink: run.opensWithLink ?? false,
            runsOnFromLink: run.afterOpeningLink.map(TextRun.carriesOn) ?? false
        ))
    }
}

extension PageWalker {
    /// The text of a `pre` as its author laid it out: a code listing keeps its lines and their
    /// indentation, and a blank line still parts two paragraphs. Only white space at the ends
    /// of lines goes, and runs of blank lines become one; `nil` for a block of white space.
    static func preformatted(_ text: String) -> String? {
        var lines: [Substring] = []
        var blank = false
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let kept = line.replacingOccurrences(of: HTMLText.elementBreak, with: " ")
            guard let end = kept.lastIndex(where: { !$0.isWhitespace }) else {
                blank = !lines.isEmpty
                continue
            }
            if blank { lines.append("") }
            blank = false
            lines.append(kept[...end])
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}

/// Inline content gathered until the next block element.
struct TextRun {
    var text = ""
    var linkCharacters = 0
    /// Whether the first text that is not white space sat in a link; `nil` until there is some.
    var opensWithLink: Bool?

    /// The first character written after the run's opening link, if it opened with one.
    var afterOpeningLink: Character?

    mutating func append(_ value: String, link: Bool) {
        text += value
        if link { linkCharacters += value.unicodeScalars.count }
        if opensWithLink == true, !link, afterOpeningLink == nil, let first = value.first(where: { !$0.isWhitespace }) {
            afterOpeningLink = first
        }
        if opensWithLink == nil, !value.isBlank { opensWithLink = link }
    }

    /// Whether a character after a link carries its sentence on: a comma or a semicolon, or a
    /// lower-case letter. A headline's summary starts a sentence of its own, or after a colon
    /// or a dash.
    static func carriesOn(_ character: Character) -> Bool {
        character == "," || character == ";" || character == "、" || character == "，" || character.isLowercase
    }

    mutating func appendInline(_ node: MarkupNode, name: String, insideLink: Bool, depth: Int = 0, names: inout ClassNameReadings) {
        if name == "br" {
            text += HTMLText.elementBreak
            return
        }
        guard depth < 64 else { return }
        for child in node.children {
            switch child.kind {
            case .text:
                append(child.ownContent ?? "", link: insideLink)
            case .element:
                let childName = child.localName
                if !PageWalker.isExcluded(child, name: childName, names: &names) && !PageWalker.isInlineCard(child, name: childName) {
                    // Blocks flattened into one run (inside a linked card) stay apart by a space.
                    let block = !PageWalker.inlineElements.contains(childName)
                    if block { text += HTMLText.elementBreak }
                    appendInline(child, name: childName, insideLink: insideLink || PageWalker.isLink(child, name: childName), depth: depth + 1, names: &names)
                    if block { text += HTMLText.elementBreak }
                }
            default:
                continue
            }
        }
    }
}
