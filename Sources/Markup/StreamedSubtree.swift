internal import CLibXML2

/// One element read by ``MarkupStream``, with everything inside it, kept as flat arrays
/// instead of libxml2 nodes.
///
/// The stream's SAX handlers append to it as the element's events arrive and the reader walks
/// it through ``MarkupNode`` like any tree. Building libxml2 nodes (a `malloc` per element,
/// text node and attribute, freed again an item later) cost more than parsing the bytes; here
/// the storage of one item is reused for the next. All character data of the subtree sits in
/// one buffer in document order, so an element's text content is a single slice of it.
///
/// Names and namespace URIs are the parser's interned strings (its dictionary outlives the
/// read), compared and hashed by address.
final class StreamedSubtree {
    enum NodeKind: UInt8 {
        case element, text, cdata, comment
    }

    struct Node {
        var kind: NodeKind
        var parent: Int32
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var next: Int32 = -1
        var line: Int32
        /// Text and CDATA: the node's bytes in `text`; comments: in `comments`; elements: all
        /// character data of their descendants in `text`.
        var start: Int32
        var end: Int32
        var attributeStart: Int32 = 0
        var attributeEnd: Int32 = 0
        var namespaceStart: Int32 = 0
        var namespaceEnd: Int32 = 0
        /// The local name; the qualified name when the prefix was never declared, as libxml2's
        /// own tree builder keeps it.
        var name: UnsafePointer<xmlChar>?
        var prefix: UnsafePointer<xmlChar>?
        var uri: UnsafePointer<xmlChar>?
    }

    struct Attribute {
        var name: UnsafePointer<xmlChar>
        var uri: UnsafePointer<xmlChar>?
        var valueStart: Int32
        var valueEnd: Int32
    }

    struct NamespaceDeclaration {
        var prefix: UnsafePointer<xmlChar>?
        var uri: UnsafePointer<xmlChar>?
    }

    /// The subtree's storage. It sits behind a pointer because the SAX handlers mutate it
    /// hundreds of times per item: as stored properties of a class, every one of those
    /// mutations paid for Swift's dynamic exclusivity check (a quarter of the parse time).
    /// The pointer is allocated and freed with the instance and never escapes it, and the
    /// instance is used by one parse on one thread.
    private let state: UnsafeMutablePointer<State>

    private struct State: ~Copyable {
        var nodes: [Node] = []
        var text = RecordedBytes(capacity: 16_384)
        var comments = RecordedBytes(capacity: 256)
        var attributes: [Attribute] = []
        var attributeValues = RecordedBytes(capacity: 1_024)
        var namespaces: [NamespaceDeclaration] = []
        /// The open elements, innermost last.
        var open: [Int32] = []
        /// The text node the next character data extends (character data of one kind with
        /// nothing between, as libxml2 merges it), or -1. Its `end` is set when it closes:
        /// until then it ends where `text` does.
        var openText: Int32 = -1
        var openTextKind: NodeKind = .text
        /// Whether any element carries `xml:base` or `xml:lang`: most items do not, and then
        /// both come from the anchor alone.
        var declaresBaseOrLanguage = false
        var anchorContext: (pointer: xmlNodePtr, base: String?, language: String?)?
    }

