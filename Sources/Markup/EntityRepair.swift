internal import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rewrites the entity references XML would reject into ones it accepts.
///
/// - `&name;` for an HTML entity XML does not predefine becomes `&#N;` (libxml2's own HTML
///   entity table supplies N);
/// - a name neither predefined, declared in the internal subset, nor known to HTML, and a bare
///   `&`, become `&amp;…`, so the text survives verbatim.
/// CDATA sections, comments and the DOCTYPE are copied untouched.
enum EntityRepair {
    struct Result {
        var bytes: [UInt8]
        var count: Int
        var firstLine: Int
    }

    /// The repaired bytes, or `nil` when the input needed no change (the common case costs one
    /// scan and no copy).
    static func repair(_ input: [UInt8]) -> Result? {
        guard needsRepair(input) else { return nil }
        var declared: Set<String> = []
        var output: [UInt8] = []
        var copiedUpTo = 0
        var count = 0
        var firstLine = 0
        input.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            let end = bytes.count
            var sections = OpaqueSections(bytes)
            var index = 0
            // Jump from one `&` to the next; the CDATA sections, comments and declarations
            // between them are found with their own searches, so ordinary markup is never
            // walked byte by byte.
            while index < end, let found = memchr(base + index, 0x26, end - index) {
                let amp = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                // `&lt;`, `&#38;`: fine wherever they are, so no need to know where that is.
                if isWellFormedReference(bytes, at: amp) {
                    index = amp + 1
                    continue
                }
                if let skip = sections.end(ofSectionContaining: amp, declared: &declared) {
                    index = skip
                    continue
                }
                let (replacement, consumed) = rewrite(bytes, at: amp, declared: declared)
                if let replacement {
                    if output.isEmpty { output.reserveCapacity(input.count + 64) }
                    output.append(contentsOf: bytes[copiedUpTo..<amp])
                    output.append(contentsOf: replacement)
                    copiedUpTo = amp + consumed
                    if count == 0 { firstLine = lineNumber(bytes, at: amp) }
                    count += 1
                }
                index = amp + consumed
            }
            if count > 0 { output.append(contentsOf: bytes[copiedUpTo..<end]) }
        }
        guard count > 0 else { return nil }
        return Result(bytes: output, count: count, firstLine: firstLine)
    }

    /// The CDATA sections, comments, processing instructions and DOCTYPE of a document, met in
    /// order: `&` inside them is not a reference.
    private struct OpaqueSections {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Where the next `<!` and `<?` start (`bytes.count` when there is none).
        private var nextBang: Int
        private var nextQuestion: Int

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            nextBang = EntityRepair.find(bytes, from: 0, "<!", anchor: 1) ?? bytes.count
            nextQuestion = EntityRepair.find(bytes, from: 0, "<?", anchor: 1) ?? bytes.count
        }

        /// The offset just past the section that contains `position`, or nil when `position`
        /// is in ordinary content. Positions must be asked in increasing order.
        mutating func end(ofSectionContaining position: Int, declared: inout Set<String>) -> Int? {
            while min(nextBang, nextQuestion) < position {
                let start = min(nextBang, nextQuestion)
                let end = EntityRepair.skipOpaque(bytes, at: start, declared: &declared) ?? (start + 2)
                if nextBang < end { nextBang = EntityRepair.find(bytes, from: end, "<!", anchor: 1) ?? bytes.count }
                if nextQuestion < end { nextQuestion = EntityRepair.find(bytes, from: end, "<?", anchor: 1) ?? bytes.count }
                if end > position { return end }
            }
            return nil
        }
    }

    private static let predefined: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// Whether any `&` starts something other than a predefined or numeric reference. Most
    /// feeds are clean, and this check avoids the context-aware scan for them.
    private static func needsRepair(_ input: [UInt8]) -> Bool {
        input.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return false }
            var index = 0
            let count = bytes.count
            while index < count {
                guard let found = memchr(base + index, 0x26, count - index) else { return false }
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if !isWellFormedReference(bytes, at: at) { return true }
                index = at + 1
            }
            return false
        }
    }

    private static func isWellFormedReference(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let rest = bytes.count - index
        func matches(_ literal: StaticString) -> Bool { hasPrefix(bytes, at: index, literal) }
        if matches("&lt;") || matches("&gt;") || matches("&amp;") || matches("&quot;") || matches("&apos;") { return true }
        guard rest >= 4, bytes[index + 1] == UInt8(ascii: "#") else { return false }
        var cursor = index + 2
        let hex = cursor < bytes.count && (bytes[cursor] | 0x20) == UInt8(ascii: "x")
        if hex { cursor += 1 }
        let start = cursor
        while cursor < bytes.count && cursor - start < 8 && isDigit(bytes[cursor], hex: hex) { cursor += 1 }
        return cursor > start && cursor < bytes.count && bytes[cursor] == UInt8(ascii: ";")
    }

    /// What to put in place of the reference at `index` (nil: keep it) and how many bytes it spans.
    private static func rewrite(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, declared: Set<String>) -> ([UInt8]?, Int) {
        var cursor = index + 1
        let end = bytes.count
        if cursor < end && bytes[cursor] == UInt8(ascii: "#") {
            cursor += 1
            let hex = cursor < end && (bytes[cursor] | 0x20) == UInt8(ascii: "x")
            if hex { cursor += 1 }
            let digitsStart = cursor
            while cursor < end && cursor - digitsStart < 8 && isDigit(bytes[cursor], hex: hex) { cursor += 1 }
            if cursor > digitsStart && cursor < end && bytes[cursor] == UInt8(ascii: ";") {
                return (nil, cursor + 1 - index)
            }
            return (Array("&amp;".utf8), 1)
        }
        let nameStart = cursor
        while cursor < end && cursor - nameStart <= 32 && isNameByte(bytes[cursor]) { cursor += 1 }
        guard cursor > nameStart, cursor < end, bytes[cursor] == UInt8(ascii: ";") else {
            return (Array("&amp;".utf8), 1)
        }
        let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self)
        if predefined.contains(name) || declared.contains(name) {
            return (nil, cursor + 1 - index)
        }
        if let entity = htmlEntityLookup(name) {
            return (Array("&#\(entity.pointee.value);".utf8), cursor + 1 - index)
        }
        return (Array("&amp;".utf8), 1)
    }

    /// Skips a CDATA section, comment, processing instruction or DOCTYPE starting at `index`,
    /// collecting entity names the DOCTYPE declares; nil when `<` starts ordinary markup.
    fileprivate static func skipOpaque(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, declared: inout Set<String>) -> Int? {
        if hasPrefix(bytes, at: index, "<![CDATA[") {
            return find(bytes, from: index + 9, "]]>").map { $0 + 3 } ?? bytes.count
        }
        if hasPrefix(bytes, at: index, "<!--") {
            return find(bytes, from: index + 4, "-->").map { $0 + 3 } ?? bytes.count
        }
        if hasPrefix(bytes, at: index, "<?") {
            return find(bytes, from: index + 2, "?>").map { $0 + 2 } ?? bytes.count
        }
        if hasPrefix(bytes, at: index, "<!DOCTYPE") || hasPrefix(bytes, at: index, "<!doctype") {
            var cursor = index + 9
            var depth = 0
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if byte == UInt8(ascii: "[") { depth += 1 }
                if byte == UInt8(ascii: "]") { depth -= 1 }
                if byte == UInt8(ascii: ">") && depth <= 0 { return cursor + 1 }
                if hasPrefix(bytes, at: cursor, "<!ENTITY") {
                    var nameCursor = cursor + 8
                    while nameCursor < bytes.count && (isASCIIWhitespace(bytes[nameCursor]) || bytes[nameCursor] == UInt8(ascii: "%")) { nameCursor += 1 }
                    let start = nameCursor
                    while nameCursor < bytes.count && isNameByte(bytes[nameCursor]) { nameCursor += 1 }
                    declared.insert(String(decoding: bytes[start..<nameCursor], as: UTF8.self))
                    cursor = nameCursor
                    continue
                }
                cursor += 1
            }
            return bytes.count
        }
        return nil
    }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ prefix: StaticString) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard index + length <= bytes.count else { return false }
        let pattern = prefix.utf8Start
        for offset in 0..<length where bytes[index + offset] != pattern[offset] { return false }
        return true
    }

    /// The first occurrence of `pattern` at or after `start`. The search jumps between
    /// occurrences of one byte of the pattern, the `anchor`-th: the rarer it is in markup, the
    /// fewer the stops (`!` of `<!` rather than its `<`).
    fileprivate static func find(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ pattern: StaticString, anchor: Int = 0) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let key = Int32(pattern.utf8Start[anchor])
        var index = start + anchor
        while index < bytes.count {
            guard let found = memchr(base + index, key, bytes.count - index) else { return nil }
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) - anchor
            if hasPrefix(bytes, at: at, pattern) { return at }
            index = at + anchor + 1
        }
        return nil
    }

    private static func lineNumber(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        1 + bytes[..<index].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x2E || byte == 0x2D || byte == 0x5F || byte == 0x3A
    }

    private static func isDigit(_ byte: UInt8, hex: Bool) -> Bool {
        if byte >= 0x30 && byte <= 0x39 { return true }
        guard hex else { return false }
        let lower = byte | 0x20
        return lower >= 0x61 && lower <= 0x66
    }
}
