import Markup

/// Why the extractor chose the body it chose: the containers it scored highest, the ones it
/// kept, which link of the fallback chain gave the text, and the runs of those containers it
/// left out, with why.
public struct ExtractionExplanation: Sendable, CustomStringConvertible {
    /// One scored container.
    public struct Candidate: Sendable {
        /// The element, as `tag#id.class` with its source line.
        public var element: String
        public var score: Double
        /// Characters of text inside it, of those in links, and of prose runs.
        public var text: Int
        public var links: Int
        public var prose: Int

        init(_ candidate: ContentScorer.Candidate) {
            element = ExtractionExplanation.describe(candidate.node)
            score = candidate.score
            text = candidate.text
            links = candidate.links
            prose = candidate.prose
        }
    }

    /// The highest-scoring containers, best first.
    public var candidates: [Candidate] = []
    /// The containers whose text runs became the body.
    public var chosen: [String] = []
    /// Where the body came from; nil when the page gave none.
    public var source: BodySource?
    /// The headings read as the page's headline (``Headline``), whose followers the scorer
    /// favours; empty when no heading says the title.
    public var headlines: [String] = []
    /// The site rule's expressions that failed, with why (a broken rule never stops extraction).
    public var ruleProblems: [String] = []
    /// The text runs of the chosen containers left out of the body, each with why ("link
    /// list", "chrome line", …) and its first words, in page order.
    public var dropped: [String] = []

    public var description: String {
        var lines = ["body from: \(source?.rawValue ?? "nothing (no article text found)")"]
        lines += ruleProblems.map { "rule problem: \($0)" }
        lines += headlines.map { "headline: \($0)" }
        lines += chosen.map { "chosen: \($0)" }
        lines += candidates.map { candidate in
            let score = (candidate.score * 10).rounded() / 10
            return "candidate: \(candidate.element) score \(score) text \(candidate.text) links \(candidate.links) prose \(candidate.prose)"
        }
        lines += dropped.map { "dropped: \($0)" }
        return lines.joined(separator: "\n")
    }

    /// A dropped run as `dropped` lists it: the reason, then the run's first words.
    static func describe(_ text: String, droppedFor reason: BodyFilter.DropReason) -> String {
        let words = text.count > droppedTextShown ? text.prefix(droppedTextShown) + "…" : Substring(text)
        return "(\(reason.rawValue)) \(words)"
    }

    /// Characters of a dropped run shown.
    static let droppedTextShown = 80

    static func describe(_ node: MarkupNode) -> String {
        var name = node.localName
        if let id = node.attribute("id"), !id.isEmpty { name += "#" + id }
        if let classes = node.attribute("class")?.split(separator: " "), !classes.isEmpty {
            name += "." + classes.prefix(3).joined(separator: ".")
        }
        return name + " (line \(node.line))"
    }
}
