extension String {
    /// The string without leading and trailing white space.
    ///
    /// Works on the UTF-8 view: Foundation's `trimmingCharacters(in:)` bridges through UTF-16
    /// and was the largest single cost of reading a large feed.
    func trimmed() -> String {
        let utf8 = self.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, String.isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard String.isSpace(utf8[before]) else { break }
            end = before
        }
        if start == utf8.startIndex && end == utf8.endIndex { return self }
        return String(self[start..<end])
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x0B
    }
}

extension Substring {
    /// The substring without leading and trailing white space, as a `String`.
    func trimmed() -> String {
        String(self).trimmed()
    }
}
