internal import CLibXML2

/// One node of a ``MarkupDocument``: an element, a run of text, a comment, or another node.
///
/// A node is a cheap value (a pointer and a reference to its document); copying it copies no
/// markup.
public struct MarkupNode {
    /// What a node is.
    public enum Kind: Sendable, Hashable {
        case element
        case text
        case comment
        case other
    }

    /// The document this node belongs to, kept alive for as long as the node is.
    public let document: MarkupDocument
    let pointer: xmlNodePtr

    init(document: MarkupDocument, pointer: xmlNodePtr) {
        self.document = document
        self.pointer = pointer
    }

    /// Whether this is an element, text (CDATA counts as text), a comment or anything else.
    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE: return .element
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: return .text
        case XML_COMMENT_NODE: return .comment
        default: return .other
        }
    }

    /// The element's name without its prefix (`link` for `atom:link`).
    public var localName: String {
        guard let name = pointer.pointee.name else { return "" }
        return String(cString: name)
    }

    /// The namespace prefix as written, if any.
    public var prefix: String? {
        pointer.pointee.ns?.pointee.prefix.map { String(cString: $0) }
    }

    /// The namespace URI the element is in, or `nil` for no namespace.
    public var namespaceURI: String? {
        guard let ns = pointer.pointee.ns else { return nil }
        return document.namespaceName(ns)
    }

    /// Whether this element has the given local name (compared without making a string).
    public func hasName(_ localName: String) -> Bool {
        guard let name = pointer.pointee.name else { return false }
        return localName.withXMLString { xmlStrEqual(name, $0) != 0 }
    }

    /// Whether this and `other` are the very same node of the same tree.
    public func isSameNode(as other: MarkupNode) -> Bool {
        pointer == other.pointer
    }

    /// The 1-based line the node started on.
    public var line: Int {
        Int(xmlGetLineNo(pointer))
    }

    /// The value of an attribute; with `namespace` only an attribute in that namespace matches,
    /// without it only an attribute in no namespace.
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        // Most elements have no attributes: answer without building a C string.
        guard pointer.pointee.properties != nil else { return nil }
        let value: UnsafeMutablePointer<xmlChar>? = name.withXMLString { name in
            if let namespace {
                return namespace.withXMLString { xmlGetNsProp(pointer, name, $0) }
            }
            return xmlGetNoNsProp(pointer, name)
        }
        guard let value else { return nil }
        defer { feedwright_xml_free(value) }
        return String(cString: value)
    }

    /// Every attribute of the element, namespaced ones included.
    public var attributes: [MarkupAttribute] {
        var result: [MarkupAttribute] = []
        var attr = pointer.pointee.properties
        while let current = attr {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            let ns = current.pointee.ns.flatMap { document.namespaceName($0) }
            var value = ""
            if let raw = xmlNodeListGetString(pointer.pointee.doc, current.pointee.children, 1) {
                value = String(cString: raw)
                feedwright_xml_free(raw)
            }
            result.append(MarkupAttribute(localName: name, namespaceURI: ns, value: value))
            attr = current.pointee.next
        }
        return result
    }

    /// The namespaces this element declares (`xmlns` and `xmlns:p` attributes).
    public var namespaceDeclarations: [(prefix: String?, uri: String)] {
        var result: [(prefix: String?, uri: String)] = []
        var declaration = pointer.pointee.nsDef
        while let current = declaration {
            if let href = current.pointee.href {
                result.append((current.pointee.prefix.map { String(cString: $0) }, String(cString: href)))
            }
            declaration = current.pointee.next
        }
        return result
    }

    /// All child nodes in document order.
    public var children: MarkupChildren {
        MarkupChildren(document: document, head: pointer.pointee.children, elementsOnly: false)
    }

    /// The child elements in document order.
    public var elements: MarkupChildren {
        MarkupChildren(document: document, head: pointer.pointee.children, elementsOnly: true)
    }

    /// The next sibling node (of any kind), if any.
    public var nextSibling: MarkupNode? {
        pointer.pointee.next.map { MarkupNode(document: document, pointer: $0) }
    }

    /// The text of this node alone when it is a text or CDATA node; nil for other kinds.
    public var ownContent: String? {
        guard pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE else { return nil }
        return pointer.pointee.content.map { String(cString: $0) }
    }

    /// The parent element, if any.
    public var parent: MarkupNode? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return MarkupNode(document: document, pointer: parent)
    }

    /// An identity for the element's namespace URI: equal URIs give equal identities within
    /// one parse (a document, or all the subtrees of one ``MarkupStream`` read), 0 for no
    /// namespace. Readers use it to cache per-vocabulary work instead of hashing URI strings on
    /// every element; never compare identities from different parses.
    public var namespaceIdentity: Int {
        guard let ns = pointer.pointee.ns, let href = ns.pointee.href else { return 0 }
        // A streamed element carries the parser's interned URI (see `SubtreePruner`).
        if let interned = pointer.pointee._private {
            return Int(bitPattern: interned)
        }
        if let dictionary = pointer.pointee.doc?.pointee.dict, let interned = xmlDictLookup(dictionary, href, -1) {
            return Int(bitPattern: UnsafeRawPointer(interned))
        }
        return Int(bitPattern: UnsafeRawPointer(ns))
    }

    /// An identity for the element's local name, with the same scope as ``namespaceIdentity``
    /// (libxml2 interns names in the parse's dictionary).
    public var nameIdentity: Int {
        guard let name = pointer.pointee.name else { return 0 }
        if let dictionary = pointer.pointee.doc?.pointee.dict, xmlDictOwns(dictionary, name) != 1,
           let interned = xmlDictLookup(dictionary, name, -1) {
            return Int(bitPattern: UnsafeRawPointer(interned))
        }
        return Int(bitPattern: UnsafeRawPointer(name))
    }

    /// The concatenated text of this node and all its descendants, entities decoded.
    public var textContent: String {
        // The common case, one text or CDATA child, reads its buffer without libxml2's copy.
        if let only = pointer.pointee.children, only.pointee.next == nil,
           only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE {
            return only.pointee.content.map { String(cString: $0) } ?? ""
        }
        guard let raw = xmlNodeGetContent(pointer) else { return "" }
        defer { feedwright_xml_free(raw) }
        return String(cString: raw)
    }

    /// The markup of the node's children as XML, exactly as libxml2 serializes it.
    public var innerXML: String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        var child = pointer.pointee.children
        while let current = child {
            xmlNodeDump(buffer, pointer.pointee.doc, current, 0, 0)
            child = current.pointee.next
        }
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }

    /// The `xml:base`-aware base URL in effect at this node (falls back to the document URL).
    public var baseURL: String? {
        guard let raw = xmlNodeGetBase(pointer.pointee.doc, pointer) else { return nil }
        defer { feedwright_xml_free(raw) }
        return String(cString: raw)
    }

    /// The `xml:lang` in effect at this node, inherited from ancestors.
    public var language: String? {
        guard let raw = xmlNodeGetLang(pointer) else { return nil }
        defer { feedwright_xml_free(raw) }
        let value = String(cString: raw)
        return value.isEmpty ? nil : value
    }

    /// Resolves a reference against the base URL in effect at this node (RFC 3986); returns the
    /// reference unchanged when there is no base or the two cannot be combined.
    public func resolve(_ reference: String) -> String {
        guard let base = baseURL else { return reference }
        return URLResolver.resolve(reference, against: base)
    }
}

