internal import CLibXML2

/// Builds libxml2's tree through its own SAX2 handlers and prunes it as it grows: each element
/// at the *frontier* (a child of the root, or of an element the caller chose to descend into)
/// is handed to the caller the moment its end tag is read, then freed.
///
/// This is how ``MarkupStream`` keeps memory at one item while parsing at the speed of a tree
/// parse: libxml2's pull reader (`xmlTextReader`) would do the same pruning, but feeds its
/// parser in 512-byte chunks and does bookkeeping per node, which made it the slower half of
/// reading a large feed.
final class SubtreePruner {
    private let root: (MarkupNode) -> Void
    private let descend: (String, String?, Int) -> Bool
    private let visit: (MarkupNode, Int) -> Void
    /// The depth whose elements are visited whole; the elements above it on the current path
    /// were descended into.
    private var frontier = 1
    private var borrowed: MarkupDocument?
    private(set) var sawRoot = false

    init(root: @escaping (MarkupNode) -> Void, descend: @escaping (String, String?, Int) -> Bool, visit: @escaping (MarkupNode, Int) -> Void) {
        self.root = root
        self.descend = descend
        self.visit = visit
    }

    /// Parses `bytes` and returns what is left of the tree
    /// (the root, the elements descended into, and any element whose end tag never came), which
    /// the caller owns.
    func parse(_ bytes: [UInt8], encoding: String, url: String?, options: Int32) -> xmlDocPtr? {
        var handler = xmlSAXHandler()
        xmlSAXVersion(&handler, 2)
        handler.startElementNs = { context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes in
            xmlSAX2StartElementNs(context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes)
            guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let owner = parser.pointee._private else { return }
            // The namespace URI as the parser interned it lives as long as the parse, unlike
            // the element's own namespace record: it makes a cheap, stable identity.
            if let uri, let node = parser.pointee.node {
                node.pointee._private = UnsafeMutableRawPointer(mutating: uri)
            }
            Unmanaged<SubtreePruner>.fromOpaque(owner).takeUnretainedValue().started(parser)
        }
        handler.endElementNs = { context, localName, prefix, uri in
            guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let owner = parser.pointee._private else {
                xmlSAX2EndElementNs(context, localName, prefix, uri)
                return
            }
            let node = parser.pointee.node
            let depth = Int(parser.pointee.nodeNr) - 1
            xmlSAX2EndElementNs(context, localName, prefix, uri)
            Unmanaged<SubtreePruner>.fromOpaque(owner).takeUnretainedValue().ended(node, depth: depth, parser: parser)
        }
        return MarkupDocument.pushParse(bytes, encoding: encoding, url: url, options: options, handler: &handler, userData: Unmanaged.passUnretained(self).toOpaque())
    }

    private func started(_ parser: xmlParserCtxtPtr) {
        guard let node = parser.pointee.node else { return }
        let depth = Int(parser.pointee.nodeNr) - 1
        if depth == 0 {
            if !sawRoot, let document = node.pointee.doc, let shallow = Self.detachRoot(node, from: document) {
                sawRoot = true
                frontier = 1
                root(shallow)
            }
            return
        }
        guard depth == frontier else { return }
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        let namespace = node.pointee.ns?.pointee.href.map { String(cString: $0) }
        if descend(name, namespace, depth) {
            frontier = depth + 1
        }
    }

    private func ended(_ node: xmlNodePtr?, depth: Int, parser: xmlParserCtxtPtr) {
        guard let node, depth >= 1 else { return }
        if depth < frontier {
            // An element descended into is complete: its siblings are visited again.
            frontier = depth
            return
        }
        guard depth == frontier, let document = node.pointee.doc, let parent = node.pointee.parent else { return }
        let tree = borrowed ?? MarkupDocument(pointer: document, kind: .xml, diagnostics: [], suppressed: 0, ownsTree: false)
        borrowed = tree
        visit(MarkupNode(document: tree, pointer: node), depth)
        tree.forgetNamespaces()
        // Every earlier element child of `parent` was visited and freed at its own end, so
        // what remains besides this one is white space and comments between items.
        while let child = parent.pointee.children {
            xmlUnlinkNode(child)
            xmlFreeNode(child)
        }
        // libxml2 appends the next run of text to the last text node it wrote, tracked by
        // these two fields; that node is gone.
        parser.pointee.nodelen = 0
        parser.pointee.nodemem = 0
    }

    /// A copy of the root element (attributes and namespace declarations, no children) as the
    /// root of a document of its own, so that callers may keep it after the read.
    private static func detachRoot(_ node: xmlNodePtr, from source: xmlDocPtr) -> MarkupNode? {
        guard let document = xmlNewDoc("1.0") else { return nil }
        // Sharing the parser's name dictionary keeps names interned alike, so name and
        // namespace identities compare equal with those of the streamed items.
        if let dictionary = source.pointee.dict {
            xmlDictReference(dictionary)
            document.pointee.dict = dictionary
        }
        if let url = source.pointee.URL {
            document.pointee.URL = UnsafePointer(xmlStrdup(url))
        }
        guard let copy = xmlDocCopyNode(node, document, 2) else {
            xmlFreeDoc(document)
            return nil
        }
        xmlDocSetRootElement(document, copy)
        return MarkupNode(document: MarkupDocument(pointer: document, kind: .xml, diagnostics: [], suppressed: 0), pointer: copy)
    }
}
