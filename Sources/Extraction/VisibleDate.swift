import Foundation

/// A date as a page prints it for readers, not for machines: `March 21, 2011`,
/// `Sunday, September 16, 2012`, `16 Sep 2012`, `07.05.2013`, `2012/09/16`, `2010年10月24日`.
///
/// Older pages mark where their date is (hAtom's `published`, a theme's `entry-date`) but
/// print it in words. Only whole dates are read (a day, a month and a four-digit year); the
/// result is that day at midnight UTC, as a feed's date-only value is.
enum VisibleDate {
    private static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    /// The ISO 8601 date (`YYYY-MM-DD`) the text prints, or nil.
    static func iso(_ text: String) -> String? {
        guard text.utf8.count <= 80 else { return nil }
        // CJK: 2010年10月24日
        let cjk = text.split(whereSeparator: { !$0.isNumber })
        if text.contains("年"), text.contains("月"), cjk.count >= 3, let year = Int(cjk[0]), let month = Int(cjk[1]), let day = Int(cjk[2]) {
            return format(year, month, day)
        }
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        // Month D, YYYY and D Month YYYY, with or without a weekday before them.
        for (index, word) in words.enumerated() {
            guard let month = months[word] else { continue }
            let before = index > 0 ? Int(words[index - 1].filter(\.isNumber)) : nil
            let after = index + 1 < words.count ? Int(words[index + 1].filter(\.isNumber)) : nil
            let year = words.dropFirst(index + 1).prefix(2).compactMap { $0.count == 4 ? Int($0) : nil }.first
            if let year, let day = (after.flatMap { $0 <= 31 ? $0 : nil }) ?? before { return format(year, month, day) }
        }
        // DD.MM.YYYY (the European order when dotted) and YYYY/MM/DD or YYYY-MM-DD.
        let numbers = text.split(whereSeparator: { !$0.isNumber }).prefix(3).compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        if text.contains("."), numbers[2] >= 1000 { return format(numbers[2], numbers[1], numbers[0]) }
        if numbers[0] >= 1000 { return format(numbers[0], numbers[1], numbers[2]) }
        return nil
    }

    private static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ]

    /// The year, month and day signs of a CJK date (`2010年10月24日`).
    private static let cjkDateUnits: Set<Character> = ["年", "月", "日"]

    /// Whether `text` is a date and nothing else (`19 March 2011`, `Sunday, September 16,
    /// 2012`, `2012/09/16`): the heading a blog prints over each day's posts, or a story's
    /// date set on a line of its own. A line that says more (`Posted on March 3 by Helen`) is
    /// not one.
    static func isWholeLine(_ text: String) -> Bool {
        guard iso(text) != nil else { return false }
        return text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).allSatisfy { word in
            word.allSatisfy { $0.isNumber || cjkDateUnits.contains($0) } || months[String(word)] != nil || weekdays.contains(String(word))
                || isOrdinal(word)
        }
    }

    /// A day written as an English ordinal (`15th`, `1st`, `22nd`, `3rd`).
    private static func isOrdinal(_ word: Substring) -> Bool {
        guard let end = word.firstIndex(where: { !$0.isNumber }), end > word.startIndex else { return false }
        return ["st", "nd", "rd", "th"].contains(word[end...])
    }

    private static func format(_ year: Int, _ month: Int, _ day: Int) -> String? {
        guard (1990...2100).contains(year), (1...12).contains(month) else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