extension MarkupNode: Hashable {
    /// Nodes are equal when they are the same node of the same tree.
    public static func == (lhs: MarkupNode, rhs: MarkupNode) -> Bool {
        lhs.pointer == rhs.pointer
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pointer)
    }
}

/// An attribute of an element.
public struct MarkupAttribute: Sendable, Hashable {
    /// The name without its prefix.
    public var localName: String
    /// The attribute's namespace, or `nil` for none.
    public var namespaceURI: String?
    /// The value with entities decoded.
    public var value: String
}

/// The children of a node, lazily walked.
public struct MarkupChildren: Sequence {
    let document: MarkupDocument
    let head: xmlNodePtr?
    let elementsOnly: Bool

    /// Walks the sibling chain.
    public struct Iterator: IteratorProtocol {
        let document: MarkupDocument
        var upcoming: xmlNodePtr?
        let elementsOnly: Bool

        public mutating func next() -> MarkupNode? {
            while let current = upcoming {
                upcoming = current.pointee.next
                if !elementsOnly || current.pointee.type == XML_ELEMENT_NODE {
                    return MarkupNode(document: document, pointer: current)
                }
            }
            return nil
        }
    }

    /// The first child (or first child element), if any.
    public var first: MarkupNode? {
        var iterator = makeIterator()
        return iterator.next()
    }

    public func makeIterator() -> Iterator {
        Iterator(document: document, upcoming: head, elementsOnly: elementsOnly)
    }
}
