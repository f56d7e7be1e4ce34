import Foundation
import Markup
import Syndication

/// The author and the date a page prints by its story's headline, read where nothing marks
/// them (no meta tag, JSON-LD, microdata or hAtom class): `Posted March 14, 2009 by Alan
/// Moore`, `By Jane Doe | 13.11.2019`, `Von Hans Müller, 3. Mai 2012`. A hand-written page or
/// a small site's template of an earlier decade says them only so, and a feed entry without
/// them has neither an author nor the day it was written.
struct Byline {
    private(set) var author: String?
    private(set) var published: Date?

    /// A byline is a short line: a longer run is the story's words.
    static let longestRun = 120
    /// Words a name after `by` is made of at most.
    static let nameWords = 4
    /// Words that may open a byline before its `by` ("Posted on … by", "Geschrieben am … von").
    static let postingWords: Set<String> = [
        "posted", "written", "published", "updated", "filed", "on", "at", "geschrieben", "veröffentlicht", "am", "um",
        "publié", "le", "publicado", "el", "pubblicato", "il", "geplaatst", "op", "opublikowano", "dnia", "publicerad", "den",
        "опубликовано",
    ]
    /// Lower-case words a name may hold between its capitalised ones (`Ludwig van Beethoven`).
    static let nameParticles: Set<String> = ["van", "von", "de", "da", "der", "den", "del", "della", "di", "du", "la", "le", "bin", "al", "y"]

    /// Reads `runs` in order; the first date and the first name found are the byline's.
    init(runs: [String]) {
        for run in runs where run.unicodeScalars.count <= Byline.longestRun && !BoilerplatePatterns.isChromeLine(run) {
            if published == nil { published = Byline.date(in: run) }
            if author == nil { author = Byline.author(in: run) }
        }
    }

    /// Texts read after a headline, and elements visited to find them.
    static let runsAfterHeadline = 4
    static let nodesVisited = 40
    /// Elements whose text is no byline: scripts, controls, navigation, pictures and captions.
    static let unread: Set<String> = ["script", "style", "noscript", "template", "svg", "button", "select", "form", "nav", "iframe", "img", "figure", "picture"]

    /// The texts that follow a headline in the page, up to the story's first long one: a
    /// byline stands in an element of its own after the headline, most often one whose class
    /// the walk reads as chrome (`meta`, `byline`, `entry-meta`), so it is read from the page
    /// itself. A long block is entered, since a story's first element may be its byline.
    static func runs(after heading: MarkupNode) -> [String] {
        var runs: [String] = []
        var next = following(heading)
        var visited = 0
        while let node = next, runs.count < runsAfterHeadline, visited < nodesVisited {
            visited += 1
            switch node.kind {
            case .text:
                guard let text = node.ownContent.flatMap(HTMLText.collapseWhitespace) else { next = following(node); continue }
                guard text.unicodeScalars.count <= longestRun else { return runs }
                runs.append(text)
                next = following(node)
            case .element where !unread.contains(node.localName):
                if let text = shortText(of: node) {
                    if !text.isEmpty { runs.append(text) }
                    next = following(node)
                } else if let first = node.children.first(where: { $0.kind != .text || !($0.ownContent ?? "").isBlank }) {
                    next = first
                } else {
                    return runs
                }
            default:
                next = following(node)
            }
        }
        return runs
    }

    /// An element's text when it is a byline's length (``longestRun``; empty for none), nil
    /// when longer. It is counted only until it is longer: the element may hold the whole
    /// story, or the whole page.
    private static func shortText(of element: MarkupNode) -> String? {
        var pending = Array(element.children.reversed())
        var length = 0, visited = 0
        while let node = pending.popLast() {
            visited += 1
            guard visited <= nodesVisited * 4 else { return nil }
            if node.kind == .text {
                // White space is left out: a template indents a byline over many lines.
                length += node.ownContent?.unicodeScalars.count { !$0.properties.isWhitespace } ?? 0
                if length > longestRun { return nil }
            } else if node.kind == .element {
                pending.append(contentsOf: node.children.reversed())
            }
        }
        let text = HTMLText.plainText(of: element) ?? ""
        return text.unicodeScalars.count <= longestRun ? text : nil
    }

