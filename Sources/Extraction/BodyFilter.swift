import FeedwrightCore
import Foundation
import Markup

/// Which text runs of the chosen containers are article text.
///
/// The lengths are letters (``Paragraph/span``), as everywhere in extraction: a Chinese line
/// of forty characters is as long as an English one of a hundred and twenty letters, and is
/// judged so.
enum BodyFilter {
    /// Below this a run said twice in a row is said once (a caption and its credit).
    static let repeatedLineLength = 120
    /// A run shorter than this that matches a chrome phrase ("read more", "advertisement") is
    /// dropped; a longer one is prose that happens to contain the phrase.
    static let chromeLineLength = 120
    /// A run mostly in links is a link list (related stories, tags) unless it is this long and
    /// stands among the article's prose (a paragraph citing its sources link by link). Before
    /// or after all of that prose it is one however long: a row of cards with linked headlines
    /// runs to hundreds of letters.
    static let linkListLength = 300
    /// A run shorter than this that is a date and nothing else is the page's furniture: room
    /// for a weekday, a time and a language's small words (`sexta-feira, 22 de outubro de 2010
    /// às 20:13`), not for a sentence.
    static let dateLineLength = 60
    /// A heading this long that ends as a sentence is a paragraph set in a heading's type.
    static let sentenceHeadingSpan = 100
    /// A teaser (linked headline, clipped summary) is shorter than this.
    static let teaserLength = 200
    static let clippedTeaserLength = 500
    /// A JSON-LD `articleBody` shorter than this is a summary, not the body.
    static let minimumArticleBody = 200

    /// Whether a run is an item of a list that is mostly links but says something of its own
    /// ("Neil fixed bug 1677710 in the unloader"): kept only where the article's prose stands
    /// on both sides of it. An item that is nothing but a link (a related headline) never is.
    static func isLinkListItem(_ paragraph: Paragraph) -> Bool {
        paragraph.tag == "li" && paragraph.linkDensity > 0.5 && paragraph.linkDensity < 0.9 && paragraph.length < linkListLength
    }

    /// Whether a run mostly in links is still a sentence of the article: it ends as a sentence
    /// does and says enough outside its links ("The suspect was convicted and [sentenced to
    /// life] last Thursday."). A related headline or a "Read more:" line says next to nothing
    /// outside its link.
    static func isLinkedSentence(_ paragraph: Paragraph) -> Bool {
        guard paragraph.linkDensity < 0.8, TextMeasure.endsWithSentenceMark(paragraph.text) else { return false }
        return paragraph.span - paragraph.linkSpan >= linkedSentenceOwnSpan
    }

    /// The letters outside its links that a linked sentence holds at least.
    static let linkedSentenceOwnSpan = 30

    /// Whether a mostly linked run before the prose is the article's first sentences: it opens
    /// with the author's words, not a link (a related headline does), ends as a sentence does,
    /// and says twice a linked sentence's letters outside its links.
    static func isLeadingSentence(_ paragraph: Paragraph) -> Bool {
        isAuthorsSentence(paragraph, saying: 2 * linkedSentenceOwnSpan)
    }

    /// Whether a mostly linked run right after the last of the prose is its last sentence
    /// ("- A new app that lets you [share your leftovers with strangers]."), by the same signs
    /// with fewer letters of its own: a related headline opens with its link.
    static func isClosingSentence(_ paragraph: Paragraph) -> Bool {
        isAuthorsSentence(paragraph, saying: closingSentenceOwnSpan)
    }

    /// Whether a mostly linked run is the author's sentence: it opens with words, not a link,
    /// stays under ``leadLinkDensity``, ends as a sentence does and holds `letters` outside its
    /// links.
    private static func isAuthorsSentence(_ paragraph: Paragraph, saying letters: Int) -> Bool {
        !paragraph.opensWithLink && paragraph.linkDensity < leadLinkDensity && TextMeasure.endsWithSentenceMark(paragraph.text)
            && paragraph.span - paragraph.linkSpan >= letters
    }

