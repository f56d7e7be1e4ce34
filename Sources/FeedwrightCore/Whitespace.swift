extension String {
    /// The text without leading and trailing ASCII white space (space, tab, CR, LF, FF, VT).
    public func trimmingWhitespace() -> String {
        self[...].trimmingWhitespace()
    }
}

extension String {
    /// Whether the text is empty or nothing but white space, as `Character.isWhitespace`
    /// reads it (Unicode's White_Space). Decided on the UTF-8 bytes: the first ASCII byte
    /// that is not white space answers at once, and only text with bytes beyond ASCII and no
    /// such byte is read as characters. Runs for every text node of every page.
    public var isBlank: Bool {
        var beyondASCII = false
        for byte in utf8 {
            if byte >= 0x80 {
                beyondASCII = true
            } else if !(byte == 0x20 || (0x09...0x0D).contains(byte)) {
                return false
            }
        }
        return !beyondASCII || allSatisfy(\.isWhitespace)
    }
}

extension Substring {
    /// The text without leading and trailing ASCII white space (space, tab, CR, LF, FF, VT).
    ///
    /// Works on the UTF-8 view: Foundation's `trimmingCharacters(in:)` bridges through UTF-16
    /// and copies the string twice, which on a page's worth of HTML was a tenth of the time to
    /// extract an article.
    public func trimmingWhitespace() -> String {
        let utf8 = self.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isWhitespace(utf8[start]) { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard isWhitespace(utf8[before]) else { break }
            end = before
        }
        return String(self[start..<end])
    }
}

@inline(__always)
private func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x0B
}