    /// The node after `node` in the page, its subtree left out: its next sibling, or the
    /// next sibling of the nearest ancestor that has one (a few levels up at most).
    private static func following(_ node: MarkupNode) -> MarkupNode? {
        var current = node
        for _ in 0..<8 {
            if let sibling = current.nextSibling { return sibling }
            guard let parent = current.parent, !["body", "html"].contains(parent.localName) else { return nil }
            current = parent
        }
        return nil
    }

    /// The date a short line names: a feed's formats and `13.11.2019` between its separators
    /// (`September 10, 2018 | by Catherine`), or a date printed in words anywhere in it
    /// (``VisibleDate``: `Posted March 14, 2009 by Alan Moore`).
    static func date(in line: String) -> Date? {
        guard line.utf8.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        if line.split(whereSeparator: \.isWhitespace).count <= DumpLineFeatures.shortWords {
            for part in line.split(whereSeparator: { $0 == "|" || $0 == "·" || $0 == "•" }) where isWholeDate(part) {
                let candidate = part.trimmingCharacters(in: .whitespaces)
                if let date = DateParser.parse(candidate) ?? dayMonthYear(candidate) { return date }
            }
        }
        return VisibleDate.iso(line).flatMap(DateParser.parse)
    }

    /// Whether a part of a line holds a day, a month and a year: three numbers, or two and a
    /// month's name. A feed's date parser reads a lone number as a year, and a byline's
    /// "Views: 2168" is none.
    static func isWholeDate(_ part: Substring) -> Bool {
        let numbers = part.split(whereSeparator: { !$0.isNumber }).count
        if numbers >= 3 { return true }
        guard numbers == 2 else { return false }
        return part.lowercased().split(whereSeparator: { !$0.isLetter }).contains { DateWords.months[String($0)] != nil }
    }

    /// The name after a byline's `by` (``TextDumpExtractor/bylineWords``), when the words
    /// before it only say the story was posted, and when: capitalised words, up to a separator,
    /// a date or a word in lower case. A `by` inside a sentence ("bitten by a dog") has other
    /// words before it.
    static func author(in line: String) -> String? {
        let words = line.split(whereSeparator: \.isWhitespace)
        guard let at = words.firstIndex(where: { TextDumpExtractor.bylineWords.contains(bare($0)) }) else { return nil }
        let before = words[..<at].map(bare)
        guard before.allSatisfy({ $0.isEmpty || postingWords.contains($0) || DateWords.months[$0] != nil || DateWords.weekdays.contains($0)
            || DateWords.connectors.contains($0) || $0.allSatisfy { $0.isNumber || "-./:".contains($0) } }) else { return nil }
        var name: [Substring] = []
        for word in words[(at + 1)...] {
            let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: ",;:|·•()–—"))
            let ends = trimmed.count < word.count
            // A date's words end the name ("By Jeff Foust Monday, November 18").
            let lower = trimmed.lowercased()
            guard let first = trimmed.first, !trimmed.contains(where: \.isNumber), DateWords.months[lower] == nil,
                  !DateWords.weekdays.contains(lower) else { break }
            if first.isUppercase {
                name.append(Substring(trimmed))
            } else if nameParticles.contains(trimmed) && !name.isEmpty {
                name.append(Substring(trimmed))
            } else {
                break
            }
            if ends || name.count == nameWords { break }
        }
        while let last = name.last, nameParticles.contains(String(last)) { name.removeLast() }
        guard !name.isEmpty else { return nil }
        let joined = name.joined(separator: " ")
        return joined.count <= InlineMetadata.longestName ? joined : nil
    }

    /// A word lower-cased without the punctuation around it.
    private static func bare(_ word: Substring) -> String {
        word.lowercased().trimmingCharacters(in: .punctuationCharacters)
    }

    /// `13.11.2019` or `13/11/2019`, optionally followed by `, 23:06`: the European dates that
    /// feed date parsers do not read.
    static func dayMonthYear(_ text: String) -> Date? {
        let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count >= 3, (1...31).contains(numbers[0]), (1...12).contains(numbers[1]), (1900...2999).contains(numbers[2]),
              text.contains(".") || text.contains("/")
        else { return nil }
        var components = DateComponents(year: numbers[2], month: numbers[1], day: numbers[0])
        if numbers.count >= 5, (0...23).contains(numbers[3]), (0...59).contains(numbers[4]) {
            components.hour = numbers[3]
            components.minute = numbers[4]
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)
    }
}