    /// The letters outside its links that a closing sentence holds at least.
    static let closingSentenceOwnSpan = 15

    /// The link density a leading sentence stays under.
    static let leadLinkDensity = 0.75

    /// Where a run stands against the prose of its container.
    enum ProsePlace {
        /// Prose on both sides: a long run of links there cites the article's sources.
        case amid
        /// Before or after all of the prose: a run of links there is a block of links…
        case outside
        /// …but before it, a linked sentence that opens with the author's words is the
        /// article's lead ("Monday's best deals include [various MacBooks from $700]. You'll
        /// also find [AirPods 2] …").
        case lead
        /// The container holds no prose (a page that is one list of links): only a short run
        /// of links is told from the rest, so that such a page does not come out empty.
        case noProse
    }

    /// Why a run of the chosen containers is not article text (`extract --explain` lists them).
    enum DropReason: String, Sendable, Hashable {
        /// A short excerpt under a linked headline: a teaser for another article.
        case teaserExcerpt = "teaser excerpt"
        /// The page's headline or its title said again: the title has a field of its own.
        case headline
        /// Mostly links: related stories, tags, a row of cards.
        case linkList = "link list"
        /// A short line that is a prompt, a label or a credit ("Read more", "Advertisement").
        case chromeLine = "chrome line"
        /// A character or two.
        case label
        /// Opens with a link and stops short with an ellipsis: a teaser.
        case clippedTeaser = "clipped teaser"
        /// Above the headline and no prose: a kicker, a section's name, a breadcrumb.
        case aboveHeadline = "above the headline"
        /// Left last over runs that were all dropped, which it titled ("Related stories").
        case titlesDropped = "titles what was dropped"
        /// A date alone on its line: the heading over a day's posts, or the story's date,
        /// which has a field of its own.
        case dateLine = "date line"
        /// The alternative text of the image just before it, written out again: its caption,
        /// which stays with the image in the HTML.
        case imageCaption = "image's caption"
    }

    /// Whether a heading is a paragraph of prose in a heading's type: a whole sentence of
    /// ``sentenceHeadingSpan`` letters or more, which no section's title is.
    static func isSentenceHeading(_ paragraph: Paragraph) -> Bool {
        paragraph.span >= sentenceHeadingSpan && TextMeasure.endsWithSentenceMark(paragraph.text)
    }

    /// Why a run of the chosen container is dropped, or `nil` when it is kept.
    static func dropReason(_ paragraph: Paragraph, after previous: Paragraph?, title: String?, place: ProsePlace = .outside) -> DropReason? {
        let text = paragraph.text
        let length = paragraph.span
        // A short excerpt right after a linked headline is a teaser for another article.
        if let previous, previous.linkDensity > 0.8, previous.isHeading, length < teaserLength,
           let last = text.last, !TextMeasure.closesSentence(last) {
            return .teaserExcerpt
        }
        // An `h1` amid the prose that does not say the title is a section's heading: pages
        // written in a word processor's or a CMS's outline set every section in one.
        if paragraph.tag == "h1" && place != .amid { return .headline }
        if let title, text == title { return .headline }
        if paragraph.linkDensity > 0.5 && (length < linkListLength || place == .outside || place == .lead)
            && !(place == .amid && (isLinkListItem(paragraph) || isLinkedSentence(paragraph)))
            && !(place == .lead && isLeadingSentence(paragraph))
            && !(place == .outside && previous.map { ContentScorer.isProse($0) } == true && isClosingSentence(paragraph)) { return .linkList }
        if length < chromeLineLength && BoilerplatePatterns.isChromeLine(text) { return .chromeLine }
        if length < dateLineLength && VisibleDate.isWholeLine(text) { return .dateLine }
        // A character or two is a label ("»", "广告"), in characters whatever the script; but
        // an item of a list amid the prose that is a word of Chinese or Japanese ("线程") is
        // one of the article's points.
        if paragraph.length < 3 && !(place == .amid && paragraph.tag == "li" && paragraph.span > paragraph.length) {
            return .label
        }
        // A linked headline followed by a clipped summary is a teaser for another article.
        if paragraph.opensWithLink && !paragraph.runsOnFromLink && length < clippedTeaserLength && (text.hasSuffix("...") || text.hasSuffix("…")) {
            return .clippedTeaser
        }
        return nil
    }

