/// Measures of text that hold in any script: words where words have no spaces between them,
/// and the punctuation that ends or divides a sentence in many writing systems.
enum TextMeasure {
    /// Whether a scalar belongs to a script written without spaces between words (Han, kana,
    /// Thai, Lao, Khmer, Myanmar), where each character counts as a word.
    static func isUnspacedScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF: return true // Thai, Lao, Myanmar, Khmer
        case 0x3040...0x30FF, 0x31F0...0x31FF: return true // kana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true // Han
        default: return false
        }
    }

    /// What one character of an unspaced script weighs against the letters of a spaced one:
    /// about what a word and its space take in English.
    static let unspacedCharacterSpan = 3
    /// What a Hangul syllable weighs: a block of two or three letters (jamo), written in words
    /// with spaces between them, so a Korean sentence is about half as many characters as its
    /// English translation.
    static let hangulSyllableSpan = 2

    /// How many letters of an alphabet one scalar stands for.
    @inline(__always)
    static func span(of scalar: Unicode.Scalar) -> Int {
        guard scalar.value >= 0x0E00 else { return 1 }
        if isUnspacedScript(scalar) { return unspacedCharacterSpan }
        return (0xAC00...0xD7A3).contains(scalar.value) ? hangulSyllableSpan : 1
    }

    /// How many letters of an alphabet a text stands for.
    static func span(of text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { $0 + span(of: $1) }
    }

    /// How many letters of `text` are in words that are web addresses (`http://…`, `www.…`).
    static func addressSpan(of text: String) -> Int {
        // Most runs hold no address: one pass over the bytes finds out (Foundation's substring
        // search, run for every run of every page, cost more than the rest of the scoring).
        var hasAddress = false, previous: (UInt8, UInt8, UInt8) = (0, 0, 0)
        for byte in text.utf8 {
            if previous.1 == UInt8(ascii: ":") && previous.2 == UInt8(ascii: "/") && byte == UInt8(ascii: "/")
                || previous == (UInt8(ascii: "w"), UInt8(ascii: "w"), UInt8(ascii: "w")) && byte == UInt8(ascii: ".") {
                hasAddress = true
                break
            }
            previous = (previous.1, previous.2, byte)
        }
        guard hasAddress else { return 0 }
        var span = 0
        for word in text.split(separator: " ") where word.contains("://") || word.hasPrefix("www.") {
            span += self.span(of: word)
        }
        return span
    }

    /// The words of a text: runs of letters and digits, each character of an unspaced script
    /// a word by itself.
    static func words(_ text: String) -> [Substring] {
        var words: [Substring] = []
        let scalars = text.unicodeScalars
        var start: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if isUnspacedScript(scalar) {
                if let begun = start { words.append(text[begun..<index]); start = nil }
                words.append(text[index..<next])
            } else if isWordScalar(scalar) {
                if start == nil { start = index }
            } else if let begun = start {
                words.append(text[begun..<index])
                start = nil
            }
            index = next
        }
        if let begun = start { words.append(text[begun...]) }
        return words
    }

    /// Letters, digits and the marks that combine with them (a word does not end at an accent).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
    }

    /// Sentence ends of Latin, CJK (full-width), Arabic, Urdu, Devanagari, Armenian, Ethiopic,
    /// Myanmar, Khmer and Tibetan writing, and the closing quotes and brackets that follow them.
    static let sentenceEnds: Set<Character> = [".", "!", "?", "…", "‼", "。", "！", "？", "؟", "۔", "।", "॥", "։", "።", "፧", "။", "។", "།", "｡"]
    static let closers: Set<Character> = ["\"", "”", "’", "'", ")", "）", "」", "』", "»", "›", "]", ":", ";", "；", "："]

    /// Whether a run ending in this character ends like a sentence (or a quoted one).
    static func closesSentence(_ character: Character) -> Bool {
        sentenceEnds.contains(character) || closers.contains(character)
    }

    /// Whether `text` ends with a full stop, a question or an exclamation, in any script, maybe
    /// inside quotes or brackets; not with an ellipsis, the end of a clipped teaser, and not
    /// with a colon.
    static func endsWithSentenceMark(_ text: String) -> Bool {
        guard let last = text.reversed().first(where: { !quoteClosers.contains($0) }),
              last != "…", sentenceEnds.contains(last) else { return false }
        return !(last == "." && text.reversed().drop(while: quoteClosers.contains).starts(with: ".."))
    }

    /// The closing quotes and brackets a sentence mark may stand inside.
    static let quoteClosers: Set<Character> = ["\"", "”", "’", "'", ")", "）", "」", "』", "»", "›", "]"]

    /// Commas and their kin in other scripts: the signal of running prose Readability counts.
    static func isComma(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ",", "，", "、", "،", "؛", "﹐", "､", "፣", "၊": return true
        default: return false
        }
    }
}
