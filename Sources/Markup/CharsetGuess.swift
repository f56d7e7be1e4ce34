internal import CCharsetDetector

/// An encoding guessed from the bytes themselves, by ICU's charset detector: for text that
/// declares no encoding (or declares UTF-8) and is mostly not UTF-8, as a page saved without
/// the HTTP header that named its Shift_JIS, GBK or Windows-1251 is. Browsers guess the same
/// way (Firefox's chardetng); a guess below ``minimumConfidence`` is not taken.
struct CharsetGuess {
    /// The encoding's name as libxml2 and iconv know it (``TextEncodingSniffer/normalizedName(_:)``).
    var name: String
    /// ICU's confidence, 0–100.
    var confidence: Int

    /// Below this ICU is choosing between encodings it cannot tell apart.
    static let minimumConfidence = 30
    /// Bytes read: markup aside, this much text tells a language and its encoding, and a huge
    /// page costs no more.
    static let bytesRead = 256 * 1024

    init?(_ bytes: [UInt8]) {
        let count = min(bytes.count, CharsetGuess.bytesRead)
        var found = [CChar](repeating: 0, count: 64)
        let confidence = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { text in
                feedwright_detect_charset(text.baseAddress, Int32(count), &found, Int32(found.count))
            }
        }
        let raw = String(decoding: found.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard confidence >= CharsetGuess.minimumConfidence, let name = TextEncodingSniffer.normalizedName(raw) else { return nil }
        self.name = name
        self.confidence = Int(confidence)
    }
}
