import FeedwrightCore
import Foundation
import Syndication
import Testing

@Suite("Dates in every form feeds write them")
struct DateParserTests {
    static let cases: [(String, String)] = [
        // RFC 822 / 1123 and variants
        ("Sat, 07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z"),
        ("Sat, 7 Sep 2002 00:00:01 +0000", "2002-09-07T00:00:01Z"),
        ("Sat, 07 Sep 02 00:00:01 GMT", "2002-09-07T00:00:01Z"),
        ("07 Sep 2002 00:00 GMT", "2002-09-07T00:00:00Z"),
        ("Sun, 07 Sep 2002 00:00:01 GMT", "2002-09-07T00:00:01Z"),
        ("Sat, 07 Sep 2002 00:00:01 EST", "2002-09-07T05:00:01Z"),
        ("Sat, 07 Sep 2002 00:00:01 PDT", "2002-09-07T07:00:01Z"),
        ("Sat, 07 Sep 2002 00:00:01 UT", "2002-09-07T00:00:01Z"),
        ("Sat, 07 Sep 2002 00:00:01 Z", "2002-09-07T00:00:01Z"),
        ("Sat, 07 Sep 2002 00:00:01 A", "2002-09-06T23:00:01Z"),
        ("Sat, 07 Sep 2002 00:00:01 +00:00", "2002-09-07T00:00:01Z"),
        ("Sat, 07 Sep 2002 12:00:00 -0430", "2002-09-07T16:30:00Z"),
        ("Thu, 5 Apr 2007 10:12:22 -0400 (EDT)", "2007-04-05T14:12:22Z"),
        ("Mon, 26 January 2004 16:31:00 ET", "2004-01-26T21:31:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 GMT+2", "2003-06-10T02:00:00Z"),
        ("10-Jun-2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
        ("June 10, 2003 4:00 PM GMT", "2003-06-10T16:00:00Z"),
        // Non-English month names
        ("mar, 10 juin 2003 04:00:00 +0200", "2003-06-10T02:00:00Z"),
        ("Di, 10 Dez 2003 04:00:00 GMT", "2003-12-10T04:00:00Z"),
        ("10 diciembre 2003 04:00:00 GMT", "2003-12-10T04:00:00Z"),
        ("10 maggio 2003", "2003-05-10T00:00:00Z"),
        // ISO 8601 / RFC 3339 / W3C-DTF
        ("2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z"),
        ("2003-12-31T10:14:55.123-08:00", "2003-12-31T18:14:55Z"),
        ("2003-12-31T10:14:55+0100", "2003-12-31T09:14:55Z"),
        ("2003-12-31T10:14Z", "2003-12-31T10:14:00Z"),
        ("2003-12-31 10:14:55", "2003-12-31T10:14:55Z"),
        ("2003-12-31", "2003-12-31T00:00:00Z"),
        ("2003-12", "2003-12-01T00:00:00Z"),
        ("2003", "2003-01-01T00:00:00Z"),
        ("20031231T101455Z", "2003-12-31T10:14:55Z"),
        ("2003-335", "2003-12-01T00:00:00Z"),
    ]

    @Test("parses to the right UTC instant", arguments: cases)
    func parses(input: String, expected: String) throws {
        let date = try #require(DateParser.parse(input), "could not parse \(input)")
        #expect(TimestampFormat.rfc3339(date) == expected)
    }

    @Test("nonsense is nil, never now", arguments: ["", "soon", "32 Foo 2003", "2003-13-45", "Sat, 07 Sep 2002 25:61:00 GMT", "yesterday at noon"])
    func rejects(input: String) {
        #expect(DateParser.parse(input) == nil)
    }

    @Test("formatting round-trips across centuries")
    func formatting() {
        for seconds in stride(from: -2_208_988_800, through: 4_102_444_800, by: 86_399 * 97) {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(DateParser.parse(TimestampFormat.rfc3339(date)) == date)
        }
    }
}
