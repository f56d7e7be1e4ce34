/// Readers' comments at the end of a text dump, told by their rhythm rather than by words of
/// any language: a short dated line that ends no sentence ("Milan on September 12, 2018 at
/// 4:47 pm said:", "2 days ago at 07:52 am"), then a reader's few lines, then another such
/// line, to the end of what the model kept. An HTML page shows the same thread as blocks
/// alike (``CommentShape``); a dump has only lines.
///
/// The headers must name many readers (``voice(of:in:_:)``), as a comment thread's cards must
/// (``CommentShape/speaksInManyVoices(_:)``): a live blog's entries carry a time and no name,
/// or one or two reporters'. A dated line inside the article (an infobox's "26 September
/// 1907", a timeline's entry) names nobody and stands among long stretches of prose, and a
/// quoted post names its author after its words ("— Name (@handle) November 18, 2019").
enum DumpThread {
    /// Headers a thread shows at least, with as many different names…
    static let minimumHeaders = 3
    /// …and one name for every this many headers (readers answer each other).
    static let headersPerVoice = 3
    /// Each header is at most this many kept lines after the one before, and the last this
    /// close to the end: a reader writes a few paragraphs, not an article.
    static let longestComment = 15
    /// A header is at most this many characters…
    static let headerLength = 100
    /// …and names, when a short line stands right above it, at most this many.
    static let nameLength = 40
    /// Letters (``TextMeasure/span(of:)``) the kept lines before the thread must hold: the
    /// article the readers answer.
    static let articleBefore = 300

    /// The position in `kept` (indices of `lines`, in order) where a thread of comments
    /// starts, with the name line right above its first header; nil when none ends the dump.
    static func start(of kept: [Int], in lines: [DumpLineFeatures.Line]) -> Int? {
        let headers = kept.indices.filter { isHeader(lines[kept[$0]]) }
        guard headers.count >= minimumHeaders, let last = headers.last, kept.count - 1 - last <= longestComment else { return nil }
        // The earliest header from which every next one follows closely…
        var first = headers.count - 1
        while first > 0, headers[first] - headers[first - 1] <= longestComment { first -= 1 }
        // …and after the article: a byline's date above the post ("Posted by … on March 11,
        // 2019") may start the chain, but no thread starts before the post is told.
        var said = 0, counted = 0
        for candidate in first..<headers.count {
            guard headers.count - candidate >= minimumHeaders else { return nil }
            while counted < headers[candidate] {
                said += TextMeasure.span(of: lines[kept[counted]].text)
                counted += 1
            }
            guard said >= articleBefore else { continue }
            let voices = headers[candidate...].map { voice(of: $0, in: kept, lines) }
            let names = Set(voices.compactMap { $0 })
            guard names.count >= minimumHeaders, headersPerVoice * names.count >= voices.count else { return nil }
            var start = headers[candidate]
            if start > 0, isName(lines[kept[start - 1]]) { start -= 1 }
            // The thread's heading and the post's footer above it count its comments ("6
            // thoughts on …", "Posted in Travel | Permalink | 6 Comments").
            for _ in 0..<countLines where start > 0 && isCount(lines[kept[start - 1]]) { start -= 1 }
            return start
        }
        return nil
    }

    /// Who a header names: the short line right above it ("fmcshan" over "2 days ago at
    /// 07:52 am") and its own words outside the date ("Milan Griffes on … said:"), together,
    /// so that a "Reply" closing every comment above the next one names no one alike. Figures
    /// and the words next to them (a month, "at", "am") are the date's, in any language. A
    /// line that itself follows a header is that entry's words (a timeline's "Work begins"
    /// between two dates), not a name.
    static func voice(of header: Int, in kept: [Int], _ lines: [DumpLineFeatures.Line]) -> String? {
        var parts: [String] = []
        if header > 0, isName(lines[kept[header - 1]]), header < 2 || !isHeader(lines[kept[header - 2]]) {
            parts.append(lines[kept[header - 1]].text.lowercased())
        }
        let words = lines[kept[header]].text.lowercased().split(separator: " ")
        let dated = words.map { $0.contains(where: \.isNumber) }
        let named = words.indices.filter { index in
            !dated[index] && !(index > 0 && dated[index - 1]) && !(index + 1 < words.count && dated[index + 1])
                && words[index].contains(where: \.isLetter)
        }
        if !named.isEmpty { parts.append(named.map { String(words[$0]) }.joined(separator: " ")) }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// A short line with a date or a time in it that ends no sentence and is no quotation's
    /// attribution (those open with a dash).
    static func isHeader(_ line: DumpLineFeatures.Line) -> Bool {
        guard line.scalars.count <= headerLength, let first = line.scalars.first else { return false }
        if ["—", "–", "-", "―"].contains(first) { return false }
        let text = line.text
        return !TextMeasure.endsWithSentenceMark(text) && CommentShape.hasDateFigures(text)
    }

    /// Lines above the thread that count its comments, at most.
    static let countLines = 2

    /// A short line with a figure in it that ends no sentence: a count of comments.
    static func isCount(_ line: DumpLineFeatures.Line) -> Bool {
        guard line.scalars.count <= headerLength, line.scalars.contains(where: { $0.properties.numericType != nil }) else { return false }
        return !TextMeasure.endsWithSentenceMark(line.text)
    }

    /// A line short enough to be a reader's name, ending no sentence.
    static func isName(_ line: DumpLineFeatures.Line) -> Bool {
        guard line.scalars.count <= nameLength else { return false }
        let text = line.text
        return !TextMeasure.endsWithSentenceMark(text) && !CommentShape.hasDateFigures(text)
    }
}
