import FeedwrightCore
import Markup

/// Readers' comments told by their shape rather than their name, in any language: a list of
/// blocks alike (``BlocksAlike``), each in three pieces at least (who, when, what: an
/// article's dated timeline has two), carrying a date or time of its own, some text, and no
/// link or heading longer than a name or a "reply". A class written in another language, or
/// a short one (`c-list`, `c`), says nothing; the shape is what every comment thread shares.
///
/// Weaker evidence than a name, so the walker treats such a list as a suspect: dropped unless
/// it holds much of the page's text (a live blog, whose dated entries are the article) and
/// does not stand under a heading of its own after an article.
enum CommentShape {
    /// At least this many blocks alike must read as comments…
    static let minimumCards = 2
    /// …and at least this share of the blocks alike read.
    static let cardShare = 2.0 / 3.0
    /// A comment's own text is at least this long…
    static let minimumText = 40
    /// …and it has at least this many separate texts (author, date, words, reply).
    static let minimumPieces = 3
    /// Blocks alike without a class, whose tag is all they share (an article's own list of
    /// dated events is unclassed too), must be at least this many…
    static let minimumUnnamedCards = 3
    /// …each in this many lines at least (who, when, what; a timeline's entry has two), one
    /// of them a short line of its own holding the date (``CardReading/datedLine``).
    static let minimumUnnamedLines = 3
    /// A date or time has four digits or more, a separator, and at most this many letters to
    /// a digit.
    static let lettersPerDigit = 3

    /// Whether `alike` holds a list of comments by their shape.
    static func isCommentList(_ alike: BlocksAlike) -> Bool {
        if let named = alike.named, named.holds(minimumCards, share: cardShare, isComment) { return true }
        if let unnamed = alike.unnamed, unnamed.holds(minimumUnnamedCards, share: cardShare, isUnnamedComment) { return true }
        return false
    }

    /// Whether a card reads as one comment among blocks of one class: dated, with text, without
    /// a headline.
    static func isComment(_ card: CardReading) -> Bool {
        card.dated && !card.headline && card.text >= minimumText && card.pieces >= minimumPieces
    }

    /// Whether a card reads as a comment with nothing but its shape to go by: the date on a
    /// short line of its own, apart from the words, in three lines or more.
    static func isUnnamedComment(_ card: CardReading) -> Bool {
        isComment(card) && card.datedLine && card.lines >= minimumUnnamedLines
    }

    /// Whether a short text is mostly a date or time: four digits or more, a separator between
    /// them, and no more than three letters to a digit, which leaves room for a month and a
    /// weekday written out (`12.05.2012 15:01`, `2019-11-18`, `November 19, 2019 at 6:34 am`,
    /// `Wednesday, September 18, 2019 at 11:42 pm`).
    static func isDateOrTime(_ text: String) -> Bool {
        var digits = 0, separators = 0, letters = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": digits += 1
            case ".", ":", "/", "-": separators += 1
            default: if scalar.properties.isAlphabetic { letters += 1 }
            }
        }
        return digits >= 4 && separators >= 1 && letters <= lettersPerDigit * digits
    }
}
