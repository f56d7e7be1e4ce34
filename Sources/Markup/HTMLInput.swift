/// Chooses the encoding for an HTML page: transport charset, then `<meta charset>`, then a
/// UTF-8 validity check (with Windows-1252 for pages that are plainly 8-bit).
///
/// libxml2's HTML parser, left to itself, switches a whole page to Latin-1 at the first invalid
/// UTF-8 byte; deciding up front keeps one stray byte from garbling every accent on the page.
struct HTMLInput {
    var bytes: [UInt8]
    var encoding: String

    static func prepare(_ raw: [UInt8], encodingHint: String?) -> HTMLInput {
        let decision = TextEncodingSniffer.decide(raw, hint: encodingHint, declared: metaCharset)
        return HTMLInput(bytes: decision.bytes, encoding: decision.encoding)
    }

    /// The charset a `<meta charset>` or `<meta http-equiv content="…charset=…">` in the first
    /// 4 KB announces, as the HTML standard's prescan does.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        // ASCII letters folded byte by byte: what is looked for (`<meta`, `charset`, the
        // value) is ASCII, and a page's head need not be decoded to find it.
        let head = bytes.prefix(4096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let pattern = Array("<meta".utf8)
        var index = 0
        while index + pattern.count <= head.count {
            guard head[index..<(index + pattern.count)].elementsEqual(pattern) else {
                index += 1
                continue
            }
            let start = index + pattern.count
            guard let close = head[start...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            let tag = String(decoding: head[start..<close], as: UTF8.self)
            if let value = PseudoAttribute.value(named: "charset", in: tag) {
                return value
            }
            index = close
        }
        return nil
    }
}
