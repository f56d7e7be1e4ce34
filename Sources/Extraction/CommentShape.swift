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
    /// A date or time has four digits or more, the figures of a date, and at most this many
    /// letters to a digit.
    static let lettersPerDigit = 3

    /// Whether `alike` holds a list of comments by their shape.
    static func isCommentList(_ alike: BlocksAlike) -> Bool {
        commentGroup(alike) != nil
    }

    /// The group of `alike` that reads as a list of comments, if one does.
    /// The cards are most of the element's children: an article's container that quotes two
    /// posts (each a name, a date and words) among its paragraphs is no thread.
    static func commentGroup(_ alike: BlocksAlike) -> BlocksAlike.Group? {
        func most(_ group: BlocksAlike.Group) -> Bool { 2 * group.members.count >= alike.children }
        if let named = alike.named, most(named), named.holds(minimumCards, share: cardShare, isComment) { return named }
        if let unnamed = alike.unnamed, most(unnamed), unnamed.holds(minimumUnnamedCards, share: cardShare, isUnnamedComment) { return unnamed }
        return nil
    }

    /// Whether the cards of a list of comments open with many different names: readers
    /// talking, not a live blog's entries, which carry a time and a few reporters' names or
    /// none. At least ``minimumVoices``, and one for every third card read (readers come back
    /// to answer each other, the post's author most of all).
    static func speaksInManyVoices(_ group: BlocksAlike.Group) -> Bool {
        let voices = Set(group.readings.compactMap(\.voice))
        return voices.count >= minimumVoices && 3 * voices.count >= group.readings.count
    }

    /// Different names a thread's first cards show at least.
    static let minimumVoices = 4

    /// Whether a card reads as one comment among blocks of one class: dated, with text, without
    /// a headline.
    static func isComment(_ card: CardReading) -> Bool {
        card.dated && !card.headline && card.text >= minimumText && card.pieces >= minimumPieces
    }

    /// Whether a card reads as a comment with nothing but its shape to go by: the date on a
    /// short line of its own, apart from the words, in three lines or more, or in two when a
    /// name opens the dated line ("Mark T. — 3 March 2011, 9:14"); a timeline's entry opens
    /// with its date.
    static func isUnnamedComment(_ card: CardReading) -> Bool {
        isComment(card) && card.datedLine && (card.lines >= minimumUnnamedLines || card.voice != nil && card.lines == minimumUnnamedLines - 1)
    }

    /// Whether a short text is mostly a date or time: four digits or more, no more than three
    /// letters to a digit, which leaves room for a month and a weekday written out, and the
    /// figures of a date or a time among them (``hasDateFigures(_:)``). So `12.05.2012 15:01`,
    /// `2019-11-18`, `April 5, 2018`, `November 19, 2019 at 6:34 am` and `2019年11月19日 18:34`
    /// are dates, and a line of a match's figures (`7/12, 2/5, 3/4`) or `© 2019` is not, in any
    /// script. Letters are weighed as in ``TextMeasure/span(of:)``: a Chinese character is a
    /// word.
    static func isDateOrTime(_ text: String) -> Bool {
        // Most lines of a card hold fewer than four digits: counting the bytes settles them
        // before any letter is looked up.
        let digits = text.utf8.reduce(0) { $0 + ($1 >= UInt8(ascii: "0") && $1 <= UInt8(ascii: "9") ? 1 : 0) }
        guard digits >= 4 else { return digits > 0 && isAge(text) }
        var letters = 0
        for scalar in text.unicodeScalars where !("0"..."9").contains(scalar) && scalar.properties.isAlphabetic {
            letters += TextMeasure.span(of: scalar)
        }
        return letters <= lettersPerDigit * digits && hasDateFigures(text)
    }

    /// Whether a short text is an age, as threads print their dates: a number and the word for
    /// "ago" of one of the larger newsrooms' languages (`2 hours ago`, `5 часов назад`,
    /// `hace 3 días`, `vor 2 Stunden`, `3 giorni fa`, `2 godziny temu`, `3 gün önce`,
    /// `2 jam lalu`), or a Chinese, Japanese or Korean one ending in 前 or 전 (`3天前`, `3일 전`).
    static func isAge(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.unicodeScalars.count <= ageLength else { return false }
        if trimmed.hasSuffix("前") || trimmed.hasSuffix("전") { return true }
        return trimmed.lowercased().split(whereSeparator: { !$0.isLetter }).contains { ageWords.contains(String($0)) }
    }

    /// Characters of an age at most: a number, a unit and the word for "ago".
    static let ageLength = 30
    /// The word for "ago" in the larger newsrooms' languages.
    static let ageWords: Set<String> = ["ago", "назад", "тому", "hace", "vor", "fa", "geleden", "sedan", "siden", "temu", "önce", "lalu", "atrás", "há"]

    /// Whether the digits of `text` include a time (`6:34`), a day-month-year (`12.05.12`,
    /// `5/14/2019`) or a year (19xx, 20xx) with a day or a month beside it: a year alone is a
    /// copyright line or a report's name.
    static func hasDateFigures(_ text: String) -> Bool {
        // Runs of digits, each with the separator that joins it to the next run, if one does.
        var runs: [(value: Int, length: Int, joiner: UInt8?)] = []
        var value = 0, length = 0
        var bytes = text.utf8.makeIterator()
        var pendingJoiner: UInt8?
        while true {
            let byte = bytes.next()
            if let byte, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if length == 0, let joiner = pendingJoiner, !runs.isEmpty { runs[runs.count - 1].joiner = joiner }
                pendingJoiner = nil
                value = length < 6 ? value * 10 + Int(byte - UInt8(ascii: "0")) : value
                length += 1
                continue
            }
            if length > 0 {
                runs.append((value, length, nil))
                (value, length) = (0, 0)
                pendingJoiner = byte.flatMap { [UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "-")].contains($0) ? $0 : nil }
            } else {
                pendingJoiner = nil
            }
            guard byte != nil else { break }
        }
        for (index, run) in runs.enumerated() {
            if run.length == 4, (1900...2099).contains(run.value), runs.count >= 2 { return true }
            guard let joiner = run.joiner, index + 1 < runs.count else { continue }
            let next = runs[index + 1]
            if joiner == UInt8(ascii: ":"), run.length <= 2, next.length == 2 { return true }
            if joiner != UInt8(ascii: ":"), next.joiner == joiner, index + 2 < runs.count, run.length <= 2, next.length <= 2,
               [2, 4].contains(runs[index + 2].length) {
                return true
            }
        }
        return false
    }
}
