import CLibXML2

/// libxml2 reading a document with SAX handlers that do nothing: no tree, no strings, no
/// model. No parser built on libxml2 can be faster, so this column tells how much of a gap to
/// a peer that does not use libxml2 is Feedwright's own and how much is the library's.
enum LibXML2Floor {
    /// Feedwright's parser options (`MarkupDocument.xmlParseOptions`), so that the floor does
    /// the same work: recover, substitute entities, no network, no error output, UTF-8 as is.
    private static let options = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NOENT.rawValue | XML_PARSE_NONET.rawValue
            | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_COMPACT.rawValue | XML_PARSE_IGNORE_ENC.rawValue
    )

    /// Parses `input` the way Feedwright feeds libxml2 (all of it buffered, then one final
    /// chunk) with empty element and character handlers.
    static func parse(_ input: [UInt8]) {
        var handler = xmlSAXHandler()
        xmlSAXVersion(&handler, 2)
        handler.startElementNs = { _, _, _, _, _, _, _, _, _ in }
        handler.endElementNs = { _, _, _, _ in }
        handler.characters = { _, _, _ in }
        handler.ignorableWhitespace = handler.characters
        handler.cdataBlock = { _, _, _ in }
        handler.comment = nil
        handler.processingInstruction = nil
        guard let context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil) else { return }
        defer {
            if let document = context.pointee.myDoc { xmlFreeDoc(document) }
            xmlFreeParserCtxt(context)
        }
        let status = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlCtxtResetPush(context, $0.baseAddress, Int32($0.count), nil, nil) }
        }
        guard status == 0 else { return }
        xmlCtxtUseOptions(context, options)
        _ = xmlParseChunk(context, nil, 0, 1)
    }
}
