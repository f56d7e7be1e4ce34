internal import CLibXML2

/// The SAX handlers behind ``MarkupStream``: the root and the elements the caller descends
/// into become libxml2 nodes (so that `xml:base`, `xml:lang` and namespaces resolve as in a
/// full tree), while each element at the *frontier* (a child of the root, or of an element
/// descended into) is recorded into a ``StreamedSubtree`` and handed to the caller the moment
/// its end tag is read.
///
/// libxml2's own tree builder would allocate and free a node per element, text run and
/// attribute of every item; recording into reused flat storage is what lets a large feed be
/// read at close to the speed of a bare parse.
final class SubtreeRecorder {
    private let root: (MarkupNode) -> Void
    private let descend: (String, String?, Int) -> Bool
    private let visit: (MarkupNode, Int) -> Void
    private let subtree = StreamedSubtree()
    /// The depth whose elements are recorded whole; the elements above it were descended into.
    private var frontier = 1
    /// How many elements are open (the depth of the next one to start).
    private var depth = 0
    /// The depth of the element being recorded.
    private var recordingDepth = 0
    /// The root and the elements descended into, as libxml2 built them, innermost last.
    private var ancestors: [xmlNodePtr] = []
    private var parser: xmlParserCtxtPtr?
    /// What the parse's entity references are charged to (set for the length of `parse`).
    private var budget: EntityBudget?
    private var tree: MarkupDocument?
    private(set) var sawRoot = false
    /// Where the document went deeper than ``maxDepth`` (the parse stops there).
    private(set) var tooDeep: (line: Int, column: Int)?
    /// libxml2's own limit (``SecureParsing/maxDepth``), which only its tree builder
    /// enforces: without a tree, the stream must enforce it itself.
    static let maxDepth = SecureParsing.maxDepth

    init(root: @escaping (MarkupNode) -> Void, descend: @escaping (String, String?, Int) -> Bool, visit: @escaping (MarkupNode, Int) -> Void) {
        self.root = root
        self.descend = descend
        self.visit = visit
    }

    /// Parses `input` (emptied once libxml2 holds its copy), then delivers the element still
    /// being recorded if the document ended inside it (a truncated feed), as the tree parser
    /// would have kept it.
    func parse(_ input: inout [UInt8], encoding: String, url: String?, options: Int32, collector: DiagnosticCollector, budget: EntityBudget) {
        self.budget = budget
        defer { self.budget = nil }
        var handler = xmlSAXHandler()
        xmlSAXVersion(&handler, 2)
        handler.getEntity = { context, name in
            guard let name else { return nil }
            return SubtreeRecorder.withOwner(context) { recorder, parser in recorder.budget?.entity(named: name, in: parser) } ?? nil
        }
        handler.getParameterEntity = { context, name in
            guard let name else { return nil }
            return SubtreeRecorder.withOwner(context) { recorder, parser in recorder.budget?.parameterEntity(named: name, in: parser) } ?? nil
        }
        handler.startElementNs = { context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes in
            guard let localName else { return }
            SubtreeRecorder.withOwner(context) { recorder, parser in
                recorder.started(
                    parser, localName: localName, prefix: prefix, uri: uri, namespaceCount: Int(namespaceCount), namespaces: namespaces,
                    attributeCount: Int(attributeCount), defaulted: Int(defaulted), attributes: attributes)
            }
        }
        handler.endElementNs = { context, localName, prefix, uri in
            SubtreeRecorder.withOwner(context) { $0.ended($1, localName: localName, prefix: prefix, uri: uri) }
        }
        handler.characters = { context, characters, length in
            guard let characters else { return }
            SubtreeRecorder.withOwner(context) { recorder, _ in recorder.text(characters, count: Int(length), cdata: false) }
        }
        handler.ignorableWhitespace = handler.characters
        handler.cdataBlock = { context, characters, length in
            guard let characters else { return }
            SubtreeRecorder.withOwner(context) { recorder, _ in recorder.text(characters, count: Int(length), cdata: true) }
        }
        handler.comment = { context, value in
            guard let value else { return }
            SubtreeRecorder.withOwner(context) { recorder, _ in recorder.comment(value) }
        }
        // Processing instructions carry nothing a reader uses; libxml2's handler would hang them
        // on the element descended into.
        handler.processingInstruction = nil

        let remainder = MarkupDocument.pushParse(
            &input, encoding: encoding, url: url, options: options, collector: collector, budget: budget, handler: &handler,
            userData: Unmanaged.passUnretained(self).toOpaque(),
            started: { self.parser = $0 })
        defer {
            tree = nil
            if let remainder { xmlFreeDoc(remainder) }
        }
        if subtree.isRecording {
            subtree.closeAll()
            visit(MarkupNode(subtree: subtree, index: 0), recordingDepth)
        }
    }

