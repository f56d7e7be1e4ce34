internal import CLibXML2

/// A RELAX NG schema, for checking the documents Feedwright writes (the same validator as
/// `xmllint --relaxng`).
public final class RelaxNGSchema {
    private let schema: xmlRelaxNGPtr

    /// Loads a self-contained schema in XML syntax (`.rng`) from its bytes. Files are read by
    /// the caller: Feedwright's entity loader refuses every external load, schemas included,
    /// so a schema that includes others is not supported.
    public init(bytes: [UInt8], name path: String = "schema") throws(MarkupError) {
        _ = SecureParsing.installed
        let collector = DiagnosticCollector(limit: 10)
        // The parser context keeps the buffer's address and reads it only in xmlRelaxNGParse,
        // so both calls happen while the buffer is pinned.
        let schema: xmlRelaxNGPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let context = xmlRelaxNGNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else { return nil }
                defer { xmlRelaxNGFreeParserCtxt(context) }
                xmlRelaxNGSetParserStructuredErrors(context, DiagnosticCollector.handler, collector.context)
                return collector.capturing { xmlRelaxNGParse(context) }
            }
        }
        guard let schema else {
            throw .malformed(message: "invalid schema \(path): \(collector.diagnostics.first?.message ?? "unreadable")", line: 0, column: 0)
        }
        self.schema = schema
    }

    deinit {
        xmlRelaxNGFree(schema)
    }

    /// The validity errors of `document`; empty when it is valid.
    public func validate(_ document: MarkupDocument) -> [MarkupDiagnostic] {
        guard let context = xmlRelaxNGNewValidCtxt(schema) else {
            return [MarkupDiagnostic(severity: .error, message: "cannot create validation context", line: 0, column: 0)]
        }
        defer { xmlRelaxNGFreeValidCtxt(context) }
        let collector = DiagnosticCollector(limit: 20)
        xmlRelaxNGSetValidStructuredErrors(context, DiagnosticCollector.handler, collector.context)
        let status = collector.capturing { xmlRelaxNGValidateDoc(context, document.pointer) }
        if status == 0 { return [] }
        return collector.diagnostics.isEmpty
            ? [MarkupDiagnostic(severity: .error, message: "invalid (status \(status))", line: 0, column: 0)]
            : collector.diagnostics
    }
}
