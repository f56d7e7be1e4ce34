import Foundation
import Syndication

/// Finds the title and body paragraphs in a plain-text dump of a page (one block per line, as a
/// reader's "select all, copy" gives it).
///
/// Which lines are the body is decided by ``DumpLineChooser`` (a small learned model over
/// language-free evidence), less a thread of readers' comments ending the dump
/// (``DumpThread``); the title is the nearest headline-shaped line above the body, and a
/// short dated line between the two is read as the article's date, a `By …` line as its author.
public enum TextDumpExtractor {
    /// The article a dump holds; `noContent` for a dump with no line beyond its first.
    public static func extract(_ text: String, url: String? = nil) throws(ExtractionError) -> Article {
        let lines = DumpLineChooser.lines(of: text)
        let features = DumpLineFeatures(lines: lines)
        var chosen = DumpLineChooser.bodyLines(lines, features)
        // The model reads lines, not the thread they make: readers' comments that end the dump
        // are cut after it.
        if let thread = DumpThread.start(of: chosen, in: lines) { chosen.removeSubrange(thread...) }
        // A date alone on its line is the article's date, read below, not its text (as on a
        // page: ``BodyFilter/DropReason/dateLine``), unless it is all the dump has.
        let undated = chosen.filter { !(lines[$0].scalars.count < BodyFilter.dateLineLength && VisibleDate.isWholeLine(lines[$0].text)) }
        if !undated.isEmpty { chosen = undated }
        guard let first = chosen.first else { throw .noContent }
        let suffix = features.siteSuffix
        let titleIndex = (0..<first).reversed().first { isHeadline(lines[$0], siteSuffix: suffix) }
        let header = lines[((titleIndex ?? -1) + 1)..<first]
        let paragraphs = chosen.map { lines[$0].text }
        let body = paragraphs.joined(separator: "\n\n")
        return Article(
            url: url,
            title: titleIndex.map { lines[$0].text },
            authors: header.compactMap(byline).prefix(1).map { $0 },
            published: header.lazy.compactMap(dateline).first,
            text: body,
            html: BodyFilter.paragraphsHTML(paragraphs)
        )
    }

    /// A line shaped like a headline: four to thirty words, no sentence or clause ending, not a
    /// credit or a caption carrying the site's suffix, not a prompt.
    static func isHeadline(_ line: DumpLineFeatures.Line, siteSuffix: [UInt8]?) -> Bool {
        let count = line.wordCount
        guard count >= 4, count <= 30, let last = line.scalars.last, !".!,;:".unicodeScalars.contains(last) else { return false }
        if line.scalars.contains("©") { return false }
        // Mostly letters: a date or a score is not a headline, nor is a byline.
        let letters = line.scalars.count { $0.isASCII ? ($0.value | 0x20) >= 0x61 && ($0.value | 0x20) <= 0x7A : $0.properties.isAlphabetic }
        guard letters * 2 > line.scalars.count, byline(line) == nil else { return false }
        if let siteSuffix, line.bytes.count > siteSuffix.count, line.bytes.suffix(siteSuffix.count).elementsEqual(siteSuffix) { return false }
        return !BoilerplatePatterns.isChromeLine(line.text)
    }

    /// The date a short line between the title and the body names (`13.11.2019, 23:06`,
    /// `2019-11-13`, `Wed, 13 Nov 2019 23:06:00 GMT`, `September 10, 2018 | by Catherine`),
    /// read as a page's byline is (``Byline/date(in:)``).
    static func dateline(_ line: DumpLineFeatures.Line) -> Date? {
        guard line.wordCount <= DumpLineFeatures.shortWords else { return nil }
        return Byline.date(in: line.text)
    }

    /// Words that introduce an author's name in a byline, in the languages dumps come in most.
    static let bylineWords: Set<String> = ["by", "von", "par", "por", "di", "door", "av", "af", "przez", "автор"]

    /// The author a `By Jane Doe` line names (a dateline after a separator is left out).
    static func byline(_ line: DumpLineFeatures.Line) -> String? {
        guard line.wordCount >= 2, line.wordCount <= 8, let first = DumpLineFeatures.words(line.scalars).first,
              bylineWords.contains(first.lowercased()) else { return nil }
        var rest = line.text.drop { !$0.isWhitespace }.drop(while: \.isWhitespace)
        if let cut = rest.firstIndex(where: { $0 == "|" || $0 == "·" || $0 == "," }) { rest = rest[..<cut] }
        let name = rest.trimmingCharacters(in: .whitespaces)
        guard let first = name.unicodeScalars.first, DumpLineFeatures.isUpper(first) else { return nil }
        return name
    }
}
