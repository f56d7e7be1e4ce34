import Markup

/// Teasers for other pages told by their shape, in any language and whatever their class: a
/// list of blocks alike (``BlocksAlike``), each opening with a line that is one link as long as
/// a headline, with a short summary, a date or an image caption under it at most ("You may
/// also like", "More from the section", a blog's "Related posts" with excerpts).
///
/// An article's own list is unlike it: a roundup's item says something beside its link on the
/// same line, a listicle's items say more than a summary does, and a page that is such a list
/// (a section front, an archive) holds most of its text in it, so the walker keeps a teaser
/// list that holds much of the page's text outside links, as it keeps a suspect.
enum TeaserShape {
    /// At least this many cards must read as teasers…
    static let minimumCards = 3
    /// …and at least this share of the cards read.
    static let cardShare = 2.0 / 3.0
    /// A teaser's words outside its headline link, in letters: a summary of a sentence or two.
    static let longestSummary = 300
    /// …or an excerpt of the page it links to, cut short with an ellipsis, of a paragraph or two.
    static let longestExcerpt = 1000

    /// The members of `alike`'s group of teasers, if it has one.
    static func teasers(_ alike: BlocksAlike) -> [MarkupNode]? {
        for group in [alike.named, alike.unnamed].compactMap({ $0 })
        where group.holds(minimumCards, share: cardShare, isTeaser) || group.holds(minimumCards, share: 0, isCutExcerpt) {
            return group.members
        }
        return nil
    }

    /// Whether a card's words are an excerpt cut short, in a card that links anywhere (a
    /// picture, a share bar), with or without a headline. ``minimumCards`` of them make their
    /// list a list of excerpts of other pages, whatever share of its cards they are: a related
    /// list dressed as whole posts shows the short ones whole and cuts the long ones, and it is
    /// no part of the story above it, however much it says.
    static func isCutExcerpt(_ card: CardReading) -> Bool {
        card.lines >= 2 && card.clipped && card.linkText > 0 && card.text - card.linkText <= longestExcerpt
    }

    /// Whether a card reads as a teaser: a linked headline on a line of its own, then little,
    /// or an excerpt that stops short ("… The…", "[…]"), as a blog's archive and a newsroom's
    /// "More in …" print them.
    static func isTeaser(_ card: CardReading) -> Bool {
        let said = card.text - card.linkText
        return card.linkedHeadline && card.lines >= 2 && (said <= longestSummary || card.clipped && said <= longestExcerpt)
    }
}
