import Foundation
import Markup

/// Whether a site rule's body is taken over the generic extractor's.
///
/// Rules in the public collections go stale as sites change their layout: a `body` written for
/// last year's page may now match a "most popular" box or the comments. So a rule's body is
/// taken when the generic extractor found nothing, or when the two agree on the article (the
/// rule's body holds most of the generic body's words and is not much longer): then the rule
/// is the sharper cut, with its strips and its own boundaries. When they disagree — each is
/// about other text — the one that reads more like an article wins: the rule's body when it
/// holds clearly more sentence-shaped prose (the generic extractor took a promotion box or a
/// teaser list, the error rules exist to fix), the generic choice otherwise (the rule now
/// matches a caption or a "most popular" box). The rule's strips, title, author and date
/// apply either way.
enum RuleAgreement {
    /// Share of the generic body's distinct words the rule's body must hold.
    static let minimumCoverage = 0.6
    /// How much longer than the generic body the rule's may be.
    static let maximumGrowth = 1.1

    /// How much more prose than the generic body a disagreeing rule body must hold.
    static let proseAdvantage = 1.5
    /// The least prose (characters of sentence-shaped paragraphs) a disagreeing rule body
    /// must hold: a few lines are no evidence against the generic choice.
    static let minimumProse = 400

    static func accepts(_ ruleText: String, over genericText: String) -> Bool {
        guard !ruleText.isEmpty else { return false }
        guard !genericText.isEmpty else { return true }
        let ruleWords = words(ruleText), genericWords = words(genericText)
        guard !genericWords.isEmpty else { return true }
        let coverage = Double(genericWords.intersection(ruleWords).count) / Double(genericWords.count)
        if coverage < minimumCoverage {
            let ruleProse = prose(ruleText)
            return ruleProse >= minimumProse && Double(ruleProse) >= proseAdvantage * Double(prose(genericText))
        }
        let growth = Double(ruleText.utf8.count) / Double(max(genericText.utf8.count, 1))
        return growth <= maximumGrowth
    }

    /// A body expression that matches several elements (`//section[contains(@class,
    /// 'body')]`) often catches a video box or a footer before or after the story as well:
    /// the matches before the first and after the last that hold prose are dropped. Matches
    /// between them stay (a story split over many containers, short paragraphs included);
    /// when none holds prose, all stay.
    static func trimmedToProse(_ nodes: [MarkupNode], text: (MarkupNode) -> String) -> [MarkupNode] {
        guard nodes.count > 1 else { return nodes }
        let withProse = nodes.indices.filter { prose(text(nodes[$0])) > 0 }
        guard let first = withProse.first, let last = withProse.last else { return nodes }
        return Array(nodes[first...last])
    }

    /// Characters in paragraphs that read as sentences: long enough, and ending as a
    /// sentence ends in any of the common scripts.
    static func prose(_ text: String) -> Int {
        let endings: Set<Character> = [".", "!", "?", "\u{3002}", "\u{FF01}", "\u{FF1F}", "\u{0964}", "\u{061F}", "\"", "\u{201D}", "\u{00BB}", ")"]
        return text.split(separator: "\n\n").reduce(0) { total, paragraph in
            let trimmed = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.count >= 80, let last = trimmed.last, endings.contains(last) else { return total }
            return total + trimmed.count
        }
    }

    /// Below this share of the plain reading's length, a ruled reading that also disagrees
    /// with it has lost the article rather than found a better one.
    static let lostArticleShare = 0.25

    /// Whether the article read with the rule's edits stands against the one read without
    /// them: it does unless it is both far shorter and about something else (what is left
    /// after a stale strip took the story's wrapper, "Dow Jones, a News Corp company").
    static func keepsArticle(_ ruledText: String, of plainText: String) -> Bool {
        let plainWords = words(plainText)
        guard !plainWords.isEmpty else { return true }
        let coverage = Double(plainWords.intersection(words(ruledText)).count) / Double(plainWords.count)
        let share = Double(ruledText.utf8.count) / Double(max(plainText.utf8.count, 1))
        return coverage >= minimumCoverage || share >= lostArticleShare
    }

    private static func words(_ text: String) -> Set<Substring> {
        Set(text.split(whereSeparator: { $0.isWhitespace || $0.isPunctuation }))
    }
}
