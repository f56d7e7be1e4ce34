/// Counts valid multi-byte and invalid sequences in UTF-8 text in one pass.
///
/// A sequence is valid exactly when Unicode (and so Swift's `String`) says so: no overlong
/// forms, no surrogates, nothing beyond U+10FFFF, no truncated sequence.
struct UTF8Check {
    var multibyteSequences = 0
    var invalidSequences = 0
    /// The line of the first invalid sequence (1-based), 0 when there is none.
    var firstInvalidLine = 0

    /// Valid UTF-8 with no multi-byte sequence.
    var isASCII: Bool { multibyteSequences == 0 && invalidSequences == 0 }

    init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { UTF8Check($0) }
    }

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        var firstInvalid: Int?
        let count = buffer.count
        let raw = UnsafeRawBufferPointer(buffer)
        var index = 0
        while index < count {
            // Markup is mostly ASCII: skip it 32 bytes at a time.
            while index + 32 <= count {
                let a = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let b = raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                let c = raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
                let d = raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
                if (a | b | c | d) & 0x8080_8080_8080_8080 != 0 { break }
                index += 32
            }
            // Near non-ASCII text, go a word at a time and land on its first high byte
            // rather than walking the ASCII before it byte by byte.
            if index + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let high = word & 0x8080_8080_8080_8080
                if high == 0 {
                    index += 8
                    continue
                }
                index += high.trailingZeroBitCount >> 3
            } else {
                guard index < count else { break }
                if buffer[index] < 0x80 {
                    index += 1
                    continue
                }
            }
            let length = Self.sequenceLength(buffer, at: index)
            if length > 0 {
                multibyteSequences += 1
                index += length
            } else {
                if firstInvalid == nil { firstInvalid = index }
                invalidSequences += 1
                index += 1
            }
        }
        if let firstInvalid {
            // Counted once, here, so that the scan above never tracks lines.
            firstInvalidLine = 1 + buffer[..<firstInvalid].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
    }

    /// The length of the valid multi-byte sequence starting at `index`, or 0 when it is not
    /// one (bad lead byte, truncated, overlong, surrogate or beyond U+10FFFF): the ranges of
    /// Unicode's table of well-formed UTF-8 (Table 3-7), where only the second byte varies.
    @inline(__always)
    private static func sequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch buffer[index] {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xED: length = 3; high = 0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; low = 0x90
        case 0xF4: length = 4; high = 0x8F
        case 0xF1...0xF3: length = 4
        default: return 0
        }
        guard index + length <= buffer.count else { return 0 }
        let second = buffer[index + 1]
        guard second >= low && second <= high else { return 0 }
        for offset in 2..<length where buffer[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }
}
