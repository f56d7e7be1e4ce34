internal import CLibXML2

/// Decides which character encoding a document's bytes are really in.
///
/// Order of trust, as RFC 7303 and browsers have it: a byte order mark, then the transport's
/// charset, then the document's own declaration, then UTF-8. Declarations that lie are caught
/// by checking the bytes: text declared (or defaulted to) UTF-8 that is mostly not UTF-8 is read
/// in the encoding ICU's detector finds in it (``CharsetGuess``), else as Windows-1252 when it
/// has no multi-byte sequences at all; otherwise it is repaired with U+FFFD, so that one bad
/// byte never costs the whole document.
enum TextEncodingSniffer {
    enum Family {
        case utf8
        case utf16LE
        case utf16BE
        case other(String)
    }

    struct Decision {
        /// The bytes to hand to libxml2 (transcoded or repaired where needed).
        var bytes: [UInt8]
        /// The encoding name libxml2 must use for `bytes`.
        var encoding: String
        var notes: [MarkupDiagnostic]
    }

    /// Finds the encoding and returns bytes in an ASCII-compatible form.
    /// - Parameter declared: a function that reads the document's own declaration from its
    ///   first bytes (the XML declaration or an HTML `<meta charset>`).
    static func decide(_ bytes: consuming [UInt8], hint: String?, declared: ([UInt8]) -> String?) -> Decision {
        var notes: [MarkupDiagnostic] = []
        if let family = byteOrderMark(bytes) {
            switch family.family {
            case .utf16LE, .utf16BE:
                let utf8 = transcodeUTF16(bytes, from: family.skip, bigEndian: { if case .utf16BE = family.family { return true } else { return false } }())
                return Decision(bytes: utf8, encoding: "UTF-8", notes: notes)
            default:
                return utf8Decision(Array(bytes[family.skip...]), notes: &notes)
            }
        }
        if let sniffed = sniffUTF16WithoutMark(bytes) {
            let utf8 = transcodeUTF16(bytes, from: 0, bigEndian: sniffed)
            return Decision(bytes: utf8, encoding: "UTF-8", notes: notes)
        }
        let name = (hint.flatMap(normalizedName) ?? declared(bytes).flatMap(normalizedName))
        guard let name, !isUTF8(name) else {
            return utf8Decision(bytes, notes: &notes, guessing: true)
        }
        // Bytes that are valid UTF-8 with multi-byte sequences in them are UTF-8, whatever
        // is declared: text in a legacy encoding forms valid UTF-8 by chance almost never, while
        // pages re-saved as UTF-8 keep their old `<meta charset=gb2312>` often.
        let check = bytes.withUnsafeBufferPointer { UTF8Check($0) }
        if check.invalidSequences == 0 && check.multibyteSequences >= 4 {
            notes.append(MarkupDiagnostic(severity: .warning, message: "document declares \(name) but is valid UTF-8; read as UTF-8", line: 0, column: 0))
            return utf8Decision(bytes, notes: &notes)
        }
        if name.hasPrefix("UTF-16") || name.hasPrefix("UTF-32") || name == "UCS-2" || name == "UCS-4" {
            // A wide encoding was claimed but the bytes are 8-bit (no BOM, no NULs in the
            // opening markup): the declaration lies.
            notes.append(MarkupDiagnostic(severity: .warning, message: "document declares \(name) but is 8-bit text; read as UTF-8", line: 0, column: 0))
            return utf8Decision(bytes, notes: &notes)
        }
        guard libxml2Reads(name) else {
            notes.append(MarkupDiagnostic(severity: .warning, message: "unsupported encoding \(name); read as UTF-8", line: 0, column: 0))
            return utf8Decision(bytes, notes: &notes)
        }
        return Decision(bytes: bytes, encoding: name, notes: notes)
    }

    /// Whether libxml2 has a decoder for `name`. Only the answer is wanted: a handler libxml2
    /// made through iconv for this call is the caller's to close (the built-in ones are left
    /// alone by the close).
    private static func libxml2Reads(_ name: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(name) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }

