/// The words of a line as features.py's `words` cuts them (runs of letters, digits and marks;
/// each character of an unspaced script a word of its own), each reduced to the 64-bit FNV-1a
/// hash of its lower-case code points, in one pass and without a String per word.
struct WordScan {
    private(set) var hashes: [UInt64] = []
    private(set) var lengths: [Int] = []
    /// Words whose first character is cased, and those of them that start upper-case.
    private(set) var cased = 0
    private(set) var capitalised = 0

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    /// The words of an ASCII line, read from its bytes: only letters and digits make words,
    /// every other byte ends one, and nothing needs Unicode's case tables.
    init(ascii bytes: [UInt8]) {
        hashes.reserveCapacity(bytes.count / 5)
        lengths.reserveCapacity(bytes.count / 5)
        var hash = Self.offsetBasis, length = 0
        for byte in bytes {
            let lower = byte | 0x20
            let letter = lower >= 0x61 && lower <= 0x7A
            if letter || (byte >= 0x30 && byte <= 0x39) {
                if length == 0 && letter {
                    cased += 1
                    if byte < 0x61 { capitalised += 1 }
                }
                hash = (hash ^ UInt64(letter ? lower : byte)) &* Self.prime
                length += 1
            } else if length > 0 {
                hashes.append(hash)
                lengths.append(length)
                hash = Self.offsetBasis
                length = 0
            }
        }
        if length > 0 {
            hashes.append(hash)
            lengths.append(length)
        }
    }

    /// How many words `scalars` holds, as ``init(_:)`` would cut them.
    static func count(_ scalars: ArraySlice<Unicode.Scalar>) -> Int {
        var count = 0, inWord = false
        for scalar in scalars {
            if TextMeasure.isUnspacedScript(scalar) {
                count += 1
                inWord = false
            } else if DumpLineFeatures.isWordScalar(scalar) {
                if !inWord { count += 1 }
                inWord = true
            } else {
                inWord = false
            }
        }
        return count
    }

    init(_ scalars: [Unicode.Scalar]) {
        hashes.reserveCapacity(scalars.count / 5)
        lengths.reserveCapacity(scalars.count / 5)
        var hash = Self.offsetBasis, length = 0
        // The last character is hashed one step late: a final capital sigma lower-cases to
        // `ς`, not `σ`, which only the word's end decides (Python's `str.lower` does so).
        var pending: Unicode.Scalar?
        var previous: Unicode.Scalar?

        func mix(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                let value = scalar.value
                hash = (hash ^ UInt64(value >= 0x41 && value <= 0x5A ? value + 32 : value)) &* Self.prime
            } else if !ScalarTraits.of(scalar).contains(.changesWhenLowercased) {
                hash = (hash ^ UInt64(scalar.value)) &* Self.prime
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    hash = (hash ^ UInt64(lower.value)) &* Self.prime
                }
            }
        }
        func begin(_ scalar: Unicode.Scalar) {
            if DumpLineFeatures.isCased(scalar) {
                cased += 1
                if DumpLineFeatures.isUpper(scalar) { capitalised += 1 }
            }
        }
        func end() {
            guard length > 0 else { return }
            if let last = pending {
                if last == "\u{03A3}" && length > 1, let previous, DumpLineFeatures.isCased(previous) {
                    hash = (hash ^ 0x03C2) &* Self.prime
                } else {
                    mix(last)
                }
            }
            hashes.append(hash)
            lengths.append(length)
            hash = Self.offsetBasis
            length = 0
            pending = nil
            previous = nil
        }

        for scalar in scalars {
            if TextMeasure.isUnspacedScript(scalar) {
                end()
                begin(scalar)
                mix(scalar)
                hashes.append(hash)
                lengths.append(1)
                hash = Self.offsetBasis
            } else if DumpLineFeatures.isWordScalar(scalar) {
                if length == 0 { begin(scalar) }
                if let last = pending {
                    mix(last)
                    previous = last
                }
                pending = scalar
                length += 1
            } else {
                end()
            }
        }
        end()
    }
}
