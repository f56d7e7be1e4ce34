internal import CLibXML2

/// Plain text from an HTML fragment: tags removed, entities decoded, white space collapsed.
///
/// Elements count as word breaks (so `<p>a</p><p>b</p>` reads "a b"), and the contents of
/// `script`, `style` and similar non-text elements are dropped, as a sanitizer would drop them.
public enum HTMLText {
    /// The text of `html`, or `nil` when nothing but white space remains.
    /// (Many fragments in a row read faster through one ``HTMLTextReader``.)
    public static func plainText(_ html: String) -> String? {
        HTMLTextReader().plainText(html)
    }

    /// The text of a node of an already parsed document, by the same rules.
    public static func plainText(of node: MarkupNode) -> String? {
        // A streamed element has no libxml2 node: read its markup back as HTML.
        guard let pointer = node.treePointer else { return plainText(node.innerHTML) }
        var text = ""
        gather(pointer, into: &text, depth: 0)
        return collapseWhitespace(text)
    }

    /// The white space an element stands for where text is gathered and then collapsed: a
    /// no-break space, which collapsing reads as one space like any other, but which, unlike a
    /// line break of the source, never vanishes between two East Asian characters
    /// (``SegmentBreak``).
    public static let elementBreak = "\u{00A0}"

    /// The elements whose contents are not text (``HTMLTextGatherer`` keeps the same list).
    private static let skipped: Set<String> = ["script", "style", "applet", "template"]

    private static func gather(_ node: xmlNodePtr, into text: inout String, depth: Int) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content {
                text += String(xmlText: content)
            }
        case XML_ELEMENT_NODE:
            guard depth < HTMLSerializer.maxDepth, let rawName = node.pointee.name else { return }
            let name = String(cString: rawName).lowercased()
            if skipped.contains(name) { return }
            text += elementBreak
            var child = node.pointee.children
            while let current = child {
                gather(current, into: &text, depth: depth + 1)
                child = current.pointee.next
            }
            text += elementBreak
        default:
            return
        }
    }

    /// Collapses every run of white space (Unicode's, including no-break space) to one space
    /// and trims the ends; `nil` for an all-space string. A line break of the source between
    /// two Chinese or Japanese characters goes altogether (``SegmentBreak``).
    ///
    /// Works on UTF-8 bytes whatever the script: a multi-byte sequence is white space only for
    /// the few lead bytes ``whitespaceLength(_:at:)`` knows, and is otherwise copied whole.
    public static func collapseWhitespace(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { source -> String? in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(source.count)
            var pending = false
            // What the pending white space held: a line break, and only ASCII white space.
            var sawLineBreak = false, plain = true
            var index = 0
            while index < source.count {
                let space = whitespaceLength(source, at: index)
                if space > 0 {
                    if !bytes.isEmpty {
                        let byte = source[index]
                        if byte == 0x0A || byte == 0x0D { sawLineBreak = true } else if space > 1 { plain = false }
                        pending = true
                    }
                    index += space
                    continue
                }
                let end = textRunEnd(source, from: index)
                if pending {
                    if !SegmentBreak.vanishes(sawLineBreak: sawLineBreak, plain: plain, before: bytes, after: source, next: index) {
                        bytes.append(0x20)
                    }
                    pending = false
                    sawLineBreak = false
                    plain = true
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[index..<end]))
                index = end
            }
            return bytes.isEmpty ? nil : bytes.withUnsafeBufferPointer { String(utf8Text: $0) }
        }
    }

    /// The end of the run that starts at `start` (not white space) and that collapsing copies
    /// whole: text, and single plain spaces between text, which collapsing leaves as they are.
    ///
    /// Printable ASCII is skipped eight bytes at a time; only a space, a control byte or a
    /// byte of a multi-byte sequence stops the skip. Testing and copying byte by byte, then
    /// word by word, was a sixth of `parse --jsonl`'s time on feeds of full articles.
    static func textRunEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = text.baseAddress else { return start }
        let count = text.count
        @inline(__always) func isText(_ index: Int) -> Bool {
            let byte = text[index]
            return (byte > 0x20 && byte < 0x80) || whitespaceLength(text, at: index) == 0
        }
        var end = start + 1
        while true {
            while end + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self))
                // Bytes of 0x80 and above, and (exact for the lowest byte flagged, which is
                // all that is used) bytes below 0x21.
                let flags = (word | ((word &- 0x2121_2121_2121_2121) & ~word)) & 0x8080_8080_8080_8080
                if flags == 0 {
                    end += 8
                } else {
                    end += flags.trailingZeroBitCount >> 3
                    break
                }
            }
            guard end < count else { return count }
            if isText(end) {
                end += 1
            } else if text[end] == 0x20, end + 1 < count, isText(end + 1) {
                end += 2
            } else {
                return end
            }
        }
    }

    /// The length of the white-space character (Unicode's White_Space) starting at `index`, or
    /// 0 when none starts there.
    @inline(__always)
    static func whitespaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return (byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) ? 1 : 0 }
        let remaining = bytes.count - index
        switch byte {
        case 0xC2 where remaining >= 2:
            return bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0 ? 2 : 0 // U+0085, U+00A0
        case 0xE1 where remaining >= 3:
            return bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80 ? 3 : 0 // U+1680
        case 0xE2 where remaining >= 3:
            let second = bytes[index + 1], third = bytes[index + 2]
            if second == 0x80 && ((0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF) { return 3 } // U+2000–200A, 2028, 2029, 202F
            return second == 0x81 && third == 0x9F ? 3 : 0 // U+205F
        case 0xE3 where remaining >= 3:
            return bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80 ? 3 : 0 // U+3000
        default:
            return 0
        }
    }
}
