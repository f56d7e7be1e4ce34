import FeedwrightCore
import Markup

/// What one card of a list of blocks alike says about itself, read once in document order
/// and in lines, as a reader sees it: a block element or a `<br>` ends a line. The features
/// ``CommentShape`` and ``TeaserShape`` tell their cards by.
///
/// Lengths are in letters of an alphabet (``TextMeasure/span(of:)``), not in characters: a
/// Chinese headline of fifteen characters is as long as an English one of forty-five letters,
/// and a line of figures in Chinese words must not read as a date for being short in letters.
struct CardReading {
    /// Nodes read of one card: a card is small; a block that is not one stops being read here.
    static let nodesRead = 300
    /// A date or time is a text this short (``CommentShape/isDateOrTime(_:)``)…
    static let dateLength = 40
    /// …and a line holding one is a card's own dateline when this short (a name and a date).
    static let datedLineLength = 100
    /// A heading or a line of links longer than this is a headline, not a name or a "reply".
    static let longestName = 30
    /// A line in one link is a headline when it spans this many letters (``Paragraph/span``).
    static let headlineSpan = 30
    /// A heading's link is a headline from this many letters, beside a kicker of at most
    /// ``longestName`` ("Editorial", "Ikea challenge") that is not linked: the heading says
    /// it is a title, so it may be shorter than a bare line of one link.
    static let headingLinkSpan = 15

    /// A date or time among its texts, or a `<time>`.
    var dated = false
    /// A line of at most ``datedLineLength`` holding that date.
    var datedLine = false
    /// Letters of text, white space at the ends of each text left out, and those of it in links.
    var text = 0
    var linkText = 0
    /// Separate texts (a name, a date, the words, a "reply").
    var pieces = 0
    var lines = 0
    /// A heading, or a line all in links, longer than a name: a teaser's headline. A long link
    /// inside a line of words (a comment citing a paper) is not one.
    var headline = false
    /// The first line is all one link, as long as a headline, or of any length under a linked
    /// picture (a thumbnail and its title, however short: "Cabbage diet"): another page's title.
    var linkedHeadline = false
    /// A linked image came before any line: a thumbnail of the page the card links to.
    var linkedPictureFirst = false
    /// A text outside links, an excerpt's length, ends clipped (`…`, `...`, `[…]`): an excerpt
    /// of another page, whatever date or category line follows it.
    var clipped = false
    /// Letters a clipped text must hold to be an excerpt, not an aside ("Wait for it…").
    static let excerptLength = 80
    /// The card's first short text that is no date, lower-cased, when it comes before the
    /// card's words: in a comment, who wrote it ("Mark T. says:"). A quoted post names its
    /// author after its words, and has no voice here.
    var voice: String?

    /// A step of the walk: a node to read, or the end of a block's line or of a link.
    private enum Step {
        case node(MarkupNode)
        case blockEnd
        case linkEnd
    }

    init(_ card: MarkupNode) {
        var line = (length: 0, linked: 0, dated: false, heading: false)
        // A text longer than a name has been read: what follows speaks after the words.
        var spoke = false
        var budget = CardReading.nodesRead
        var insideLinks = 0
        var pending: [Step] = []
        /// Pushes a node's children so that the first is read next, with no array in between.
        func push(childrenOf node: MarkupNode) {
            let start = pending.count
            for child in node.children { pending.append(.node(child)) }
            pending[start...].reverse()
        }
        push(childrenOf: card)
        func endLine() {
            guard line.length > 0 else { return }
            if line.linked == line.length {
                if lines == 0, line.length >= CardReading.headlineSpan || linkedPictureFirst { linkedHeadline = true }
                if line.length > CardReading.longestName { headline = true }
            }
            if lines == 0, line.heading, line.linked >= CardReading.headingLinkSpan,
               line.length - line.linked <= min(CardReading.longestName, line.linked) {
                linkedHeadline = true
            }
            lines += 1
            if line.dated, line.length <= CardReading.datedLineLength { datedLine = true }
            line = (0, 0, false, false)
        }
        while let step = pending.popLast(), budget > 0 {
            let node: MarkupNode
            switch step {
            case .blockEnd: endLine(); continue
            case .linkEnd: insideLinks -= 1; continue
            case .node(let next): node = next
            }
            budget -= 1
            switch node.kind {
            case .text:
                let content = node.ownContent ?? ""
                guard !content.isBlank else { continue }
                // Templates indent a date or a name on lines of its own; a reader sees none of that.
                let trimmed = content.trimmingWhitespace()
                let length = TextMeasure.span(of: trimmed)
                text += length
                pieces += 1
                line.length += length
                if insideLinks == 0, length >= CardReading.excerptLength, CardReading.endsClipped(trimmed) { clipped = true }
                if insideLinks > 0 {
                    linkText += length
                    line.linked += length
                }
                let isDate = length <= CardReading.dateLength && CommentShape.isDateOrTime(trimmed)
                if isDate { (dated, line.dated) = (true, true) }
                if length > CardReading.longestName {
                    spoke = true
                } else if voice == nil, !spoke, !isDate, trimmed.contains(where: \.isLetter) {
                    voice = trimmed.lowercased()
                }
            case .element:
                let name = node.localName
                if name == "time" { (dated, line.dated) = (true, true) }
                if name == "br" { endLine(); continue }
                if name == "img", insideLinks > 0, lines == 0, line.length == 0 { linkedPictureFirst = true }
                let link = PageWalker.isLink(node, name: name)
                if name == "h1" || name == "h2" || name == "h3",
                   TextMeasure.span(of: node.textContent.trimmingWhitespace()) > CardReading.longestName {
                    headline = true
                }
                if !PageWalker.inlineElements.contains(name) {
                    endLine()
                    line.heading = Paragraph.isHeadingTag(name)
                    pending.append(.blockEnd)
                }
                if link {
                    insideLinks += 1
                    pending.append(.linkEnd)
                }
                push(childrenOf: node)
            default:
                continue
            }
        }
        endLine()
    }

    /// Whether a text ends the way an excerpt cut short does.
    static func endsClipped(_ text: String) -> Bool {
        text.hasSuffix("…") || text.hasSuffix("...") || text.hasSuffix("[…]") || text.hasSuffix("[...]")
    }
}
