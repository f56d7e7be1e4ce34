/// A line break of the source text between two East Asian characters, which collapsing drops
/// instead of reading as a space.
///
/// Chinese and Japanese put no spaces between words, and pages written in them are often
/// wrapped in the source mid-sentence. A browser joins such lines again (CSS Text 3, "segment
/// break transformation rules": a break between two wide or full-width characters other than
/// Hangul is removed); reading them as spaces would split a word in two. Only the source's own
/// breaks vanish: white space an element stands for (``HTMLText/elementBreak``) and any
/// non-ASCII white space stay a space.
enum SegmentBreak {
    /// Whether the white space between the text in `before` and the character starting at
    /// `next` in `after` vanishes. `sawLineBreak` says that it held a line feed or carriage
    /// return, `plain` that it held nothing but ASCII white space.
    @inline(__always)
    static func vanishes(sawLineBreak: Bool, plain: Bool, before: [UInt8], after: UnsafeBufferPointer<UInt8>, next: Int) -> Bool {
        // Every character this joins is three or four bytes long in UTF-8.
        guard sawLineBreak, plain, let last = before.last, last >= 0x80, after[next] >= 0xE2 else { return false }
        guard let following = scalar(startingAt: next, in: after), isWide(following) else { return false }
        return before.withUnsafeBufferPointer { bytes in
            var start = bytes.count - 1
            while start > 0, bytes[start] & 0xC0 == 0x80, bytes.count - start < 4 { start -= 1 }
            return scalar(startingAt: start, in: bytes).map(isWide) ?? false
        }
    }

    /// The scalar a three- or four-byte UTF-8 sequence at `index` encodes, or `nil`.
    private static func scalar(startingAt index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let lead = bytes[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 0
        guard length > 0, index + length <= bytes.count else { return nil }
        var value = UInt32(lead & (length == 4 ? 0x07 : 0x0F))
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return value
    }

    /// Whether `value` is East Asian Wide, Full-width or Half-width (UAX #11), Hangul aside:
    /// Korean puts spaces between words, so its breaks are spaces.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x2E80...0x303F, // radicals, ideographic description, CJK symbols and punctuation
             0x3041...0x312F, // kana, bopomofo
             0x3190...0x33FF, // kanbun, strokes, katakana extensions, enclosed and squared forms
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, // ideographs, Yi
             0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, // compatibility and vertical forms
             0xFF01...0xFF60, 0xFF61...0xFF9F, 0xFFE0...0xFFE6, // full- and half-width forms
             0x20000...0x3FFFD: // supplementary ideographs
            return true
        default:
            return false
        }
    }
}
