import FeedwrightCore
import Foundation

/// Reads the dates feeds contain: RFC 822/1123 and their wild variants, ISO 8601 / RFC 3339 and
/// W3C-DTF partial dates. Every result is an instant (UTC); text that is not a date gives `nil`,
/// never "now".
public enum DateParser {
    /// The instant `text` names, or `nil` when it cannot be understood.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmed()
        guard !trimmed.isEmpty, trimmed.utf8.count < 200 else { return nil }
        let bytes = Array(trimmed.utf8)
        if let iso = parseISO8601(bytes) { return iso }
        if let canonical = parseCanonicalRFC822(bytes) { return canonical }
        return parseRFC822(trimmed)
    }

    // MARK: ISO 8601, RFC 3339, W3C-DTF

    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYYMMDD`, `YYYY-DDD`, each optionally followed by
    /// `T` or a space and `hh:mm[:ss[.f]]` (or `hhmm[ss]`) and a zone (`Z`, `±hh[:mm]`, a name).
    static func parseISO8601(_ bytes: [UInt8]) -> Date? {
        var scanner = ByteScanner(bytes)
        guard let year = scanner.digits(exactly: 4) else { return nil }
        var time = CivilTime(year: year)
        if scanner.consume("-") {
            if let ordinal = scanner.digits(exactly: 3), !scanner.peekDigit {
                guard (1...366).contains(ordinal) else { return nil }
                let days = CivilTime.daysFromCivil(year: year, month: 1, day: 1) + ordinal - 1
                let civil = CivilTime.civilFromDays(days)
                time.month = civil.month
                time.day = civil.day
            } else {
                guard let month = scanner.digits(from: 1, to: 2) else { return nil }
                time.month = month
                if scanner.consume("-") {
                    guard let day = scanner.digits(from: 1, to: 2) else { return nil }
                    time.day = day
                }
            }
        } else if let month = scanner.digits(exactly: 2) {
            time.month = month
            guard let day = scanner.digits(exactly: 2) else { return nil }
            time.day = day
        }
        if scanner.atEnd { return time.date }
        guard scanner.consume("T") || scanner.consume("t") || scanner.consume(" ") else { return nil }
        while scanner.consume(" ") {}
        guard let hour = scanner.digits(exactly: 2) ?? scanner.digits(exactly: 1) else { return nil }
        time.hour = hour
        let colon = scanner.consume(":")
        if let minute = scanner.digits(exactly: 2) {
            time.minute = minute
            if (colon ? scanner.consume(":") : true), let second = scanner.digits(exactly: 2) {
                time.second = second
                if scanner.consume(".") || scanner.consume(",") {
                    let start = scanner.index
                    while scanner.peekDigit { scanner.index += 1 }
                    time.fraction = Double("0." + String(decoding: bytes[start..<scanner.index], as: UTF8.self)) ?? 0
                }
            }
        }
        while scanner.consume(" ") {}
        guard !scanner.atEnd else { return time.date }
        guard let offset = zoneOffset(scanner.rest) else { return nil }
        time.offset = offset
        return time.date
    }

    /// Seconds east of UTC for `Z`, `+hh`, `+hhmm`, `+hh:mm`, or a zone name.
    static func zoneOffset(_ text: String) -> Int? {
        // The common shapes first, on bytes: "+0100", "-05:00", "GMT", "UTC", "Z".
        if let quick = numericOrUTCZone(text.utf8) { return quick }
        let zone = text.trimmed()
        guard let first = zone.first else { return 0 }
        if first == "+" || first == "-" {
            let digits = zone.dropFirst().filter { $0 != ":" }
            guard digits.allSatisfy(\.isASCIIDigit), (1...4).contains(digits.count) else { return nil }
            let value = Int(digits) ?? 0
            let (hours, minutes) = digits.count <= 2 ? (value, 0) : (value / 100, value % 100)
            guard hours <= 14, minutes < 60 else { return nil }
            return (first == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        let upper = zone.uppercased()
        if let hours = TimeZoneAbbreviations.hours[upper] {
            return Int(hours * 3600)
        }
        // "GMT+2", "UTC-05:00"
        for prefix in ["GMT", "UTC", "UT"] where upper.hasPrefix(prefix) {
            let rest = String(upper.dropFirst(prefix.count))
            if rest.first == "+" || rest.first == "-" { return zoneOffset(rest) }
        }
        if upper.count == 1, let hours = TimeZoneAbbreviations.military(upper.first!) {
            return Int(hours * 3600)
        }
        return nil
    }

    /// `+HHMM`, `-HH:MM`, `GMT`, `UTC`, `UT`, `Z` exactly (no surrounding space), else nil
    /// (the general path then decides).
    private static func numericOrUTCZone(_ bytes: String.UTF8View) -> Int? {
        var iterator = bytes.makeIterator()
        guard let first = iterator.next() else { return nil }
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            var digits: [Int] = []
            digits.reserveCapacity(4)
            while let byte = iterator.next() {
                if byte == UInt8(ascii: ":") && digits.count == 2 { continue }
                guard byte >= 0x30 && byte <= 0x39, digits.count < 4 else { return nil }
                digits.append(Int(byte - 0x30))
            }
            guard digits.count == 4 else { return nil }
            let hours = digits[0] * 10 + digits[1], minutes = digits[2] * 10 + digits[3]
            guard hours <= 14, minutes < 60 else { return nil }
            return (first == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        switch bytes.count {
        case 1: return first == UInt8(ascii: "Z") ? 0 : nil
        case 2, 3: return bytes.elementsEqual("GMT".utf8) || bytes.elementsEqual("UTC".utf8) || bytes.elementsEqual("UT".utf8) ? 0 : nil
        default: return nil
        }
    }

    // MARK: RFC 822 and relatives

    private static let englishMonths: [UInt32: Int] = {
        var table: [UInt32: Int] = [:]
        for (index, name) in ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].enumerated() {
            let bytes = Array(name.utf8)
            table[UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])] = index + 1
        }
        return table
    }()

    /// The form nearly every feed uses, `[Wkd, ]D Mon YYYY HH:MM[:SS] ZONE`, read byte by byte;
    /// anything else falls through to the general reader.
    static func parseCanonicalRFC822(_ bytes: [UInt8]) -> Date? {
        var scanner = ByteScanner(bytes)
        if bytes.count > 4, bytes[3] == UInt8(ascii: ","), bytes[0] | 0x20 >= 0x61 {
            scanner.index = 4
            while scanner.consume(" ") {}
        }
        guard let day = scanner.digits(from: 1, to: 2), scanner.consume(" "), scanner.index + 3 <= bytes.count else { return nil }
        let key = UInt32(bytes[scanner.index] | 0x20) << 16 | UInt32(bytes[scanner.index + 1] | 0x20) << 8 | UInt32(bytes[scanner.index + 2] | 0x20)
        guard let month = englishMonths[key] else { return nil }
        scanner.index += 3
        guard scanner.consume(" ") else { return nil }
        let yearStart = scanner.index
        guard var year = scanner.digits(from: 2, to: 4), scanner.index - yearStart != 3, scanner.consume(" ") else { return nil }
        if scanner.index - yearStart == 3 { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        guard let hour = scanner.digits(exactly: 2), scanner.consume(":"), let minute = scanner.digits(exactly: 2) else { return nil }
        var second = 0
        if scanner.consume(":") {
            guard let value = scanner.digits(exactly: 2) else { return nil }
            second = value
        }
        var offset = 0
        if scanner.consume(" ") {
            guard let zone = zoneOffset(scanner.rest) else { return nil }
            offset = zone
        } else if !scanner.atEnd {
            return nil
        }
        return CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset).date
    }

    /// Reads a date from loosely ordered parts: weekday (ignored), day, month name, year, time,
    /// zone. Accepts two-digit years, missing seconds, missing or wrong weekdays, named and
    /// numeric zones, and month names in common European languages.
    static func parseRFC822(_ text: String) -> Date? {
        var cleaned = text
        if let open = cleaned.firstIndex(of: "("), let close = cleaned[open...].firstIndex(of: ")") {
            cleaned.removeSubrange(open...close)
        }
        var parts: [Substring] = []
        for piece in cleaned.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            // "07-Sep-2002" and "07/Sep/2002"
            if piece.contains(where: { $0.isASCII && $0.isLetter }) && piece.contains(where: \.isASCIIDigit) && !piece.contains(Character(":"))
                && (piece.contains(Character("-")) || piece.contains(Character("/"))) && !(piece.first == "+" || piece.first == "-") {
                parts.append(contentsOf: piece.split(whereSeparator: { $0 == "-" || $0 == "/" }))
            } else {
                parts.append(piece)
            }
        }
        // "mar" is March and also French for Tuesday: with two month-like words, a leading one
        // that is also a weekday name is the weekday.
        let monthLike = parts.indices.filter { MonthNames.month(String(parts[$0])) != nil }
        if monthLike.count >= 2, MonthNames.weekdays.contains(parts[monthLike[0]].lowercased()) {
            parts.remove(at: monthLike[0])
        }
        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0
        var offset: Int?
        var meridiem: String?
        var sawTime = false
        for part in parts {
            let token = String(part)
            if token.contains(Character(":")) && token.first?.isASCIIDigit == true {
                guard let parsed = parseClock(token) else { return nil }
                (hour, minute, second) = (parsed.hour, parsed.minute, parsed.second)
                if let zone = parsed.zone { offset = zone }
                sawTime = true
            } else if (token.first == "+" || token.first == "-") && token.count > 1 {
                offset = zoneOffset(token)
            } else if token.allSatisfy(\.isASCIIDigit) {
                let value = Int(token) ?? 0
                if token.count >= 3 {
                    year = value
                } else if day == nil && (month == nil || year == nil) && (1...31).contains(value) && !(year == nil && day == nil && month != nil && value > 31) {
                    day = value
                } else if year == nil {
                    year = value
                } else {
                    return nil
                }
            } else if let number = MonthNames.month(token), month == nil {
                month = number
            } else if MonthNames.weekdays.contains(token.lowercased().trimmingCharacters(in: ".")) {
                continue
            } else if ["AM", "PM"].contains(token.uppercased()) {
                meridiem = token.uppercased()
            } else if let zone = zoneOffset(token) {
                offset = zone
            } else if day == nil && token.count > 2, let digits = Int(token.prefix(while: \.isASCIIDigit)), ["st", "nd", "rd", "th"].contains(token.drop(while: \.isASCIIDigit).lowercased()) {
                day = digits
            } else {
                continue
            }
        }
        guard var year, let month, let day else { return nil }
        if year < 100 {
            year += year < 50 ? 2000 : 1900
        } else if year < 1000 {
            year += 1900
        }
        if let meridiem, sawTime {
            if meridiem == "PM" && hour < 12 { hour += 12 }
            if meridiem == "AM" && hour == 12 { hour = 0 }
        }
        let time = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset ?? 0)
        return time.date
    }

    private static func parseClock(_ token: String) -> (hour: Int, minute: Int, second: Int, zone: Int?)? {
        var clock = Substring(token)
        var zone: Int?
        if let signIndex = clock.firstIndex(where: { $0 == "+" || $0 == "-" || $0.isLetter }) {
            zone = zoneOffset(String(clock[signIndex...]))
            clock = clock[..<signIndex]
        }
        let fields = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count >= 2, fields.count <= 3 else { return nil }
        guard let hour = Int(fields[0]), let minute = Int(fields[1]) else { return nil }
        var second = 0
        if fields.count == 3 {
            let whole = fields[2].split(separator: ".").first ?? ""
            guard let value = Int(whole) else { return nil }
            second = value
        }
        return (hour, minute, second, zone)
    }
}

/// Walks ASCII bytes for the ISO 8601 reader.
struct ByteScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { index >= bytes.count }
    var peekDigit: Bool { index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 }
    var rest: String { String(decoding: bytes[index...], as: UTF8.self) }

    mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
        index += 1
        return true
    }

    mutating func digits(exactly count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    mutating func digits(from minimum: Int, to maximum: Int) -> Int? {
        var value = 0
        var count = 0
        while count < maximum && peekDigit {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
            count += 1
        }
        return count >= minimum ? value : nil
    }
}

extension Character {
    /// `0`–`9` only, without a Unicode property lookup.
    var isASCIIDigit: Bool {
        guard let ascii = asciiValue else { return false }
        return ascii >= 0x30 && ascii <= 0x39
    }
}
