@testable import Extraction
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
}
