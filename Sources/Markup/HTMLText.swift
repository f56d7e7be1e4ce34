internal import CLibXML2

/// Plain text from an HTML fragment: tags removed, entities decoded, white space collapsed.
///
/// Elements count as word breaks (so `<p>a</p><p>b</p>` reads "a b"), and the contents of
/// `script`, `style` and similar non-text elements are dropped, as a sanitizer would drop them.
public enum HTMLText {
    /// The text of `html`, or `nil` when nothing but white space remains.
    public static func plainText(_ html: String) -> String? {
        let hasMarkup = html.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 })
        guard hasMarkup else { return collapseWhitespace(html) }
        _ = SecureParsing.installed
        let bytes = Array(html.utf8)
        guard !bytes.isEmpty else { return nil }
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NOIMPLIED.rawValue
        )
        let collector = DiagnosticCollector(limit: 0)
        let document: htmlDocPtr? = collector.capturing {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
                }
            }
        }
        guard let document else { return collapseWhitespace(html) }
        defer { xmlFreeDoc(document) }
        var text = ""
        var node = document.pointee.children
        while let current = node {
            gather(current, into: &text, depth: 0)
            node = current.pointee.next
        }
        return collapseWhitespace(text)
    }

    /// The text of a node of an already parsed document, by the same rules.
    public static func plainText(of node: MarkupNode) -> String? {
        // A streamed element has no libxml2 node: read its markup back as HTML.
        guard let pointer = node.treePointer else { return plainText(node.innerHTML) }
        var text = ""
        gather(pointer, into: &text, depth: 0)
        return collapseWhitespace(text)
    }

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
            text += " "
            var child = node.pointee.children
            while let current = child {
                gather(current, into: &text, depth: depth + 1)
                child = current.pointee.next
            }
            text += " "
        default:
            return
        }
    }

    /// Unicode's White_Space property, as a switch (the property lookup is slow per scalar).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Collapses every run of white space (Unicode's, including no-break space) to one space
    /// and trims the ends; `nil` for an all-space string.
    public static func collapseWhitespace(_ text: String) -> String? {
        // ASCII text (the usual case) is collapsed byte by byte, without Unicode lookups.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var pending = false
            for byte in text.utf8 {
                if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x0B {
                    pending = !bytes.isEmpty
                } else {
                    if pending {
                        bytes.append(0x20)
                        pending = false
                    }
                    bytes.append(byte)
                }
            }
            return bytes.isEmpty ? nil : bytes.withUnsafeBufferPointer { String(utf8Text: $0) }
        }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace {
                    result.unicodeScalars.append(" ")
                    pendingSpace = false
                }
                result.unicodeScalars.append(scalar)
            }
        }
        return result.isEmpty ? nil : result
    }
}
