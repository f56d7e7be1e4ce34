internal import CLibXML2

/// The SAX side of ``HTMLText/plainText(_:)``: libxml2's HTML parser reports elements and text
/// and this collects the text, already collapsed, without a tree.
///
/// Feed contracts strip the markup of every kept entry's summary and content; building and
/// freeing a libxml2 tree for each made that cost more than parsing the feed. The rules are
/// the tree walk's (``HTMLText/plainText(of:)``): every element is a word break, the contents
/// of `script`, `style`, `applet` and `template` are dropped, and nothing deeper than
/// ``HTMLSerializer/maxDepth`` elements is read.
final class HTMLTextGatherer {
    /// The text so far, white space already collapsed to single spaces.
    private var bytes: [UInt8] = []
    /// Whether a space is owed before the next character (white space or an element was seen).
    private var pendingSpace = false
    /// What the owed space stands for: a line break of the source, and only ASCII white space
    /// (no element, no other white space); such a space may vanish (``SegmentBreak``).
    private var pendingLineBreak = false, pendingPlain = true
    /// How many elements are open.
    private var depth = 0
    /// The depth of the open dropped element (`script`, …), 0 when none is open.
    private var skippedDepth = 0
    /// Whether element names may come in any case (the XML parser keeps them as written).
    private var caseless = false
    /// Set by the XML reading when the input holds what only the HTML parser reads right.
    private var refused = false

    /// Ready for a new fragment. The byte buffer keeps its capacity, so that a reader's many
    /// fragments are gathered without allocating, unless one was very large.
    func reset(caseless: Bool) {
        if bytes.capacity > Self.keptCapacity { bytes = [] } else { bytes.removeAll(keepingCapacity: true) }
        pendingSpace = false
        pendingLineBreak = false
        pendingPlain = true
        depth = 0
        skippedDepth = 0
        self.caseless = caseless
        refused = false
    }

    /// The largest buffer kept from one fragment to the next.
    private static let keptCapacity = 1 << 20

    /// The text of `html`, or nil when nothing but white space remains or libxml2 refused it.
    ///
    /// Markup that is well-formed XML once wrapped in a root (what careful publishers and
    /// Feedwright's own sanitizer write) is read by libxml2's XML parser, three to four times
    /// faster than its HTML parser; HTML's named entities are resolved for it
    /// (``HTMLEntities``). At the first well-formedness error it gives up and the HTML parser
    /// reads the whole from the start, so the text is the HTML parser's either way.
    static func text(of html: UnsafeBufferPointer<UInt8>, reader: HTMLTextReader) -> String? {
        if reader.triesXML() {
            let text = wellFormedText(of: html, reader: reader)
            reader.record(wellFormed: text != nil)
            if let text { return text.isEmpty ? nil : text }
        }
        return htmlText(of: html, into: reader.gatherer(caseless: false))
    }

