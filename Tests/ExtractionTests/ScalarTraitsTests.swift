@testable import Extraction
import FeedwrightCore
import Testing

/// The traits table stands in for the standard library's properties on the hot path of the dump
/// features (whose weights were trained on Python's answers): it must answer exactly what they do.
@Suite("Scalar traits")
struct ScalarTraitsTests {
    @Test("the table answers the standard library's properties for every scalar it holds, and beyond it")
    func agreesWithProperties() {
        let beyond: [UInt32] = [0x3000, 0x3042, 0x4E2D, 0xAC00, 0xFF21, 0xFF41, 0x1D400, 0x10400, 0x1F600]
        var checked = 0
        for value in Array(0..<ScalarTraits.tableLimit) + Array(0xAB00...0xD800) + beyond {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let traits = ScalarTraits.of(scalar)
            let properties = scalar.properties
            let word: Bool = switch properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark: true
            default: false
            }
            let same = traits.contains(.word) == word
                && traits.contains(.uppercase) == properties.isUppercase
                && traits.contains(.lowercase) == properties.isLowercase
                && traits.contains(.cased) == (properties.changesWhenLowercased || properties.changesWhenUppercased)
                && traits.contains(.changesWhenLowercased) == properties.changesWhenLowercased
                && traits.contains(.whitespace) == properties.isWhitespace
            if !same { Issue.record("U+\(String(value, radix: 16, uppercase: true)): \(traits.rawValue)") }
            checked += 1
        }
        #expect(checked > 10_000)
        #expect(ScalarTraits.of("É").contains([.word, .uppercase, .cased, .changesWhenLowercased]))
        #expect(ScalarTraits.of("\u{2019}") == [])
        #expect(ScalarTraits.of("\u{00A0}") == .whitespace)
    }

    /// Pieces on both sides of the ASCII shortcut: white space of both ranges, controls that
    /// are not white space, letters of both.
    static let textPieces = ["a", " ", "\t", "\n", "\r\n", "\u{B}", "\u{C}", "\u{1}", "\u{1F}", "\u{7F}", "\u{85}", "\u{A0}", "é", "\u{2028}", "\u{3000}", "中", "\u{200B}", "\u{1F600}", "J", "\u{301}"]

    @Test("isBlank answers what Character.isWhitespace over every character answers, for every mix")
    func blankAgreesWithCharacters() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Self.textPieces.randomElement(using: &generator)! }.joined()
            #expect(text.isBlank == text.allSatisfy(\.isWhitespace), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("the sanitizer judges an address's scheme from its head as it would from the whole address lower-cased without white space and controls")
    func schemeHeadAgreesWithWholeAddress() {
        var generator = SystemRandomNumberGenerator()
        let schemes = ["javascript:", "JaVaScRiPt:", "vbscript:", "data:image/svg+xml,", "DATA:image/png;", "data:text/html,", "https://", "İ", "K"]
        for _ in 0..<5_000 {
            var pieces = [schemes.randomElement(using: &generator)!]
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                pieces.insert(Self.textPieces.randomElement(using: &generator)!, at: Int.random(in: 0...pieces.count, using: &generator))
            }
            let address = pieces.joined()
            let whole = String(String.UnicodeScalarView(address.lowercased().unicodeScalars.filter {
                !$0.properties.isWhitespace && $0.properties.generalCategory != .control
            }))
            let head = HTMLSanitizer.schemeHead(of: address)
            #expect(whole.unicodeScalars.starts(with: head.unicodeScalars), "\(address.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(head.unicodeScalars.count >= min(HTMLSanitizer.schemeHeadLength, whole.unicodeScalars.count))
            // The sanitizer's verdicts, compared as characters (a combining mark after the
            // colon makes another character of it, in the head as in the whole).
            for prefix in ["javascript:", "vbscript:", "data:", "data:image/", "data:image/svg"] {
                #expect(head.hasPrefix(prefix) == whole.hasPrefix(prefix), "\(prefix): \(address.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }
}
