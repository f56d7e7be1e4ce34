internal import CLibXML2

/// Process-wide libxml2 set-up that makes every parse safe for untrusted input.
///
/// libxml2 resolves external entities and DTDs through one global loader. Replacing it with one
/// that refuses everything means no option combination, now or later, can make Feedwright read a
/// local file or reach the network because a document asked it to (XXE).
enum SecureParsing {
    /// Runs once (Swift guarantees a `static let` initializer runs exactly once, thread-safely).
    static let installed: Void = {
        xmlInitParser()
        // RELAX NG registers its datatype libraries lazily in global state; doing it here,
        // once, keeps concurrent schema loads from racing on that first registration.
        xmlRelaxNGInitTypes()
        xmlSetExternalEntityLoader(refuseExternalEntity)
        feedwright_set_max_depth(UInt32(maxDepth))
    }()

    /// How deep libxml2 nests elements before it stops reading (its default is 256). A page
    /// that leaves an element open in every paragraph or every item of a menu (`<font>`,
    /// `<div>`) nests deeper with each, and at the limit libxml2 drops the rest of the page,
    /// the story after the menu included. Each end tag that closes nothing is compared with
    /// every element open, so the limit also bounds that work.
    static let maxDepth = 512
}

private func refuseExternalEntity(
    _ url: UnsafePointer<CChar>?, _ id: UnsafePointer<CChar>?, _ context: xmlParserCtxtPtr?
) -> xmlParserInputPtr? {
    nil
}

/// Collects libxml2's structured errors for one parse on the current thread.
final class DiagnosticCollector {
    let limit: Int
    private(set) var diagnostics: [MarkupDiagnostic] = []
    private(set) var suppressed = 0
    private(set) var entityLoop: (line: Int, column: Int)?
    private(set) var tooDeep: (line: Int, column: Int)?
    private(set) var firstFatal: MarkupDiagnostic?
    /// Whether libxml2 reported "Huge input lookup" (see ``MarkupDocument/pushParse``).
    private(set) var sawHugeInput = false

    init(limit: Int) {
        self.limit = limit
    }

    func record(_ error: xmlError) {
        let message = error.message.map { String(cString: $0) }?.trimmingASCIIWhitespace() ?? "unknown problem"
        let line = Int(error.line)
        let column = Int(error.int2)
        // Handed a whole document in one chunk, libxml2 checks its 10 MB lookahead limit only
        // after reading it to the end: for a larger document this report is no problem of the
        // document. `pushParse` says instead whether it ended inside an element.
        if error.code == XML_ERR_INTERNAL_ERROR.rawValue && message.hasSuffix("Huge input lookup") {
            sawHugeInput = true
            return
        }
        if error.code == XML_ERR_ENTITY_LOOP.rawValue && entityLoop == nil {
            entityLoop = (line, column)
        }
        if message.hasPrefix("Excessive depth") && tooDeep == nil {
            tooDeep = (line, column)
        }
        let severity: MarkupDiagnostic.Severity = error.level == XML_ERR_WARNING ? .warning : .error
        let diagnostic = MarkupDiagnostic(severity: severity, message: message, line: line, column: column)
        if error.level == XML_ERR_FATAL && firstFatal == nil {
            firstFatal = diagnostic
        }
        if diagnostics.count < limit {
            diagnostics.append(diagnostic)
        } else {
            suppressed += 1
        }
    }

    func add(_ diagnostic: MarkupDiagnostic) {
        if diagnostics.count < limit {
            diagnostics.append(diagnostic)
        } else {
            suppressed += 1
        }
    }

    /// Runs `body` with this collector receiving libxml2's errors on this thread. libxml2 keeps
    /// the handler in thread-local storage, so concurrent parses on other threads are unaffected.
    func capturing<T>(_ body: () -> T) -> T {
        xmlSetStructuredErrorFunc(context, DiagnosticCollector.handler)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return withExtendedLifetime(self) { body() }
    }

    /// This collector as libxml2's opaque handler context; valid while the collector lives.
    var context: UnsafeMutableRawPointer {
        Unmanaged.passUnretained(self).toOpaque()
    }

    /// The C handler that forwards libxml2's structured errors to the collector in `context`.
    static let handler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        Unmanaged<DiagnosticCollector>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
    }
}
