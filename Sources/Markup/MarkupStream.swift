internal import CLibXML2

/// Reads an XML document one subtree at a time, so that a large feed never exists as one tree.
///
/// The caller chooses which elements to *descend* into (a feed's root, an RSS `channel`) and
/// receives every other element as a complete subtree (`visit`) as soon as its end tag is read.
/// The subtree is recorded from the parser's events into flat storage that is reused for the
/// next one (see `StreamedSubtree`); its ``MarkupNode``s answer like those of a tree, with
/// `xml:base`, `xml:lang` and the parent chain resolving through the elements descended into.
/// A visited node is valid only during the `visit` call and must not be kept. Peak memory is
/// the input plus one item, instead of the input plus a tree two to three times its size.
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
        var prepared = XMLInput.prepare(consume bytes, encodingHint: options.encoding)
        prepared.notes.forEach(collector.add)
        let encoding = prepared.encoding
        let budget = EntityBudget(inputBytes: prepared.bytes.count, options: options)
        let (sawRoot, tooDeep) = withoutActuallyEscaping(root) { root in
            withoutActuallyEscaping(descend) { descend in
                withoutActuallyEscaping(visit) { visit in
                    let recorder = SubtreeRecorder(root: root, descend: descend, visit: visit)
                    collector.capturing {
                        recorder.parse(&prepared.bytes, encoding: encoding, url: options.baseURL, options: MarkupDocument.xmlParseOptions, collector: collector, budget: budget)
                    }
                    return (recorder.sawRoot, recorder.tooDeep)
                }
            }
        }
        if let exceeded = budget.exceeded {
            throw .entityExpansionLimit(limit: budget.limit, line: exceeded.line, column: exceeded.column)
        }
        if let loop = collector.entityLoop {
            throw .entityExpansion(line: loop.line, column: loop.column)
        }
        if let deep = collector.tooDeep ?? tooDeep {
            throw .tooDeep(line: deep.line, column: deep.column)
        }
        guard sawRoot else {
            let first = collector.firstFatal ?? collector.diagnostics.first
            throw .malformed(message: first?.message ?? "no root element", line: first?.line ?? 0, column: first?.column ?? 0)
        }
        return Summary(diagnostics: collector.diagnostics, suppressedDiagnostics: collector.suppressed)
    }
}
