import Foundation
import Markup

/// Finds the title and body paragraphs in a plain-text dump of a page (one block per line).
///
/// Body paragraphs are lines that read as prose: enough words, sentence punctuation, not a
/// credit, caption, teaser or prompt. The body is the largest cluster of such lines, allowing
/// short runs of chrome between them (captions, related headlines, "READ MORE" teasers), which
/// are dropped. The title is the nearest headline-shaped line above the body.
public enum TextDumpExtractor {
    /// Lines of other kinds a body cluster may span without ending.
    static let maximumGap = 3

    public static func extract(_ text: String, url: String? = nil) throws(ExtractionError) -> Article {
        let lines = text.components(separatedBy: .newlines).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let siteSuffix = commonSuffix(lines)
        let prose = lines.map { isProse($0, siteSuffix: siteSuffix) }
        // Clusters of prose lines with at most `maximumGap` other lines between neighbours.
        var clusters: [[Int]] = []
        var current: [Int] = []
        for index in lines.indices where prose[index] {
            if let last = current.last, index - last - 1 > maximumGap {
                clusters.append(current)
                current = []
            }
            current.append(index)
        }
        if !current.isEmpty { clusters.append(current) }
        guard let body = clusters.max(by: { weight($0, lines) < weight($1, lines) }), let first = body.first else {
            throw .noContent
        }
        let title = lines[..<first].reversed().first { isHeadline($0, siteSuffix: siteSuffix) }
        let paragraphs = body.map { lines[$0] }
        return Article(
            url: url,
            title: title,
            text: paragraphs.joined(separator: "\n\n"),
            html: BodyFilter.paragraphsHTML(paragraphs.joined(separator: "\n\n"))
        )
    }

    private static func weight(_ cluster: [Int], _ lines: [String]) -> Int {
        cluster.reduce(0) { $0 + lines[$1].count }
    }

    static func words(_ line: String) -> Int {
        line.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }).count
    }

    /// A line that reads as a sentence of the article.
    static func isProse(_ line: String, siteSuffix: String?) -> Bool {
        guard !isChrome(line, siteSuffix: siteSuffix) else { return false }
        let count = words(line)
        let endsSentence = line.last.map { ".!?…\"”'’):;".contains($0) } ?? false
        if count >= 12 && (endsSentence || line.contains(". ")) { return true }
        return count >= 5 && endsSentence && line.contains(where: { $0.isLowercase })
    }

    /// Credits, captions, teasers and prompts.
    static func isChrome(_ line: String, siteSuffix: String?) -> Bool {
        if BoilerplatePatterns.isChromeLine(line) { return true }
        let lower = line.lowercased()
        if line.contains("©") || lower.contains("getty images") || lower.contains("/ reuters") || lower.contains("reuters /")
            || lower.contains("ap photo") || lower.contains("afp photo") || lower.hasPrefix("photo") {
            return true
        }
        if let siteSuffix, line.hasSuffix(siteSuffix) { return true }
        if lower.hasPrefix("read more") || lower.hasPrefix("live updates:") || lower.hasPrefix("related") || lower.hasPrefix("watch") {
            return true
        }
        return false
    }

    /// A line shaped like a headline: several words, no sentence ending, not chrome.
    static func isHeadline(_ line: String, siteSuffix: String?) -> Bool {
        let count = words(line)
        guard count >= 4, count <= 30, !isChrome(line, siteSuffix: siteSuffix) else { return false }
        guard let last = line.last, !".!,;:".contains(last) else { return false }
        return true
    }

    /// A ` - Site Name` ending that several lines share: the site's caption and title suffix.
    static func commonSuffix(_ lines: [String]) -> String? {
        var counts: [String: Int] = [:]
        for line in lines {
            guard let range = line.range(of: " - ", options: .backwards) ?? (line.hasPrefix("- ") ? line.range(of: "- ") : nil) else { continue }
            let suffix = String(line[range.lowerBound...]).trimmingCharacters(in: .whitespaces)
            guard words(suffix) <= 5 else { continue }
            counts[suffix, default: 0] += 1
        }
        return counts.filter { $0.value >= 2 }.max { $0.value < $1.value }.map { " " + $0.key.trimmingCharacters(in: .whitespaces) }.map {
            $0.hasPrefix(" -") ? String($0.dropFirst()) : $0
        }
    }
}