    /// The text by libxml2's XML parser; nil when `html` is not well-formed inside a root, or
    /// names an element whose HTML reading differs (a `script`, which HTML reads as raw text).
    static func wellFormedText(of html: UnsafeBufferPointer<UInt8>, reader: HTMLTextReader) -> String? {
        let gatherer = reader.gatherer(caseless: true)
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, localName, prefix, _, _, _, _, _, _ in
            guard let context, let localName else { return }
            Unmanaged<HTMLTextGatherer>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.started(localName, prefix: prefix) }
        }
        handler.endElementNs = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<HTMLTextGatherer>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.ended() }
        }
        handler.characters = { context, characters, length in
            guard let context, let characters else { return }
            Unmanaged<HTMLTextGatherer>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.append(characters, count: Int(length)) }
        }
        handler.cdataBlock = { context, _, _ in
            // HTML has no CDATA sections outside foreign content: leave such input to it.
            guard let context else { return }
            Unmanaged<HTMLTextGatherer>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.refused = true }
        }
        handler.ignorableWhitespace = handler.characters
        handler.getEntity = { _, name in name.flatMap(HTMLEntities.entity(named:)) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        let collector = DiagnosticCollector(limit: 0)
        let wellFormed: Bool = withExtendedLifetime(gatherer) {
            collector.capturing {
                guard let context = reader.resetContext(handler: &handler, options: options) else { return false }
                // The handlers are the same for every fragment; the gatherer is this one's.
                context.pointee.userData = Unmanaged.passUnretained(gatherer).toOpaque()
                defer { context.pointee.userData = nil }
                // Pushed in three pieces, the root around the fragment: the push parser copies
                // what it is given into its own buffer, so a wrapped copy would be a second one.
                guard push(Self.rootStart, to: context, last: false) == 0,
                      push(html, to: context, last: false) == 0,
                      push(Self.rootEnd, to: context, last: true) == 0 else { return false }
                return context.pointee.wellFormed != 0
            }
        }
        guard wellFormed, !gatherer.refused else { return nil }
        return gatherer.bytes.isEmpty ? "" : gatherer.bytes.withUnsafeBufferPointer { String(utf8Text: $0) }
    }

    /// The element every fragment is read inside, so that XML sees one root.
    private static let rootStart = StaticString("<r>")
    private static let rootEnd = StaticString("</r>")

    private static func push(_ bytes: StaticString, to context: xmlParserCtxtPtr, last: Bool) -> Int32 {
        push(UnsafeBufferPointer(start: bytes.utf8Start, count: bytes.utf8CodeUnitCount), to: context, last: last)
    }

    private static func push(_ bytes: UnsafeBufferPointer<UInt8>, to context: xmlParserCtxtPtr, last: Bool) -> Int32 {
        bytes.withMemoryRebound(to: CChar.self) { xmlParseChunk(context, $0.baseAddress, Int32($0.count), last ? 1 : 0) }
    }

    /// The text by libxml2's HTML parser, which reads anything.
    static func htmlText(of html: UnsafeBufferPointer<UInt8>, into gatherer: HTMLTextGatherer = HTMLTextGatherer()) -> String? {
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, _ in
            guard let context, let name else { return }
            Unmanaged<HTMLTextGatherer>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.started(name) }
        }
        handler.endElement = { context, _ in
            guard let context else { return }
            Unmanaged<HTMLTextGatherer>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.ended() }
        }
        handler.characters = { context, characters, length in
            guard let context, let characters else { return }
            Unmanaged<HTMLTextGatherer>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.append(characters, count: Int(length)) }
        }
        handler.cdataBlock = handler.characters
        handler.ignorableWhitespace = handler.characters
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NOIMPLIED.rawValue
        )
        let collector = DiagnosticCollector(limit: 0)
        // The gatherer is alive for the whole parse (this frame holds it), so the handlers
        // borrow it unretained.
        let parsed: Bool = withExtendedLifetime(gatherer) {
            collector.capturing {
                html.withMemoryRebound(to: CChar.self) { chars in
                    // The pull parser, as `htmlReadMemory` uses: libxml2's push parser
                    // reads some markup differently (text after an `svg` was lost).
                    guard let context = htmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count)) else { return false }
                    defer { htmlFreeParserCtxt(context) }
                    context.pointee.sax.pointee = handler
                    context.pointee.userData = Unmanaged.passUnretained(gatherer).toOpaque()
                    htmlCtxtUseOptions(context, options)
                    // Named, so that a `<meta charset>` inside the fragment cannot switch it.
                    if let utf8 = xmlFindCharEncodingHandler("UTF-8") { _ = xmlSwitchToEncoding(context, utf8) }
                    _ = htmlParseDocument(context)
                    return true
                }
            }
        }
        guard parsed, !gatherer.bytes.isEmpty else { return nil }
        return gatherer.bytes.withUnsafeBufferPointer { String(utf8Text: $0) }
    }

    private func started(_ name: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>? = nil) {
        if caseless, prefix == nil, HTMLTextGatherer.isRawText(name) {
            // HTML reads a script's or style's contents as raw text, XML as markup; which
            // elements were there would differ, so the HTML parser decides.
            refused = true
        }
        depth += 1
        guard skippedDepth == 0, depth <= HTMLSerializer.maxDepth else { return }
        if HTMLTextGatherer.isDropped(name) {
            skippedDepth = depth
        } else {
            pendingSpace = !bytes.isEmpty
            pendingPlain = false
        }
    }

    private func ended() {
        if skippedDepth == depth {
            skippedDepth = 0
        } else if skippedDepth == 0 && depth <= HTMLSerializer.maxDepth {
            pendingSpace = !bytes.isEmpty
            pendingPlain = false
        }
        depth = max(0, depth - 1)
    }

    private func append(_ characters: UnsafePointer<xmlChar>, count: Int) {
        guard skippedDepth == 0, depth <= HTMLSerializer.maxDepth else { return }
        let text = UnsafeBufferPointer(start: characters, count: count)
        // Locals, not properties, inside the loop: each property access of a class is an
        // exclusivity check, which cost more than the copying.
        var out = bytes
        bytes = []
        var pending = pendingSpace, lineBreak = pendingLineBreak, plain = pendingPlain
        var index = 0
        while index < count {
            let space = HTMLText.whitespaceLength(text, at: index)
            if space > 0 {
                if !out.isEmpty {
                    let byte = text[index]
                    if byte == 0x0A || byte == 0x0D { lineBreak = true } else if space > 1 { plain = false }
                    pending = true
                }
                index += space
                continue
            }
            let end = HTMLText.textRunEnd(text, from: index)
            if pending {
                if !SegmentBreak.vanishes(sawLineBreak: lineBreak, plain: plain, before: out, after: text, next: index) {
                    out.append(0x20)
                }
                pending = false
            }
            lineBreak = false
            plain = true
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<end]))
            index = end
        }
        bytes = out
        pendingSpace = pending
        pendingLineBreak = lineBreak
        pendingPlain = plain
    }

    /// Whether `name` is an element the HTML parser reads as raw text or treats specially
    /// (any case).
    private static func isRawText(_ name: UnsafePointer<xmlChar>) -> Bool {
        // Static C strings, compared only for names of a length and initial one of them has:
        // this runs for every element.
        let first = name.pointee | 0x20
        guard rawTextInitials.contains(first) else { return false }
        let length = Int(xmlStrlen(name))
        return rawTextElements.contains { $0.utf8CodeUnitCount == length && xmlStrcasecmp(name, $0.utf8Start) == 0 }
    }

    private static let rawTextElements: [StaticString] = [
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext", "template",
        "applet", "html", "head", "body", "frameset",
    ]
    private static let rawTextInitials: Set<UInt8> = Set(rawTextElements.map { $0.utf8Start.pointee })

    /// Whether `name` (lower case, as libxml2's HTML parser reports it) is an element whose
    /// contents are not text.
    private static func isDropped(_ name: UnsafePointer<xmlChar>) -> Bool {
        switch name.pointee {
        case UInt8(ascii: "s"): return xmlStrEqual(name, "script") != 0 || xmlStrEqual(name, "style") != 0
        case UInt8(ascii: "a"): return xmlStrEqual(name, "applet") != 0
        case UInt8(ascii: "t"): return xmlStrEqual(name, "template") != 0
        default: return false
        }
    }
}
