internal import CLibXML2

/// A streaming XML writer over libxml2's `xmlTextWriter`, which does all escaping.
///
/// Text and attribute values are escaped exactly once; characters XML 1.0 forbids must be
/// removed by the caller (see ``XMLCharacters``), since no escaping can represent them.
public final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private var failed = false
    private var finished = false

    /// - Parameter indent: pretty-print with two-space indentation (text content is never
    ///   re-indented).
    public init(indent: Bool = true) throws(MarkupError) {
        _ = SecureParsing.installed
        guard let buffer = xmlBufferCreate() else { throw .malformed(message: "cannot allocate writer buffer", line: 0, column: 0) }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw .malformed(message: "cannot create XML writer", line: 0, column: 0)
        }
        self.buffer = buffer
        self.writer = writer
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            xmlTextWriterSetIndentString(writer, "  ")
        }
        check(xmlTextWriterStartDocument(writer, "1.0", "utf-8", nil))
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    private func check(_ status: Int32) {
        if status < 0 { failed = true }
    }

    /// Opens an element; `name` may carry a prefix (`media:content`).
    public func startElement(_ name: String) {
        check(name.withXMLString { xmlTextWriterStartElement(writer, $0) })
    }

    /// Writes an attribute of the element just opened.
    public func attribute(_ name: String, _ value: String) {
        check(name.withXMLString { name in value.withXMLString { xmlTextWriterWriteAttribute(writer, name, $0) } })
    }

    /// Writes escaped character data.
    public func text(_ value: String) {
        check(value.withXMLString { xmlTextWriterWriteString(writer, $0) })
    }

    /// Closes the innermost open element (as `<x/>` when it has no content).
    public func endElement() {
        check(xmlTextWriterEndElement(writer))
    }

    /// An element holding only text, with optional attributes.
    public func element(_ name: String, text value: String? = nil, attributes: [(String, String)] = []) {
        startElement(name)
        for (attributeName, attributeValue) in attributes { attribute(attributeName, attributeValue) }
        if let value { text(value) }
        endElement()
    }

    /// Closes every open element and returns the document's UTF-8 bytes.
    /// - Throws: ``MarkupError`` when libxml2 refused any call.
    public func finish() throws(MarkupError) -> [UInt8] {
        if !finished {
            check(xmlTextWriterEndDocument(writer))
            check(xmlTextWriterFlush(writer))
            finished = true
        }
        if failed { throw .malformed(message: "the XML writer rejected its input", line: 0, column: 0) }
        guard let content = xmlBufferContent(buffer) else { return [] }
        let count = Int(xmlBufferLength(buffer))
        return Array(UnsafeBufferPointer(start: content, count: count))
    }
}

/// What XML 1.0 allows in a document.
public enum XMLCharacters {
    /// `text` without the characters XML 1.0 forbids (C0 controls other than tab, newline and
    /// carriage return; U+FFFE and U+FFFF). Swift strings cannot hold lone surrogates.
    public static func cleaned(_ text: String) -> String {
        // Checked in bytes first: what XML forbids in a Swift string is a C0 control (one byte
        // below 0x20) or U+FFFE/U+FFFF (which open with 0xEF), and most texts hold neither.
        guard text.utf8.contains(where: { $0 < 0x20 && $0 != 0x9 && $0 != 0xA && $0 != 0xD || $0 == 0xEF }),
              text.unicodeScalars.contains(where: { !isAllowed($0) }) else { return text }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.lazy.filter(isAllowed))
        return String(result)
    }

    /// Whether XML 1.0 allows the scalar in character data.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