    /// Upper-cased encoding name with the WHATWG aliases applied: Latin-1 and ASCII labels
    /// mean Windows-1252 on the web, whose extra characters (curly quotes, the euro sign)
    /// publishers use while declaring ISO-8859-1.
    static func normalizedName(_ raw: String) -> String? {
        let name = raw.trimmingASCIIWhitespace().uppercased()
        guard !name.isEmpty else { return nil }
        switch name {
        case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1", "US-ASCII", "ASCII", "ISO_8859-1", "L1", "CP1252", "X-CP1252", "CP819", "IBM819":
            return "WINDOWS-1252"
        case "UTF8", "UNICODE-1-1-UTF-8", "X-UNICODE20UTF8":
            return "UTF-8"
        case "SHIFT-JIS", "SJIS", "X-SJIS", "MS_KANJI":
            return "SHIFT_JIS"
        case "GB2312", "X-GBK", "GBK":
            return "GB18030"
        default:
            return name
        }
    }

    private static func isUTF8(_ name: String) -> Bool {
        name == "UTF-8"
    }

    private static func byteOrderMark(_ bytes: [UInt8]) -> (family: Family, skip: Int)? {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return (.utf8, 3) }
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return (.utf16LE, 2) }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }

    /// `true` for big-endian, `false` for little-endian, `nil` when the text is not UTF-16.
    private static func sniffUTF16WithoutMark(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 4 else { return nil }
        if bytes[0] == 0x3C && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0 { return false }
        if bytes[0] == 0 && bytes[1] == 0x3C && bytes[2] == 0 && bytes[3] != 0 { return true }
        return nil
    }

    private static func transcodeUTF16(_ bytes: [UInt8], from start: Int, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity((bytes.count - start) / 2)
        var index = start
        while index + 1 < bytes.count {
            let pair = bigEndian
                ? UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
                : UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index])
            units.append(pair)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// UTF-8 (declared, or by default), checked. With `guessing`, bytes plainly not UTF-8 (at
    /// least ``guessedInvalidSequences`` invalid sequences, over twice the valid multi-byte
    /// ones: not a UTF-8 page with a few stray bytes) are read in the encoding ICU finds in
    /// them, when it is sure enough and libxml2 has it.
    /// Invalid sequences that make the bytes worth a guess: a page in another encoding has
    /// hundreds, a UTF-8 page with a stray byte or two is repaired instead.
    static let guessedInvalidSequences = 16

    private static func utf8Decision(_ bytes: [UInt8], notes: inout [MarkupDiagnostic], guessing: Bool = false) -> Decision {
        let check = UTF8Check(bytes)
        if check.invalidSequences == 0 {
            return Decision(bytes: bytes, encoding: "UTF-8", notes: notes)
        }
        if guessing, check.invalidSequences >= guessedInvalidSequences, check.invalidSequences > 2 * check.multibyteSequences, let guess = CharsetGuess(bytes), !isUTF8(guess.name),
           libxml2Reads(guess.name) {
            notes.append(MarkupDiagnostic(severity: .warning, message: "not UTF-8 and no encoding declared; read as \(guess.name) (guessed, confidence \(guess.confidence))", line: check.firstInvalidLine, column: 0))
            return Decision(bytes: bytes, encoding: guess.name, notes: notes)
        }
        if check.multibyteSequences == 0 {
            notes.append(MarkupDiagnostic(severity: .warning, message: "not valid UTF-8 and no multi-byte characters; read as Windows-1252", line: check.firstInvalidLine, column: 0))
            return Decision(bytes: bytes, encoding: "WINDOWS-1252", notes: notes)
        }
        notes.append(MarkupDiagnostic(severity: .warning, message: "\(check.invalidSequences) invalid UTF-8 sequence(s) replaced with U+FFFD", line: check.firstInvalidLine, column: 0))
        return Decision(bytes: Array(String(decoding: bytes, as: UTF8.self).utf8), encoding: "UTF-8", notes: notes)
    }
}