    init() {
        state = .allocate(capacity: 1)
        state.initialize(to: State())
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// The libxml2 element the subtree's root hangs from (its parent in the document).
    private(set) var anchor: MarkupNode?
    /// Bumped on every reset: a node of an earlier subtree must not be read.
    private var generation: UInt32 = 0

    /// Where a node is: its index (0 is the subtree's root) and the subtree it was handed out
    /// with. Reading a node kept past its `visit` call traps instead of reading whichever item
    /// now occupies the storage.
    struct Position: Hashable {
        fileprivate var index: Int32
        fileprivate var generation: UInt32
    }

    /// The position of the node at `index` in the current subtree.
    func position(_ index: Int32) -> Position {
        Position(index: index, generation: generation)
    }

    private func validated(_ position: Position) -> Int {
        precondition(position.generation == generation, "a streamed MarkupNode was used after its visit returned")
        return Int(position.index)
    }

    var isRecording: Bool { !state.pointee.open.isEmpty }

    /// The node at `position`.
    func node(_ position: Position) -> Node {
        state.pointee.nodes[validated(position)]
    }

    /// The attributes of the element at `position`.
    func attributes(of position: Position) -> ArraySlice<Attribute> {
        let node = state.pointee.nodes[validated(position)]
        return state.pointee.attributes[Int(node.attributeStart)..<Int(node.attributeEnd)]
    }

    /// The namespace declarations of the element at `position`.
    func namespaces(of position: Position) -> ArraySlice<NamespaceDeclaration> {
        let node = state.pointee.nodes[validated(position)]
        return state.pointee.namespaces[Int(node.namespaceStart)..<Int(node.namespaceEnd)]
    }

    /// Starts a new subtree below `anchor`, reusing the storage of the previous one.
    func begin(anchor: MarkupNode?) {
        state.pointee.nodes.removeAll(keepingCapacity: true)
        state.pointee.text.removeAll()
        state.pointee.comments.removeAll()
        state.pointee.attributes.removeAll(keepingCapacity: true)
        state.pointee.attributeValues.removeAll()
        state.pointee.namespaces.removeAll(keepingCapacity: true)
        state.pointee.open.removeAll(keepingCapacity: true)
        state.pointee.openText = -1
        state.pointee.declaresBaseOrLanguage = false
        generation &+= 1
        if state.pointee.anchorContext?.pointer != anchor?.treePointer {
            state.pointee.anchorContext = nil
        }
        self.anchor = anchor
    }

    /// Opens an element (SAX `startElementNs`, with libxml2's argument layout).
    func openElement(
        localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        namespaceCount: Int, namespaces declared: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        attributeCount: Int, attributes given: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        line: Int, dictionary: OpaquePointer?
    ) {
        var name: UnsafePointer<xmlChar>? = localName
        if let prefix, uri == nil, let dictionary, let qualified = xmlDictQLookup(dictionary, prefix, localName) {
            name = qualified
        }
        var node = Node(kind: .element, parent: state.pointee.open.last ?? -1, line: Int32(truncatingIfNeeded: line), start: Int32(state.pointee.text.count), end: Int32(state.pointee.text.count), name: name, prefix: prefix, uri: uri)
        node.namespaceStart = Int32(state.pointee.namespaces.count)
        if let declared {
            for index in 0..<namespaceCount {
                state.pointee.namespaces.append(NamespaceDeclaration(prefix: declared[2 * index], uri: declared[2 * index + 1]))
            }
        }
        node.namespaceEnd = Int32(state.pointee.namespaces.count)
        node.attributeStart = Int32(state.pointee.attributes.count)
        if let given {
            for index in 0..<attributeCount {
                let base = 5 * index
                guard var attributeName = given[base], let valueStart = given[base + 3], let valueEnd = given[base + 4] else { continue }
                let attributePrefix = given[base + 1]
                let attributeURI = given[base + 2]
                if let attributePrefix, attributeURI == nil, let dictionary, let qualified = xmlDictQLookup(dictionary, attributePrefix, attributeName) {
                    attributeName = qualified
                }
                if let attributeURI, !state.pointee.declaresBaseOrLanguage, Self.equal(attributeURI, Self.xmlNamespace) {
                    state.pointee.declaresBaseOrLanguage = true
                }
                let start = Int32(state.pointee.attributeValues.count)
                state.pointee.attributeValues.append(valueStart, count: valueEnd - valueStart)
                state.pointee.attributes.append(Attribute(name: attributeName, uri: attributeURI, valueStart: start, valueEnd: Int32(state.pointee.attributeValues.count)))
            }
        }
        node.attributeEnd = Int32(state.pointee.attributes.count)
        closeOpenText()
        append(node)
        state.pointee.open.append(Int32(state.pointee.nodes.count - 1))
    }

    /// Closes the innermost open element; returns whether the subtree is now complete.
    func closeElement() -> Bool {
        guard let index = state.pointee.open.popLast() else { return true }
        closeOpenText()
        state.pointee.nodes[Int(index)].end = Int32(state.pointee.text.count)
        return state.pointee.open.isEmpty
    }

    /// Closes every element still open (a document cut off inside the subtree).
    func closeAll() {
        while !closeElement() {}
    }

    /// Appends character data, merged with the text node just before it as libxml2 does.
    func appendText(_ bytes: UnsafePointer<xmlChar>, count: Int, cdata: Bool) {
        // Entity-dense text (`&lt;p&gt;`) arrives a few bytes per call: the merge needs no
        // walk to the parent's last child.
        let kind: NodeKind = cdata ? .cdata : .text
        state.pointee.text.append(bytes, count: count)
        let end = Int32(state.pointee.text.count)
        if state.pointee.openText >= 0 {
            if state.pointee.openTextKind == kind { return }
            closeOpenText(at: end - Int32(count))
        }
        guard let parent = state.pointee.open.last else { return }
        append(Node(kind: kind, parent: parent, line: 0, start: end - Int32(count), end: end))
        state.pointee.openText = Int32(state.pointee.nodes.count - 1)
        state.pointee.openTextKind = kind
    }

    /// Appends a comment.
    func appendComment(_ value: UnsafePointer<xmlChar>) {
        guard let parent = state.pointee.open.last else { return }
        let start = Int32(state.pointee.comments.count)
        state.pointee.comments.append(value, count: Int(xmlStrlen(value)))
        closeOpenText()
        append(Node(kind: .comment, parent: parent, line: 0, start: start, end: Int32(state.pointee.comments.count)))
    }

    /// Ends the open text node, if any, at `end` (by default where the text buffer ends). Its
    /// `end` is written once here rather than on every merged chunk of character data.
    private func closeOpenText(at end: Int32? = nil) {
        let open = state.pointee.openText
        guard open >= 0 else { return }
        state.pointee.nodes[Int(open)].end = end ?? Int32(state.pointee.text.count)
        state.pointee.openText = -1
    }

    private func append(_ node: Node) {
        let index = Int32(state.pointee.nodes.count)
        state.pointee.nodes.append(node)
        guard node.parent >= 0 else { return }
        let parent = Int(node.parent)
        let previous = state.pointee.nodes[parent].lastChild
        if previous >= 0 {
            state.pointee.nodes[Int(previous)].next = index
        } else {
            state.pointee.nodes[parent].firstChild = index
        }
        state.pointee.nodes[parent].lastChild = index
    }

    // MARK: Reading

    func string(_ position: Position) -> String {
        let node = state.pointee.nodes[validated(position)]
        let range = Int(node.start)..<Int(node.end)
        if node.kind == .comment {
            return state.pointee.comments.withBytes(range) { String(utf8Text: $0) }
        }
        return state.pointee.text.withBytes(range) { String(utf8Text: $0) }
    }

    /// The value of the element's attribute `name` in `namespace` (none when nil).
    func attribute(_ position: Position, name: String, namespace: String?) -> String? {
        attribute(validated(position), name: name, namespace: namespace)
    }

    private func attribute(_ index: Int, name: String, namespace: String?) -> String? {
        let node = state.pointee.nodes[index]
        guard node.attributeStart < node.attributeEnd else { return nil }
        for position in Int(node.attributeStart)..<Int(node.attributeEnd) {
            let attribute = state.pointee.attributes[position]
            guard Self.equal(attribute.name, name) else { continue }
            if let namespace {
                guard let uri = attribute.uri, Self.equal(uri, namespace) else { continue }
            } else if attribute.uri != nil {
                continue
            }
            return value(of: attribute)
        }
        return nil
    }

    func value(of attribute: Attribute) -> String {
        state.pointee.attributeValues.withBytes(Int(attribute.valueStart)..<Int(attribute.valueEnd)) { String(utf8Text: $0) }
    }

    /// The values of `xml:<name>` from the node up to the subtree's root, innermost first.
    private func xmlAttributeChain(_ index: Int, name: String, first: Bool = false) -> [String] {
        guard state.pointee.declaresBaseOrLanguage else { return [] }
        var values: [String] = []
        var current = Int32(index)
        while current >= 0 {
            if let value = attribute(Int(current), name: name, namespace: Self.xmlNamespace) {
                values.append(value)
                if first { break }
            }
            current = state.pointee.nodes[Int(current)].parent
        }
        return values
    }

    private static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// The anchor's base URL and language, computed once per anchor: every item of a feed
    /// hangs from the same one or two elements.
    func anchorBaseAndLanguage() -> (base: String?, language: String?) {
        if let known = state.pointee.anchorContext { return (known.base, known.language) }
        guard let anchor, let pointer = anchor.treePointer else { return (nil, nil) }
        let context = (pointer: pointer, base: anchor.baseURL, language: anchor.language)
        state.pointee.anchorContext = context
        return (context.base, context.language)
    }

    /// The base URL in effect at a node, by the rules of libxml2's `xmlNodeGetBase`: `xml:base`
    /// values resolved innermost first, an absolute `http:`, `ftp:` or `urn:` one ending the
    /// walk, the rest resolved against the anchor's base.
    func baseURL(_ position: Position) -> String? {
        let inherited = anchorBaseAndLanguage().base
        let chain = xmlAttributeChain(validated(position), name: "base")
        guard var base = chain.first else { return inherited }
        for outer in chain.dropFirst() {
            if Self.endsBaseWalk(base) { return base }
            guard let resolved = URLResolver.build(base, against: outer) else { return nil }
            base = resolved
        }
        if Self.endsBaseWalk(base) { return base }
        guard let inherited else { return base }
        return URLResolver.build(base, against: inherited)
    }

    /// The `xml:lang` in effect at a node; nil when none or empty.
    func language(_ position: Position) -> String? {
        let value = xmlAttributeChain(validated(position), name: "lang", first: true).first ?? anchorBaseAndLanguage().language
        return value?.isEmpty == false ? value : nil
    }

    private static func endsBaseWalk(_ base: String) -> Bool {
        base.hasPrefix("http://") || base.hasPrefix("ftp://") || base.hasPrefix("urn:")
    }

    /// Whether an interned libxml2 string equals `string`, without building a Swift string.
    static func equal(_ pointer: UnsafePointer<xmlChar>, _ string: String) -> Bool {
        string.withXMLString { xmlStrEqual(pointer, $0) != 0 }
    }
}
