internal import CLibXML2

extension MarkupDocument {
    /// Parses XML from bytes, recovering from errors where the markup allows.
    ///
    /// The bytes are first normalised (encoding sniffed and repaired, HTML entities and stray
    /// ampersands made well-formed, junk before the root dropped), then read by libxml2 with the
    /// network, DTD loading and external entities off.
    /// - Throws: ``MarkupError`` when nothing readable remains or a safety limit is hit.
    public static func parseXML(_ bytes: consuming [UInt8], options: MarkupOptions = MarkupOptions()) throws(MarkupError) -> MarkupDocument {
        try preflight(bytes, options: options)

        let collector = DiagnosticCollector(limit: options.maxDiagnostics)
        // The input is consumed so that the caller's copy is gone once libxml2 has built the
        // tree: for a 50 MB feed that is the difference between 3x and 4x its size at peak.
        var prepared = XMLInput.prepare(consume bytes, encodingHint: options.encoding)
        prepared.notes.forEach(collector.add)
        let encoding = prepared.encoding
        let budget = EntityBudget(inputBytes: prepared.bytes.count, options: options)

        let document: xmlDocPtr? = collector.capturing {
            pushParse(&prepared.bytes, encoding: encoding, url: options.baseURL, options: xmlParseOptions, collector: collector, budget: budget)
        }
        if let exceeded = budget.exceeded {
            if let document { xmlFreeDoc(document) }
            throw .entityExpansionLimit(limit: budget.limit, line: exceeded.line, column: exceeded.column)
        }
        return try finish(document, kind: .xml, collector: collector)
    }

