extension String {
    /// The text without leading and trailing ASCII white space (space, tab, CR, LF, FF, VT).
    public func trimmingWhitespace() -> String {
        self[...].trimmingWhitespace()
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
