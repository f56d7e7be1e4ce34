/// The character properties the dump features ask of every non-ASCII character, looked up in a
/// table for the scalars below U+3000 (Latin, Greek, Cyrillic, Arabic, Indic scripts,
/// punctuation) and asked of the standard library above it.
///
/// The standard library answers each property by a search of its Unicode tables; a dump of a
/// page in a language with accents, or merely with curly quotes and dashes, asked several of
/// them per character, and they were a tenth of a dump's reading. The table is filled from the
/// same properties, so it answers exactly what they answer.
struct ScalarTraits: OptionSet, Sendable {
    let rawValue: UInt8

    /// A letter, a digit or a combining mark, by general category (as Python's `unicodedata`).
    static let word = ScalarTraits(rawValue: 1 << 0)
    static let uppercase = ScalarTraits(rawValue: 1 << 1)
    static let lowercase = ScalarTraits(rawValue: 1 << 2)
    /// Changes when upper-cased or lower-cased: a letter that has case.
    static let cased = ScalarTraits(rawValue: 1 << 3)
    /// Changes when lower-cased (its lower-case mapping is another string).
    static let changesWhenLowercased = ScalarTraits(rawValue: 1 << 4)
    static let whitespace = ScalarTraits(rawValue: 1 << 5)

    /// The scalars the table holds.
    static let tableLimit: UInt32 = 0x3000

    private static let table: [ScalarTraits] = (0..<tableLimit).map { value in
        Unicode.Scalar(value).map(computed) ?? []
    }

    /// The traits of `scalar`.
    @inline(__always)
    static func of(_ scalar: Unicode.Scalar) -> ScalarTraits {
        if scalar.value < tableLimit { return table[Int(scalar.value)] }
        // Korean's syllables are letters without case (the only spaced script above the table).
        if scalar.value >= 0xAC00 && scalar.value <= 0xD7A3 { return .word }
        return computed(scalar)
    }

    private static func computed(_ scalar: Unicode.Scalar) -> ScalarTraits {
        let properties = scalar.properties
        var traits: ScalarTraits = []
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark:
            traits.insert(.word)
        default:
            break
        }
        if properties.isUppercase { traits.insert(.uppercase) }
        if properties.isLowercase { traits.insert(.lowercase) }
        if properties.changesWhenLowercased { traits.insert([.changesWhenLowercased, .cased]) }
        if properties.changesWhenUppercased { traits.insert(.cased) }
        if properties.isWhitespace { traits.insert(.whitespace) }
        return traits
    }
}
