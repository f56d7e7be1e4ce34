internal import CLibXML2

/// Reads an XML document one subtree at a time, so that a large feed never exists as one tree.
///
/// The caller chooses which elements to *descend* into (a feed's root, an RSS `channel`) and
/// receives every other element as a complete subtree (`visit`) as soon as its end tag is read.
/// The subtree is handed over where the parser built it (its ancestors still in place, so
/// `xml:base` and `xml:lang` resolve as in a full tree) and freed right after: a visited
/// ``MarkupNode`` is valid only during the `visit` call and must not be kept. Peak memory is
/// the input plus one item, instead of the input plus a tree two to three times its size, and
/// no item is copied.
public enum MarkupStream {
    /// What a stream read reports besides the visited subtrees.
    public struct Summary {
        /// Problems the parser recovered from, as for ``MarkupDocument/diagnostics``.
        public var diagnostics: [MarkupDiagnostic]
        public var suppressedDiagnostics: Int
    }

    /// Streams `bytes` (prepared, secured and recovered exactly as
    /// ``MarkupDocument/parseXML(_:options:)``, so both deliver the same elements).
    ///
    /// An element whose end tag never comes (a truncated feed) is delivered after the rest, as
    /// the tree parser would have kept it.
    /// - Parameters:
    ///   - root: called once with the root element (attributes and namespace declarations, no
    ///     children); the node may be kept.
    ///   - descend: whether to walk into an element below the root rather than visit it whole;
    ///     receives its local name, namespace URI and depth (1 for the root's children). The
    ///     text directly inside an element descended into is not delivered.
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
        let (remainder, sawRoot) = withoutActuallyEscaping(root) { root in
            withoutActuallyEscaping(descend) { descend in
                withoutActuallyEscaping(visit) { visit in
                    let pruner = SubtreePruner(root: root, descend: descend, visit: visit)
                    let remainder = collector.capturing {
                        pruner.parse(prepared.bytes, encoding: prepared.encoding, url: options.baseURL, options: MarkupDocument.xmlParseOptions)
                    }
                    return (remainder, pruner.sawRoot)
                }
            }
        }
        let rest = remainder.map { MarkupDocument(pointer: $0, kind: .xml, diagnostics: [], suppressed: 0) }
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
        if let unfinished = rest?.root {
            walk(unfinished, depth: 1, descend: descend, visit: visit)
        }
        return Summary(diagnostics: collector.diagnostics, suppressedDiagnostics: collector.suppressed)
    }

    /// Delivers the elements left in a tree as the stream would have: what remains after a
    /// read are the elements whose end tag never came.
    private static func walk(_ parent: MarkupNode, depth: Int, descend: (String, String?, Int) -> Bool, visit: (MarkupNode, Int) -> Void) {
        for child in parent.elements {
            if descend(child.localName, child.namespaceURI, depth) {
                walk(child, depth: depth + 1, descend: descend, visit: visit)
            } else {
                visit(child, depth)
            }
        }
    }
}
