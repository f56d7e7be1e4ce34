import Foundation

/// A date as a page prints it for readers, not for machines: `March 21, 2011`,
/// `Sunday, September 16, 2012`, `16 Sep 2012`, `07.05.2013`, `2012/09/16`, `2010年10月24日`,
/// and in the other languages ``DateWords`` knows (`22 de outubro de 2010`, `8 октября 2019 г.`,
/// `3. Mai 2012`, `2019년 11월 20일`).
///
/// Older pages mark where their date is (hAtom's `published`, a theme's `entry-date`) but
/// print it in words. Only whole dates are read (a day, a month and a four-digit year); the
/// result is that day at midnight UTC, as a feed's date-only value is.
enum VisibleDate {
    /// The ISO 8601 date (`YYYY-MM-DD`) the text prints, or nil.
    static func iso(_ text: String) -> String? {
        // Every date read here holds a day and a year in ASCII digits: most lines have none, and
        // are done with in one pass over their bytes.
        guard text.utf8.count <= 80, text.utf8.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        // CJK and Korean: 2010年10月24日, 2010년 10월 24일
        let cjk = text.split(whereSeparator: { !$0.isNumber })
        if text.contains("年") && text.contains("月") || text.contains("년") && text.contains("월"), cjk.count >= 3,
           let year = Int(cjk[0]), let month = Int(cjk[1]), let day = Int(cjk[2]) {
            return format(year, month, day)
        }
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        // The words that are not a date's small words (`de`, `г`): a day and a year stand
        // next to the month among these.
        let parts = words.filter { !DateWords.connectors.contains($0) }
        // Month D, YYYY and D Month YYYY, with or without a weekday before them.
        for (index, word) in parts.enumerated() {
            guard let month = DateWords.months[word] else { continue }
            let before = index > 0 && !endsDottedNumber(parts[index - 1], in: text) ? Int(parts[index - 1].filter(\.isNumber)) : nil
            let after = index + 1 < parts.count ? Int(parts[index + 1].filter(\.isNumber)) : nil
            let year = parts.dropFirst(index + 1).prefix(2).compactMap { $0.count == 4 ? Int($0) : nil }.first
            if let year, let day = (after.flatMap { $0 <= 31 ? $0 : nil }) ?? before { return format(year, month, day) }
        }
        // DD.MM.YYYY (the European order when dotted) and YYYY/MM/DD or YYYY-MM-DD, in a line
        // that names no month: one that does and gave no date above is no date in figures
        // either (`4.4 January 2015` is a version and a month).
        guard !parts.contains(where: { DateWords.months[$0] != nil }) else { return nil }
        let numbers = text.split(whereSeparator: { !$0.isNumber }).prefix(3).compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        if text.contains("."), numbers[2] >= 1000 { return format(numbers[2], numbers[1], numbers[0]) }
        if numbers[0] >= 1000 { return format(numbers[0], numbers[1], numbers[2]) }
        return nil
    }

    /// Whether `text` is a date and nothing else (`19 March 2011`, `Sunday, September 16,
    /// 2012`, `2012/09/16`, `sexta-feira, 22 de outubro de 2010 às 20:13`): the heading a blog
    /// prints over each day's posts, or a story's date set on a line of its own. A line that
    /// says more (`Posted on March 3 by Helen`) is not one.
    static func isWholeLine(_ text: String) -> Bool {
        guard iso(text) != nil else { return false }
        return text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).allSatisfy { word in
            let name = String(word)
            return word.allSatisfy { $0.isNumber || DateWords.cjkUnits.contains($0) } || DateWords.months[name] != nil
                || DateWords.weekdays.contains(name) || DateWords.connectors.contains(name) || isOrdinal(word)
        }
    }

    /// Whether `part` is the last of a dotted number's parts in `text` (`4.2.3 April 2014`,
    /// `4.4 January 2015`): a version set before a month, not a day.
    private static func endsDottedNumber(_ part: String, in text: String) -> Bool {
        text.split(whereSeparator: \.isWhitespace).contains { token in
            token.hasSuffix("." + part) && token.dropLast(part.count + 1).last?.isNumber == true
        }
    }

    /// A day written as an ordinal (`15th`, `1st`, `22nd`, `3rd`, `1er`).
    private static func isOrdinal(_ word: Substring) -> Bool {
        guard let end = word.firstIndex(where: { !$0.isNumber }), end > word.startIndex else { return false }
        return ["st", "nd", "rd", "th", "er"].contains(word[end...])
    }

    private static func format(_ year: Int, _ month: Int, _ day: Int) -> String? {
        guard (1990...2100).contains(year), (1...12).contains(month) else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
