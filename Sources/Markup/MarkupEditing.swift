internal import CLibXML2

/// Edits of a parsed tree, for site rules that strip, unwrap or wrap parts of a page before
/// extraction.
///
/// No edit frees a node: a removed node is kept by its document until the document goes, so a
/// ``MarkupNode`` that still points at it stays valid (it simply has no parent). Edits never
/// merge text nodes either (libxml2's sibling functions free a text node they merge), for the
/// same reason. Nodes of a streamed subtree cannot be edited; the edits do nothing on them.
extension MarkupNode {
    /// Whether this node is an attribute (an XPath result such as `//img/@srcset`).
    public var isAttribute: Bool {
        treePointer?.pointee.type == XML_ATTRIBUTE_NODE
    }

    /// Takes the node (an element, text, comment or attribute) out of its tree.
    public func remove() {
        guard case .tree(let document, let pointer) = storage, pointer.pointee.parent != nil else { return }
        xmlUnlinkNode(pointer)
        document.detached.append(pointer)
    }

    /// Replaces an element by its children, in place (ftr-site-config's `dissolve`).
    public func dissolve() {
        guard case .tree(let document, let node) = storage, node.pointee.type == XML_ELEMENT_NODE,
              let parent = node.pointee.parent else { return }
        guard let first = node.pointee.children, let last = node.pointee.last else {
            remove()
            return
        }
        var child: xmlNodePtr? = first
        while let current = child {
            current.pointee.parent = parent
            child = current.pointee.next
        }
        first.pointee.prev = node.pointee.prev
        if let previous = node.pointee.prev { previous.pointee.next = first } else { parent.pointee.children = first }
        last.pointee.next = node.pointee.next
        if let next = node.pointee.next { next.pointee.prev = last } else { parent.pointee.last = last }
        node.pointee.children = nil
        node.pointee.last = nil
        node.pointee.prev = nil
        node.pointee.next = nil
        node.pointee.parent = nil
        document.detached.append(node)
    }

    /// Puts the node inside a new element named `name`, which takes its place
    /// (ftr-site-config's `wrap_in(tag)`). Returns the new element.
    @discardableResult
    public func wrap(in name: String) -> MarkupNode? {
        guard case .tree(let document, let node) = storage, node.pointee.parent != nil,
              node.pointee.type != XML_ATTRIBUTE_NODE, MarkupNode.isElementName(name) else { return nil }
        let made = name.withCString { text in
            text.withMemoryRebound(to: xmlChar.self, capacity: name.utf8.count + 1) { xmlNewDocNode(document.pointer, nil, $0, nil) }
        }
        guard let wrapper = made else { return nil }
        xmlReplaceNode(node, wrapper)
        xmlAddChild(wrapper, node)
        return MarkupNode(document: document, pointer: wrapper)
    }

    /// Sets (or adds) an attribute of an element.
    public func setAttribute(_ name: String, to value: String) {
        guard case .tree(_, let node) = storage, node.pointee.type == XML_ELEMENT_NODE, MarkupNode.isElementName(name) else { return }
        name.withCString { key in
            value.withCString { text in
                key.withMemoryRebound(to: xmlChar.self, capacity: name.utf8.count + 1) { key in
                    text.withMemoryRebound(to: xmlChar.self, capacity: value.utf8.count + 1) { text in
                        // xmlSetProp frees the old value's text children, never the attribute
                        // node itself, so a MarkupNode for the attribute stays valid.
                        _ = xmlSetProp(node, key, text)
                    }
                }
            }
        }
    }

    /// An element or attribute name of ASCII letters, digits, `-`, `_` and `:`, starting with
    /// a letter: what a rule may create, and a name that can be put into an XPath as it is.
    public static func isElementName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20) else { return false }
        return name.utf8.allSatisfy { byte in
            let lower = byte | 0x20
            return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
        }
    }
}
