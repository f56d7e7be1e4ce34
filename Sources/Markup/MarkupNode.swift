internal import CLibXML2

/// One node of a ``MarkupDocument``: an element, a run of text, a comment, or another node.
///
/// A node is a cheap value (a reference to its document and a pointer into libxml2's tree, or a
/// reference to a streamed subtree and a position in it); copying it copies no markup.
public struct MarkupNode {
    /// What a node is.
    public enum Kind: Sendable, Hashable {
        case element
        case text
        case comment
        case other
    }

    /// Where the node lives: in a libxml2 tree, or in the flat storage of a streamed subtree.
    enum Storage {
        case tree(MarkupDocument, xmlNodePtr)
        case streamed(StreamedSubtree, StreamedSubtree.Position)
    }

    let storage: Storage

    init(document: MarkupDocument, pointer: xmlNodePtr) {
        storage = .tree(document, pointer)
    }

    init(subtree: StreamedSubtree, index: Int32) {
        storage = .streamed(subtree, subtree.position(index))
    }

    /// The streamed node a link field points to; nil for the -1 that marks no node.
    init?(subtree: StreamedSubtree, linked index: Int32) {
        guard index >= 0 else { return nil }
        self.init(subtree: subtree, index: index)
    }

    /// The libxml2 node, for nodes of a parsed document.
    var treePointer: xmlNodePtr? {
        if case .tree(_, let pointer) = storage { return pointer }
        return nil
    }

    /// Whether this is an element, text (CDATA counts as text), a comment or anything else.
    public var kind: Kind {
        switch storage {
        case .tree(_, let pointer):
            switch pointer.pointee.type {
            case XML_ELEMENT_NODE: return .element
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: return .text
            case XML_COMMENT_NODE: return .comment
            default: return .other
            }
        case .streamed(let subtree, let position):
            switch subtree.node(position).kind {
            case .element: return .element
            case .text, .cdata: return .text
            case .comment: return .comment
            }
        }
    }

    /// The interned name, prefix and namespace URI (nil for non-elements).
    private var names: (name: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?) {
        switch storage {
        case .tree(_, let pointer):
            guard pointer.pointee.type == XML_ELEMENT_NODE else { return (pointer.pointee.name, nil, nil) }
            return (pointer.pointee.name, pointer.pointee.ns?.pointee.prefix, pointer.pointee.ns?.pointee.href)
        case .streamed(let subtree, let position):
            let node = subtree.node(position)
            // An undeclared prefix is part of the name, as in libxml2's tree.
            return (node.name, node.uri == nil ? nil : node.prefix, node.uri)
        }
    }

    /// The element's name without its prefix (`link` for `atom:link`).
    public var localName: String {
        guard let name = names.name else { return "" }
        return String(cString: name)
    }

    /// The namespace prefix as written, if any.
    public var prefix: String? {
        names.prefix.map { String(cString: $0) }
    }

    /// The namespace URI the element is in, or `nil` for no namespace.
    public var namespaceURI: String? {
        switch storage {
        case .tree(let document, let pointer):
            guard let ns = pointer.pointee.ns else { return nil }
            return document.namespaceName(ns)
        case .streamed(let subtree, let position):
            return subtree.node(position).uri.map { String(cString: $0) }
        }
    }

    /// Whether this element has the given local name (compared without making a string).
    public func hasName(_ localName: String) -> Bool {
        guard let name = names.name else { return false }
        return StreamedSubtree.equal(name, localName)
    }

    /// Whether this and `other` are the very same node of the same tree.
    public func isSameNode(as other: MarkupNode) -> Bool {
        self == other
    }

    /// The 1-based line the node started on.
    public var line: Int {
        switch storage {
        case .tree(_, let pointer): return Int(xmlGetLineNo(pointer))
        case .streamed(let subtree, let position): return Int(subtree.node(position).line)
        }
    }

    /// The value of an attribute; with `namespace` only an attribute in that namespace matches,
    /// without it only an attribute in no namespace.
    public func attribute(_ name: String, namespace: String? = nil) -> String? {
        switch storage {
        case .tree(_, let pointer):
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
            return String(xmlText: value)
        case .streamed(let subtree, let position):
            return subtree.attribute(position, name: name, namespace: namespace)
        }
    }