    /// JSON-LD `articleBody` as paragraphs; nil when it is only a teaser. Most publishers write
    /// it as text, a line to a paragraph. Some write the body's HTML, and some escape that HTML
    /// once more (`&lt;p&gt;`): markup, found before or after one decoding, is read the way a
    /// page is (``PageWalker``), so its paragraphs stay apart and no tag reaches the reader as
    /// text.
    static func cleanArticleBody(_ body: String) -> String? {
        let paragraphs: [String]
        if looksLikeMarkup(body) {
            paragraphs = markupParagraphs(body)
        } else if body.contains("&lt;"), let decoded = HTMLText.plainText(body), looksLikeMarkup(decoded) {
            paragraphs = markupParagraphs(decoded)
        } else {
            paragraphs = body.components(separatedBy: "\n").compactMap { HTMLText.plainText($0) }
        }
        let text = paragraphs.joined(separator: "\n\n")
        return text.unicodeScalars.count >= minimumArticleBody ? text : nil
    }

    /// The text runs of an HTML fragment, chrome (scripts, share buttons) left out.
    static func markupParagraphs(_ html: String) -> [String] {
        guard let root = (try? MarkupDocument.parseHTML(Array(html.utf8)))?.root else { return [] }
        var walker = PageWalker()
        walker.walk(root)
        return walker.paragraphs().map(\.text)
    }

    /// Whether the publisher's own `articleBody` should replace what the page walk found.
    ///
    /// Only a complete body qualifies (a teaser ending in an ellipsis never does), and only
    /// when it is at least about as long as the walk's text and the walk either missed much of
    /// it (the wrong container won) or found a strict part of it.
    static func prefers(_ articleBody: String, over extracted: String) -> Bool {
        if extracted.isEmpty { return true }
        let trimmed = articleBody.trimmingWhitespace()
        if trimmed.hasSuffix("…") || trimmed.hasSuffix("...") { return false }
        // Lengths in words, not characters: the same in every script.
        let bodyWords = TextMeasure.words(trimmed.lowercased())
        let extractedWords = TextMeasure.words(extracted.lowercased())
        guard !bodyWords.isEmpty, !extractedWords.isEmpty, Double(bodyWords.count) >= 0.8 * Double(extractedWords.count) else { return false }
        let extractedSet = Set(extractedWords)
        let bodySet = Set(bodyWords)
        let recall = Double(bodyWords.filter(extractedSet.contains).count) / Double(bodyWords.count)
        let precision = Double(extractedWords.filter(bodySet.contains).count) / Double(extractedWords.count)
        if recall < 0.6 { return true }
        return Double(bodyWords.count) > 1.3 * Double(extractedWords.count) && precision > 0.85
    }

    /// Whether text holds a tag (`<p>`, `</div>`, `<img src=…/>`).
    static func looksLikeMarkup(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "<"), byte == UInt8(ascii: "/") || (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") {
                return true
            }
            previous = byte
        }
        return false
    }

    /// Plain paragraphs (separated by blank lines) as `<p>` elements.
    static func paragraphsHTML(_ text: String) -> String {
        paragraphsHTML(text.components(separatedBy: "\n\n"))
    }

    /// Paragraphs as `<p>` elements, escaped, without the characters XML forbids (a
    /// description or an `articleBody` may carry controls the page's own text never shows).
    static func paragraphsHTML(_ paragraphs: [String]) -> String {
        var result = ""
        for paragraph in paragraphs {
            result += "<p>"
            HTMLSerializer.escape(XMLCharacters.cleaned(paragraph), into: &result, attribute: false)
            result += "</p>"
        }
        return result
    }
}
