internal import CLibXML2

/// Reads an XML document one subtree at a time, so that a large feed never exists as one tree.
///
/// libxml2's `xmlTextReader` walks the document; the caller chooses which elements to
/// *descend* into (a feed's root, an RSS `channel`) and receives every other element as a
/// complete subtree (`visit`). The subtree is handed over where the reader built it (its
/// ancestors still in place, so `xml:base` and `xml:lang` resolve as in a full tree) and the
/// reader frees it when it moves on: a visited ``MarkupNode`` is valid only during the `visit`
/// call and must not be kept. Peak memory is the input plus one item, instead of the input plus
/// a tree two to three times its size, and no item is copied.
public enum MarkupStream {
    /// What a stream read reports besides the visited subtrees.
    public struct Summary {
        /// Problems the parser recovered from, as for ``MarkupDocument/diagnostics``.
        public var diagnostics: [MarkupDiagnostic]
        public var suppressedDiagnostics: Int
    }

    /// Streams `bytes` (prepared and secured exactly as ``MarkupDocument/parseXML(_:options:)``).
    ///
    /// The streaming reader stops at the first error it cannot recover from, where the tree
    /// parser's recovery goes on (mismatched tags, forbidden characters). When that happens the
    /// document is read again by the tree parser and delivery starts over with a second call to
    /// `root`: callers reset whatever they have built there.
    /// - Parameters:
    ///   - root: called once with the root element (attributes and namespace declarations, no
    ///     children).
    ///   - descend: whether to walk into an element below the root rather than visit it whole;
    ///     receives its local name, namespace URI and depth (1 for the root's children).
    ///   - visit: receives each element that is not descended into, with its whole subtree;
    ///     the node and everything reached from it are valid only until `visit` returns.
    public static func readXML(
        _ bytes: consuming [UInt8],
        options: MarkupOptions = MarkupOptions(),
        root: (MarkupNode) -> Void,
        descend: (_ localName: String, _ namespaceURI: String?, _ depth: Int) -> Bool,
        visit: (MarkupNode, _ depth: Int) -> Void
    ) throws(MarkupError) -> Summary {
        try MarkupDocument.preflight(bytes, options: options)
        let collector = DiagnosticCollector(limit: options.maxDiagnostics)
        let prepared = XMLInput.prepare(consume bytes, encodingHint: options.encoding)
        prepared.notes.forEach(collector.add)
        let parseOptions = MarkupDocument.xmlParseOptions
        var sawRoot = false
        var interrupted = false
        collector.capturing {
            prepared.bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    guard let reader = xmlReaderForMemory(chars.baseAddress, Int32(chars.count), options.baseURL, prepared.encoding, parseOptions) else { return }
                    defer { xmlFreeTextReader(reader) }
                    var borrowed: MarkupDocument?
                    var status = xmlTextReaderRead(reader)
                    while status == 1 {
                        guard xmlTextReaderNodeType(reader) == 1, let node = xmlTextReaderCurrentNode(reader), let document = node.pointee.doc else {
                            status = xmlTextReaderRead(reader)
                            continue
                        }
                        let depth = Int(xmlTextReaderDepth(reader))
                        if depth == 0 {
                            if !sawRoot, let shallow = detachRoot(node, from: document) {
                                sawRoot = true
                                root(shallow)
                            }
                            status = xmlTextReaderRead(reader)
                            continue
                        }
                        let name = node.pointee.name.map { String(cString: $0) } ?? ""
                        let namespace = node.pointee.ns?.pointee.href.map { String(cString: $0) }
                        if descend(name, namespace, depth) {
                            status = xmlTextReaderRead(reader)
                            continue
                        }
                        if xmlTextReaderExpand(reader) != nil {
                            let tree = borrowed ?? MarkupDocument(pointer: document, kind: .xml, diagnostics: [], suppressed: 0, ownsTree: false)
                            borrowed = tree
                            visit(MarkupNode(document: tree, pointer: node), depth)
                            tree.forgetNamespaces()
                        }
                        status = xmlTextReaderNext(reader)
                    }
                    interrupted = status < 0
                }
            }
        }
        if interrupted && collector.entityLoop == nil {
            let document: MarkupDocument
            do {
                document = try MarkupDocument.parseXML(prepared.bytes, options: MarkupOptions(encoding: prepared.encoding, baseURL: options.baseURL, maxBytes: options.maxBytes, maxDiagnostics: options.maxDiagnostics))
            } catch {
                throw error
            }
            guard let rootNode = document.root else { throw .malformed(message: "no root element", line: 0, column: 0) }
            root(rootNode)
            walk(rootNode, depth: 1, descend: descend, visit: visit)
            return Summary(diagnostics: document.diagnostics, suppressedDiagnostics: document.suppressedDiagnostics)
        }
        if let loop = collector.entityLoop {
            throw .entityExpansion(line: loop.line, column: loop.column)
        }
        if let deep = collector.tooDeep {
            throw .tooDeep(line: deep.line, column: deep.column)
        }
        guard sawRoot else {
            let first = collector.firstFatal ?? collector.diagnostics.first
            throw .malformed(message: first?.message ?? "no root element", line: first?.line ?? 0, column: first?.column ?? 0)
        }
        return Summary(diagnostics: collector.diagnostics, suppressedDiagnostics: collector.suppressed)
    }

    /// Delivers a parsed tree's elements as the streaming reader would have.
    private static func walk(_ parent: MarkupNode, depth: Int, descend: (String, String?, Int) -> Bool, visit: (MarkupNode, Int) -> Void) {
        for child in parent.elements {
            if descend(child.localName, child.namespaceURI, depth) {
                walk(child, depth: depth + 1, descend: descend, visit: visit)
            } else {
                visit(child, depth)
            }
        }
    }

    /// A copy of the root element (attributes and namespace declarations, no children) as the
    /// root of a document of its own, so that callers may keep it after the read.
    private static func detachRoot(_ node: xmlNodePtr, from source: xmlDocPtr) -> MarkupNode? {
        guard let document = xmlNewDoc("1.0") else { return nil }
        // Sharing the reader's name dictionary keeps names interned alike, so name and
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