    /// Every attribute of the element, namespaced ones included.
    public var attributes: [MarkupAttribute] {
        var result: [MarkupAttribute] = []
        switch storage {
        case .tree(let document, let pointer):
            var attr = pointer.pointee.properties
            while let current = attr {
                let name = current.pointee.name.map { String(cString: $0) } ?? ""
                let ns = current.pointee.ns.flatMap { document.namespaceName($0) }
                var value = ""
                if let raw = xmlNodeListGetString(pointer.pointee.doc, current.pointee.children, 1) {
                    value = String(xmlText: raw)
                    feedwright_xml_free(raw)
                }
                result.append(MarkupAttribute(localName: name, namespaceURI: ns, value: value))
                attr = current.pointee.next
            }
        case .streamed(let subtree, let position):
            for attribute in subtree.attributes(of: position) {
                result.append(MarkupAttribute(localName: String(cString: attribute.name), namespaceURI: attribute.uri.map { String(cString: $0) }, value: subtree.value(of: attribute)))
            }
        }
        return result
    }

    /// The namespaces this element declares (`xmlns` and `xmlns:p` attributes).
    public var namespaceDeclarations: [(prefix: String?, uri: String)] {
        var result: [(prefix: String?, uri: String)] = []
        switch storage {
        case .tree(_, let pointer):
            var declaration = pointer.pointee.nsDef
            while let current = declaration {
                if let href = current.pointee.href {
                    result.append((current.pointee.prefix.map { String(cString: $0) }, String(cString: href)))
                }
                declaration = current.pointee.next
            }
        case .streamed(let subtree, let position):
            for declaration in subtree.namespaces(of: position) {
                if let uri = declaration.uri {
                    result.append((declaration.prefix.map { String(cString: $0) }, String(cString: uri)))
                }
            }
        }
        return result
    }

    /// All child nodes in document order.
    public var children: MarkupChildren {
        MarkupChildren(head: firstChild, elementsOnly: false)
    }

    /// The child elements in document order.
    public var elements: MarkupChildren {
        MarkupChildren(head: firstChild, elementsOnly: true)
    }

    private var firstChild: MarkupNode? {
        neighbour(tree: { $0.pointee.children }, streamed: \.firstChild)
    }

    /// The next sibling node (of any kind), if any.
    public var nextSibling: MarkupNode? {
        neighbour(tree: { $0.pointee.next }, streamed: \.next)
    }

    /// The node one link away, in whichever storage this node lives.
    private func neighbour(tree: (xmlNodePtr) -> xmlNodePtr?, streamed: (StreamedSubtree.Node) -> Int32) -> MarkupNode? {
        switch storage {
        case .tree(let document, let pointer):
            return tree(pointer).map { MarkupNode(document: document, pointer: $0) }
        case .streamed(let subtree, let position):
            return MarkupNode(subtree: subtree, linked: streamed(subtree.node(position)))
        }
    }

    /// The text of this node alone when it is a text or CDATA node; nil for other kinds.
    public var ownContent: String? {
        guard kind == .text else { return nil }
        switch storage {
        case .tree(_, let pointer): return pointer.pointee.content.map { String(xmlText: $0) }
        case .streamed(let subtree, let position): return subtree.string(position)
        }
    }

    /// The parent element, if any.
    public var parent: MarkupNode? {
        switch storage {
        case .tree(let document, let pointer):
            guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
            return MarkupNode(document: document, pointer: parent)
        case .streamed(let subtree, let position):
            return MarkupNode(subtree: subtree, linked: subtree.node(position).parent) ?? subtree.anchor
        }
    }