    /// Runs `body` with the recorder a SAX callback's parser context belongs to, and that
    /// context. `parse` keeps the recorder alive for the whole parse, so the handlers borrow it
    /// instead of retaining it: that spares two atomic operations per event, and the character
    /// handler runs hundreds of times per item.
    @discardableResult
    private static func withOwner<T>(_ context: UnsafeMutableRawPointer?, _ body: (SubtreeRecorder, xmlParserCtxtPtr) -> T) -> T? {
        guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let owner = parser.pointee._private else { return nil }
        return Unmanaged<SubtreeRecorder>.fromOpaque(owner)._withUnsafeGuaranteedRef { body($0, parser) }
    }

    private func text(_ characters: UnsafePointer<xmlChar>, count: Int, cdata: Bool) {
        // Text directly inside the root or an element descended into (white space between
        // items) is not delivered, so not kept.
        guard subtree.isRecording else { return }
        subtree.appendText(characters, count: count, cdata: cdata)
    }

    private func comment(_ value: UnsafePointer<xmlChar>) {
        guard subtree.isRecording else { return }
        subtree.appendComment(value)
    }

    private func started(
        _ context: xmlParserCtxtPtr, localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        namespaceCount: Int, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        attributeCount: Int, defaulted: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let level = depth
        depth += 1
        if depth > Self.maxDepth {
            if tooDeep == nil, let input = context.pointee.input {
                tooDeep = (Int(input.pointee.line), Int(input.pointee.col))
            }
            xmlStopParser(context)
            return
        }
        if !subtree.isRecording {
            // Elements an entity expands to are parsed by a context of their own, which the
            // tree must not be built from: they are always recorded.
            let isDocument = context == parser
            if level == 0 && isDocument && !sawRoot {
                xmlSAX2StartElementNs(context, localName, prefix, uri, Int32(namespaceCount), namespaces, Int32(attributeCount), Int32(defaulted), attributes)
                if let node = context.pointee.node, let document = node.pointee.doc, let shallow = Self.detachRoot(node, from: document) {
                    ancestors.append(node)
                    sawRoot = true
                    frontier = 1
                    root(shallow)
                }
                return
            }
            if isDocument && level == frontier && level > 0 {
                let name = String(cString: localName)
                if descend(name, uri.map { String(cString: $0) }, level) {
                    xmlSAX2StartElementNs(context, localName, prefix, uri, Int32(namespaceCount), namespaces, Int32(attributeCount), Int32(defaulted), attributes)
                    if let node = context.pointee.node { ancestors.append(node) }
                    frontier = level + 1
                    return
                }
            }
            recordingDepth = level
            if tree == nil, let document = context.pointee.myDoc {
                tree = MarkupDocument(pointer: document, kind: .xml, diagnostics: [], suppressed: 0, ownsTree: false)
            }
            subtree.begin(anchor: tree.flatMap { tree in ancestors.last.map { MarkupNode(document: tree, pointer: $0) } })
        }
        // Attributes a DTD defaults are only applied when asked for, as libxml2's builder does.
        let given = (context.pointee.loadsubset & XML_COMPLETE_ATTRS) == 0 ? attributeCount - defaulted : attributeCount
        subtree.openElement(
            localName: localName, prefix: prefix, uri: uri, namespaceCount: namespaceCount, namespaces: namespaces,
            attributeCount: given, attributes: attributes, line: Int(context.pointee.input?.pointee.line ?? 0),
            dictionary: context.pointee.dict)
    }

    private func ended(_ context: xmlParserCtxtPtr, localName: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?) {
        depth = max(depth - 1, 0)
        if subtree.isRecording {
            if subtree.closeElement() {
                visit(MarkupNode(subtree: subtree, index: 0), recordingDepth)
            }
            return
        }
        // The root or an element descended into is complete: its siblings are recorded again.
        if context == parser, ancestors.popLast() != nil {
            xmlSAX2EndElementNs(context, localName, prefix, uri)
        }
        frontier = max(depth, 1)
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
