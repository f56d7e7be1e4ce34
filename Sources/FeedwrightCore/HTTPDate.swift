import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`; read
/// in that form and the two obsolete ones recipients must still accept (RFC 850 and asctime).
/// Done by hand: a `DateFormatter` is costly to make and not `Sendable`, and these run per
/// request.
public enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `date` as an IMF-fixdate, to the second.
    public static func string(from date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    /// The instant an HTTP date names, or nil when `text` is not one.
    public static func date(from text: String) -> Date? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }).map(String.init)
        let day: Int?, month: Int?, year: Int?, clock: String
        switch words.count {
        case 6 where words[5] == "GMT":
            // IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT" and RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT".
            day = Int(words[1])
            month = months.firstIndex(of: words[2]).map { $0 + 1 }
            year = Int(words[3]).map { $0 < 100 ? ($0 < 70 ? 2000 + $0 : 1900 + $0) : $0 }
            clock = words[4]
        case 5:
            // asctime "Sun Nov  6 08:49:37 1994".
            month = months.firstIndex(of: words[1]).map { $0 + 1 }
            day = Int(words[2])
            clock = words[3]
            year = Int(words[4])
        default:
            return nil
        }
        let time = clock.split(separator: ":").compactMap { Int($0) }
        guard let day, let month, let year, time.count == 3, (1...31).contains(day), (0...23).contains(time[0]),
              (0...59).contains(time[1]), (0...60).contains(time[2]) else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(time[0])
        parts.tm_min = Int32(time[1])
        parts.tm_sec = Int32(time[2])
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
