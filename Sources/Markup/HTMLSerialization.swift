internal import CLibXML2

extension MarkupNode {
    /// The node's children serialised as HTML: namespace prefixes dropped, void elements
    /// without end tags, comments and processing instructions left out.
    ///
    /// Feeds embed XHTML inline (Atom `type="xhtml"`, RSS with `xhtml:body`); readers and
    /// writers want it as the HTML string it stands for.
    public var innerHTML: String {
        var output = ""
        var child = pointer.pointee.children
        while let current = child {
            HTMLSerializer.write(current, into: &output, depth: 0)
            child = current.pointee.next
        }
        return output
    }
}

/// Writes libxml2 nodes as HTML text.
public enum HTMLSerializer {
    public static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    /// Deeper trees are cut off: libxml2 already caps XML depth at 256, this guards HTML input.
    public static let maxDepth = 512

    static func write(_ node: xmlNodePtr, into output: inout String, depth: Int) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content {
                escape(String(cString: content), into: &output, attribute: false)
            }
        case XML_ENTITY_REF_NODE:
            if let content = xmlNodeGetContent(node) {
                escape(String(cString: content), into: &output, attribute: false)
                feedwright_xml_free(content)
            }
        case XML_ELEMENT_NODE:
            guard depth < maxDepth, let rawName = node.pointee.name else { return }
            let name = String(cString: rawName)
            output += "<" + name
            var attr = node.pointee.properties
            while let current = attr {
                if let attrName = current.pointee.name {
                    output += " " + String(cString: attrName) + "=\""
                    if let value = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                        escape(String(cString: value), into: &output, attribute: true)
                        feedwright_xml_free(value)
                    }
                    output += "\""
                }
                attr = current.pointee.next
            }
            output += ">"
            if voidElements.contains(name) && node.pointee.children == nil { return }
            var child = node.pointee.children
            while let current = child {
                write(current, into: &output, depth: depth + 1)
                child = current.pointee.next
            }
            output += "</" + name + ">"
        default:
            return
        }
    }

    /// Escapes `&`, `<`, `>` (and `"` in attribute values) for HTML output.
    public static func escape(_ text: String, into output: inout String, attribute: Bool) {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (attribute && $0 == 0x22) }) else {
            output += text
            return
        }
        for character in text.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where attribute: output += "&quot;"
            default: output.unicodeScalars.append(character)
            }
        }
    }
}
