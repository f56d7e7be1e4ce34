internal import CLibXML2

/// Attribute names looked up together, so that an element's attributes are walked once for all
/// of them rather than once each: the extractor asks eight questions of every element.
public struct MarkupAttributeNames: Sendable {
    let names: [String]
    let bytes: [[UInt8]]

    /// - Parameter names: attribute names in no namespace, lower-case as the HTML parser keeps them.
    public init(_ names: [String]) {
        self.names = names
        self.bytes = names.map { Array($0.utf8) }
    }

    /// Where `name` (NUL-terminated) is among the names, or nil.
    func index(of name: UnsafePointer<xmlChar>) -> Int? {
        let length = Int(xmlStrlen(name))
        for (index, candidate) in bytes.enumerated() where candidate.count == length {
            var equal = true
            for offset in 0..<length where candidate[offset] != name[offset] {
                equal = false
                break
            }
            if equal { return index }
        }
        return nil
    }
}

extension MarkupNode {
    /// Whether the element has any attribute: most have none, and this answers without a walk.
    public var hasAttributes: Bool {
        switch storage {
        case .tree(_, let pointer): return pointer.pointee.properties != nil
        case .streamed: return !attributes.isEmpty
        }
    }

    /// The values of the named attributes (in no namespace), in the order of `names`; nil for
    /// those the element does not have.
    public func attributes(_ names: MarkupAttributeNames) -> [String?] {
        var values = [String?](repeating: nil, count: names.names.count)
        switch storage {
        case .tree(_, let pointer):
            var attribute = pointer.pointee.properties
            while let current = attribute {
                defer { attribute = current.pointee.next }
                guard current.pointee.ns == nil, let name = current.pointee.name, let index = names.index(of: name), values[index] == nil else { continue }
                // An HTML attribute's value is one text node: read it in place, no copy to free.
                if let text = current.pointee.children, text.pointee.next == nil, text.pointee.type == XML_TEXT_NODE, let content = text.pointee.content {
                    values[index] = String(xmlText: content)
                } else if let raw = xmlNodeListGetString(pointer.pointee.doc, current.pointee.children, 1) {
                    values[index] = String(xmlText: raw)
                    feedwright_xml_free(raw)
                } else {
                    values[index] = ""
                }
            }
        case .streamed:
            for (index, name) in names.names.enumerated() { values[index] = attribute(name) }
        }
        return values
    }
}
