extension MarkupNode {
    /// The node's children serialised as HTML: namespace prefixes dropped, void elements
    /// without end tags, comments and processing instructions left out.
    ///
    /// Feeds embed XHTML inline (Atom `type="xhtml"`, RSS with `xhtml:body`); readers and
    /// writers want it as the HTML string it stands for.
    public var innerHTML: String {
        var output = ""
        for child in children {
            HTMLSerializer.write(child, into: &output, depth: 0)
        }
        return output
    }
}

/// Writes markup nodes as HTML text.
public enum HTMLSerializer {
    public static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    /// Deeper trees are cut off; libxml2 builds none deeper (``SecureParsing/maxDepth``), and
    /// this bounds the recursion whatever it builds.
    public static let maxDepth = 512

    static func write(_ node: MarkupNode, into output: inout String, depth: Int) {
        switch node.kind {
        case .text:
            if let content = node.ownContent {
                escape(content, into: &output, attribute: false)
            }
        case .element:
            guard depth < maxDepth else { return }
            let name = node.localName
            output += "<" + name
            for attribute in node.attributes {
                output += " " + attribute.localName + "=\""
                escape(attribute.value, into: &output, attribute: true)
                output += "\""
            }
            output += ">"
            var isEmpty = true
            for child in node.children {
                isEmpty = false
                write(child, into: &output, depth: depth + 1)
            }
            // An empty void element (`<br>`) has no end tag.
            if !(isEmpty && voidElements.contains(name)) { output += "</" + name + ">" }
        case .comment, .other:
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