    /// An identity for the element's namespace URI: equal URIs give equal identities within
    /// one parse (a document, or all the subtrees of one ``MarkupStream`` read), 0 for no
    /// namespace. Readers use it to cache per-vocabulary work instead of hashing URI strings on
    /// every element; never compare identities from different parses.
    public var namespaceIdentity: Int {
        switch storage {
        case .tree(_, let pointer):
            guard let ns = pointer.pointee.ns, let href = ns.pointee.href else { return 0 }
            if let dictionary = pointer.pointee.doc?.pointee.dict, let interned = xmlDictLookup(dictionary, href, -1) {
                return Int(bitPattern: UnsafeRawPointer(interned))
            }
            return Int(bitPattern: UnsafeRawPointer(ns))
        case .streamed(let subtree, let position):
            // The parser interned the URI: its address is the identity.
            return subtree.node(position).uri.map { Int(bitPattern: UnsafeRawPointer($0)) } ?? 0
        }
    }

    /// An identity for the element's local name, with the same scope as ``namespaceIdentity``
    /// (libxml2 interns names in the parse's dictionary).
    public var nameIdentity: Int {
        switch storage {
        case .tree(_, let pointer):
            guard let name = pointer.pointee.name else { return 0 }
            if let dictionary = pointer.pointee.doc?.pointee.dict, xmlDictOwns(dictionary, name) != 1,
               let interned = xmlDictLookup(dictionary, name, -1) {
                return Int(bitPattern: UnsafeRawPointer(interned))
            }
            return Int(bitPattern: UnsafeRawPointer(name))
        case .streamed(let subtree, let position):
            return subtree.node(position).name.map { Int(bitPattern: UnsafeRawPointer($0)) } ?? 0
        }
    }

    /// The concatenated text of this node and all its descendants, entities decoded.
    public var textContent: String {
        switch storage {
        case .tree(_, let pointer):
            // The common case, one text or CDATA child, reads its buffer without libxml2's copy.
            if let only = pointer.pointee.children, only.pointee.next == nil,
               only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE {
                return only.pointee.content.map { String(xmlText: $0) } ?? ""
            }
            guard let raw = xmlNodeGetContent(pointer) else { return "" }
            defer { feedwright_xml_free(raw) }
            return String(xmlText: raw)
        case .streamed(let subtree, let position):
            return subtree.string(position)
        }
    }

    /// The `xml:base`-aware base URL in effect at this node (falls back to the document URL).
    public var baseURL: String? {
        switch storage {
        case .tree(_, let pointer):
            let document = pointer.pointee.doc
            let documentURL = document?.pointee.URL.map { String(cString: $0) }
            // For HTML, libxml2 answers only a `<base href>` (as written, maybe relative) and
            // nothing without one; the document's own URL is the base then.
            guard let raw = xmlNodeGetBase(document, pointer) else { return documentURL }
            defer { feedwright_xml_free(raw) }
            let base = String(cString: raw)
            guard document?.pointee.type == XML_HTML_DOCUMENT_NODE, let documentURL else { return base }
            return URLResolver.resolve(base, against: documentURL)
        case .streamed(let subtree, let position):
            return subtree.baseURL(position)
        }
    }

    /// The `xml:lang` in effect at this node, inherited from ancestors.
    public var language: String? {
        switch storage {
        case .tree(_, let pointer):
            guard let raw = xmlNodeGetLang(pointer) else { return nil }
            defer { feedwright_xml_free(raw) }
            let value = String(cString: raw)
            return value.isEmpty ? nil : value
        case .streamed(let subtree, let position):
            return subtree.language(position)
        }
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
        switch (lhs.storage, rhs.storage) {
        case (.tree(_, let left), .tree(_, let right)): return left == right
        case (.streamed(let left, let leftPosition), .streamed(let right, let rightPosition)):
            return left === right && leftPosition == rightPosition
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch storage {
        case .tree(_, let pointer): hasher.combine(pointer)
        case .streamed(let subtree, let position):
            hasher.combine(ObjectIdentifier(subtree))
            hasher.combine(position)
        }
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
    let head: MarkupNode?
    let elementsOnly: Bool

    /// Walks the sibling chain.
    public struct Iterator: IteratorProtocol {
        var upcoming: MarkupNode?
        let elementsOnly: Bool

        public mutating func next() -> MarkupNode? {
            while let current = upcoming {
                upcoming = current.nextSibling
                if !elementsOnly || current.kind == .element {
                    return current
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
        Iterator(upcoming: head, elementsOnly: elementsOnly)
    }
}
