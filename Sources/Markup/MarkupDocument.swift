internal import CLibXML2

/// A parsed XML or HTML document.
///
/// The document owns libxml2's tree and frees it when the last reference goes away. Every
/// ``MarkupNode`` holds a strong reference to its document, so a node can never outlive the tree
/// it points into.
public final class MarkupDocument {
    /// Which of libxml2's parsers produced the tree.
    public enum Kind: Sendable, Hashable {
        case xml
        case html
    }

    let pointer: xmlDocPtr
    /// Which parser produced this document.
    public let kind: Kind
    /// Problems the parser recovered from, in the order met, capped at
    /// ``MarkupOptions/maxDiagnostics``.
    public let diagnostics: [MarkupDiagnostic]
    /// How many further problems were seen past the cap.
    public let suppressedDiagnostics: Int
    /// Namespace URIs by libxml2 namespace record: a tree has few, its elements many.
    private var namespaceNames: [UnsafeMutableRawPointer: String] = [:]

    /// False for the tree of a streaming reader, which the reader itself frees.
    private let ownsTree: Bool

    init(pointer: xmlDocPtr, kind: Kind, diagnostics: [MarkupDiagnostic], suppressed: Int, ownsTree: Bool = true) {
        self.pointer = pointer
        self.kind = kind
        self.diagnostics = diagnostics
        self.suppressedDiagnostics = suppressed
        self.ownsTree = ownsTree
    }

    /// Nodes taken out of the tree by an edit (``MarkupNode/remove()``). They are freed with
    /// the document, not before, so that a ``MarkupNode`` still pointing at one stays valid.
    var detached: [xmlNodePtr] = []

    deinit {
        for node in detached {
            if node.pointee.type == XML_ATTRIBUTE_NODE {
                xmlFreeProp(UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlAttr.self))
            } else {
                xmlFreeNode(node)
            }
        }
        if ownsTree { xmlFreeDoc(pointer) }
    }

    /// The root element, if the parser found one.
    public var root: MarkupNode? {
        guard let node = xmlDocGetRootElement(pointer) else { return nil }
        return MarkupNode(document: self, pointer: node)
    }

    /// The URL the document was parsed with, used to resolve relative references.
    public var url: String? {
        pointer.pointee.URL.map { String(cString: $0) }
    }

    func namespaceName(_ ns: xmlNsPtr) -> String? {
        let key = UnsafeMutableRawPointer(ns)
        if let known = namespaceNames[key] { return known }
        guard let href = ns.pointee.href else { return nil }
        let name = String(cString: href)
        namespaceNames[key] = name
        return name
    }
}