    /// Parses HTML from bytes with libxml2's forgiving HTML parser (network off).
    ///
    /// - Parameter options: `encoding` is the transport's charset; without it the parser reads
    ///   the page's own `<meta charset>` and falls back to Windows-1252 for undeclared bytes.
    public static func parseHTML(_ bytes: [UInt8], options: MarkupOptions = MarkupOptions()) throws(MarkupError) -> MarkupDocument {
        try preflight(bytes, options: options)
        let collector = DiagnosticCollector(limit: options.maxDiagnostics)
        let prepared = HTMLInput.prepare(bytes, encodingHint: options.encoding)
        let parseOptions = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue
        )
        let document: htmlDocPtr? = collector.capturing {
            prepared.bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    htmlReadMemory(chars.baseAddress, Int32(chars.count), options.baseURL, prepared.encoding, parseOptions)
                }
            }
        }
        return try finish(document, kind: .html, collector: collector)
    }

    /// The XML parser options of every Feedwright parse: recover, substitute internal entities
    /// (external ones are refused by the global loader), no network, errors collected rather
    /// than printed, and the encoding decided by ``TextEncodingSniffer`` rather than the document.
    static let xmlParseOptions = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NOENT.rawValue | XML_PARSE_NONET.rawValue
            | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_COMPACT.rawValue | XML_PARSE_IGNORE_ENC.rawValue
    )

    /// The checks every parse makes before touching libxml2: secure set-up, size, emptiness.
    static func preflight(_ bytes: [UInt8], options: MarkupOptions) throws(MarkupError) {
        _ = SecureParsing.installed
        guard bytes.count <= options.maxBytes else {
            throw .tooLarge(bytes: bytes.count, limit: options.maxBytes)
        }
        guard bytes.contains(where: { !isASCIIWhitespace($0) && $0 != 0 }) else { throw .empty }
    }

    /// Parses with libxml2's push parser, building the tree with `handler` (libxml2's own
    /// SAX2 tree builder when nil), and returns what the tree holds at the end.
    ///
    /// Every entity reference is charged to `budget`: a caller's own `handler` must route its
    /// `getEntity` there itself (its user data is its own); the default handler does.
    ///
    /// The whole input is handed over before parsing starts and then parsed as one final
    /// chunk. Fed in slices, the parser must check before every markup construct and entity
    /// reference whether the rest of it has arrived yet, which made a feed dense with `&lt;`
    /// a third slower. libxml2 keeps its own copy of the input, so `input` is emptied as soon
    /// as that copy exists: a large feed is held once, not twice.
    /// - Parameter started: called with the parser context before the first byte is read.
    static func pushParse(
        _ input: inout [UInt8], encoding: String, url: String?, options: Int32, collector: DiagnosticCollector,
        budget: EntityBudget, handler: UnsafeMutablePointer<xmlSAXHandler>? = nil, userData: UnsafeMutableRawPointer? = nil,
        started: (xmlParserCtxtPtr) -> Void = { _ in }
    ) -> xmlDocPtr? {
        var treeBuilder = xmlSAXHandler()
        if handler == nil {
            xmlSAXVersion(&treeBuilder, 2)
            treeBuilder.getEntity = { context, name in
                guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let name, let owner = parser.pointee._private else { return nil }
                return Unmanaged<EntityBudget>.fromOpaque(owner).takeUnretainedValue().entity(named: name, in: parser)
            }
            treeBuilder.getParameterEntity = { context, name in
                guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let name, let owner = parser.pointee._private else { return nil }
                return Unmanaged<EntityBudget>.fromOpaque(owner).takeUnretainedValue().parameterEntity(named: name, in: parser)
            }
        }
        // libxml2 copies the handler into the context it creates.
        let created = handler.map { xmlCreatePushParserCtxt($0, nil, nil, 0, url) } ?? xmlCreatePushParserCtxt(&treeBuilder, nil, nil, 0, url)
        guard let context = created else { return nil }
        defer { xmlFreeParserCtxt(context) }
        // UTF-8 is libxml2's own encoding: naming it would install a converter that copies
        // every byte once more. Unnamed, with XML_PARSE_IGNORE_ENC, the input is read as UTF-8
        // whatever the document declares. Resetting with the bytes buffers them unparsed.
        let status = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtResetPush(context, chars.baseAddress, Int32(chars.count), url, encoding == "UTF-8" ? nil : encoding)
            }
        }
        guard status == 0 else { return nil }
        input = []
        xmlCtxtUseOptions(context, options)
        context.pointee._private = handler == nil ? Unmanaged.passUnretained(budget).toOpaque() : userData
        budget.parser = context
        started(context)
        _ = xmlParseChunk(context, nil, 0, 1)
        // The size check that stopped libxml2 also kept it from reporting a document that ends
        // inside an element (a truncated feed).
        if collector.sawHugeInput, context.pointee.nameNr > 0, let name = context.pointee.name {
            let line = Int(context.pointee.input?.pointee.line ?? 0)
            collector.add(MarkupDiagnostic(severity: .error, message: "Premature end of data in tag \(String(cString: name))", line: line, column: 0))
        }
        context.pointee._private = nil
        budget.parser = nil
        let document = context.pointee.myDoc
        context.pointee.myDoc = nil
        return document
    }

    private static func finish(_ document: xmlDocPtr?, kind: Kind, collector: DiagnosticCollector) throws(MarkupError) -> MarkupDocument {
        if let loop = collector.entityLoop {
            if let document { xmlFreeDoc(document) }
            throw .entityExpansion(line: loop.line, column: loop.column)
        }
        // A feed nested hundreds deep is hostile; a web page that deep is merely bad, and what
        // was read before the cut-off is still worth extracting.
        if let deep = collector.tooDeep, kind == .xml {
            if let document { xmlFreeDoc(document) }
            throw .tooDeep(line: deep.line, column: deep.column)
        }
        guard let document else {
            let first = collector.firstFatal ?? collector.diagnostics.first
            throw .malformed(message: first?.message ?? "no document", line: first?.line ?? 0, column: first?.column ?? 0)
        }
        guard xmlDocGetRootElement(document) != nil else {
            xmlFreeDoc(document)
            let first = collector.firstFatal ?? collector.diagnostics.first
            throw .malformed(message: first?.message ?? "no root element", line: first?.line ?? 0, column: first?.column ?? 0)
        }
        return MarkupDocument(
            pointer: document, kind: kind, diagnostics: collector.diagnostics, suppressed: collector.suppressed)
    }
}
