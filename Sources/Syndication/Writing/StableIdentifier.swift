import FeedwrightCore
/// Deterministic identifiers for feeds and entries that lack a usable one of their own.
///
/// Atom ids must be IRIs that never change. When the source gives no IRI, the id is a
/// `urn:uuid:` derived (RFC 9562 version 8, custom hash) from what identifies the thing: the
/// same inputs always give the same id, so re-running a conversion never changes ids.
public enum StableIdentifier {
    /// Whether `value` is already an absolute IRI (`scheme:rest`), usable as an Atom id.
    public static func isIRI(_ value: String) -> Bool {
        guard let colon = value.firstIndex(of: ":"), colon != value.startIndex else { return false }
        let scheme = value[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        guard scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }) else { return false }
        let rest = value[value.index(after: colon)...]
        return !rest.isEmpty && !rest.contains(where: { $0 == " " || $0 == "\n" || $0 == "\t" })
    }

    /// A `urn:uuid:` IRI derived from the parts (order matters).
    public static func uuid(from parts: [String]) -> String {
        var high = Hash128.offset
        for part in parts {
            high.mix(part)
            high.mix("\u{1F}")
        }
        var bytes = high.bytes
        bytes[6] = (bytes[6] & 0x0F) | 0x80  // version 8
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 9562 variant
        let hex = bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        let characters = Array(hex)
        return "urn:uuid:" + String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-" + String(characters[12..<16])
            + "-" + String(characters[16..<20]) + "-" + String(characters[20..<32])
    }
}

/// 128 stable bits (the same on every run and platform, unlike `Hasher`) from two 64-bit lanes:
/// FNV-1a from its own offset basis, and a multiply-xor lane with FNV's 32-bit prime and an
/// added odd constant. Neither may change: the identifiers derived from them are stored and
/// published.
struct Hash128 {
    var first: FNV1a64
    var second: UInt64

    static let offset = Hash128(first: FNV1a64(basis: 0x6C62_272E_07BB_0142), second: 0x62B8_2175_6295_C58D)

    var value: (UInt64, UInt64) { (first.value, second) }

    mutating func mix(_ text: String) {
        first.mix(text.utf8)
        for byte in text.utf8 {
            second = (second ^ UInt64(byte)) &* 0x0000_0001_0000_0193 &+ 0x9E37_79B9_7F4A_7C15
        }
    }

    var bytes: [UInt8] {
        var result: [UInt8] = []
        for lane in [value.0, value.1] {
            for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: lane >> UInt64(shift))) }
        }
        return result
    }
}
