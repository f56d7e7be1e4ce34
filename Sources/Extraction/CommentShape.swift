import FeedwrightCore
import Markup

/// Readers' comments told by their shape rather than their name, in any language: a list of
/// blocks alike (one tag, one class), each in three pieces at least (who, when, what: an
/// article's dated timeline has two), carrying a date or time of its own, some text, and no
/// link or heading longer than a name or a "reply". A class written in another language, or
/// a short one (`c-list`, `c`), says nothing; the shape is what every comment thread shares.
///
/// Weaker evidence than a name, so the walker treats such a list as a suspect: dropped unless
/// it holds much of the page's text (a live blog, whose dated entries are the article).
enum CommentShape {
    /// At least this many blocks alike must read as comments…
    static let minimumCards = 2
    /// …and at least this share of the blocks alike looked at.
    static let cardShare = 2.0 / 3.0
    /// The children grouped by shape, the blocks alike looked at, and the nodes of each one's
    /// subtree: bounded work on any page (this runs for every element the walker enters).
    static let childrenExamined = 400
    static let cardsExamined = 12
    static let nodesPerCard = 300
    /// A comment's own text is at least this long…
    static let minimumText = 40
    /// …and its links no longer than this (an author's name, "reply", a permalink date).
    static let longestLink = 30
    /// A date or time is a text this short…
    static let dateLength = 40
    /// …and a comment has at least this many separate texts (author, date, words, reply).
    static let minimumPieces = 3

    /// Whether `node`'s children are a list of comments by their shape.
    static func isCommentList(_ node: MarkupNode) -> Bool {
        // Each classed child with its shape, read once.
        var shaped: [(node: MarkupNode, shape: String)] = []
        var counts: [String: Int] = [:]
        for child in node.elements.prefix(childrenExamined) {
            guard let classes = child.attribute("class"), !classes.isEmpty else { continue }
            let shape = child.localName + " " + classes
            shaped.append((child, shape))
            counts[shape, default: 0] += 1
        }
        guard let (shape, count) = counts.max(by: { $0.value < $1.value }), count >= minimumCards else { return false }
        let alike = Array(shaped.lazy.filter { $0.shape == shape }.prefix(cardsExamined).map(\.node))
        let cards = alike.filter(isCommentCard).count
        return cards >= minimumCards && Double(cards) >= cardShare * Double(alike.count)
    }

    /// Whether `card` reads as one comment: dated, with text, without a headline link.
    static func isCommentCard(_ card: MarkupNode) -> Bool {
        var dated = false
        var text = 0
        var pieces = 0
        var budget = nodesPerCard
        var pending = [card]
        while let node = pending.popLast(), budget > 0 {
            for child in node.children {
                budget -= 1
                switch child.kind {
                case .text:
                    let content = child.ownContent ?? ""
                    let length = content.unicodeScalars.count
                    text += length
                    if !content.isBlank { pieces += 1 }
                    if !dated, length <= dateLength, isDateOrTime(content) { dated = true }
                case .element:
                    let name = child.localName
                    if name == "time" { dated = true }
                    if name == "a" || name == "h1" || name == "h2" || name == "h3" {
                        // A headline (linked or not) is a teaser card's, not a comment's.
                        if child.textContent.unicodeScalars.count > longestLink { return false }
                    }
                    pending.append(child)
                default:
                    continue
                }
            }
        }
        return dated && text >= minimumText && pieces >= minimumPieces
    }

    /// Whether a short text is mostly a date or time: four digits or more, a separator between
    /// them (`12.05.2012 15:01`, `2019-11-18`, `May 3, 2010 at 10:01 AM`).
    static func isDateOrTime(_ text: String) -> Bool {
        var digits = 0, separators = 0, letters = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": digits += 1
            case ".", ":", "/", "-": separators += 1
            default: if scalar.properties.isAlphabetic { letters += 1 }
            }
        }
        return digits >= 4 && separators >= 1 && digits >= letters
    }
}
