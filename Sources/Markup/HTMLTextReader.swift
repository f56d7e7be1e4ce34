internal import CLibXML2

/// Reads the plain text of many fragments in a row (a feed's titles, summaries and contents)
/// with one libxml2 parser context, reset between fragments rather than made anew.
///
/// Making and freeing a context (its dictionary, stacks and input buffers) for each fragment
/// cost more than reading a short summary. A reader is not shared between threads: make one
/// per task or per chunk of work. Its text is exactly ``HTMLText/plainText(_:)``'s.
public final class HTMLTextReader {
    /// The XML push parser's context, made on first use; nil until then.
    private var context: xmlParserCtxtPtr?
    /// Fragments read with the current context.
    private var uses = 0
    /// A context is made anew after this many fragments: its dictionary keeps every element
    /// name it has seen, and must not grow without bound over a long run.
    public static let usesPerContext = 1_000

    /// The text collector, reset for each fragment; made on first use.
    private var collector: HTMLTextGatherer?

    /// XML readings that failed one after another…
    private var failuresInARow = 0
    /// …and the fragments still to go straight to the HTML parser because of them.
    private var htmlOnly = 0
    /// After this many failures in a row the reader stops trying XML first…
    public static let failuresBeforeSkipping = 3
    /// …for this many fragments, then tries it once more.
    public static let fragmentsSkipped = 16

    public init() {}

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// Whether the next fragment is tried with the XML parser first.
    ///
    /// A publisher whose markup is not well-formed (`<br>`, an unclosed `<p>`) writes most of
    /// its items so, and the XML reading of each then fails, often only at its end: a wasted
    /// parse before the HTML parser's. After a few such failures in a row the reader goes
    /// straight to the HTML parser for a while; the text is the same either way.
    func triesXML() -> Bool {
        guard htmlOnly == 0 else {
            htmlOnly -= 1
            return false
        }
        return true
    }

    /// Notes how the XML reading of a fragment went.
    func record(wellFormed: Bool) {
        if wellFormed {
            failuresInARow = 0
        } else {
            failuresInARow += 1
            if failuresInARow >= Self.failuresBeforeSkipping { htmlOnly = Self.fragmentsSkipped }
        }
    }

    /// The text of `html`, or `nil` when nothing but white space remains.
    public func plainText(_ html: String) -> String? {
        var html = html
        // A native string's bytes are contiguous and read in place; a bridged one is copied.
        let hasMarkup = html.withUTF8 { $0.contains(where: { $0 == 0x3C || $0 == 0x26 }) }
        guard hasMarkup else { return HTMLText.collapseWhitespace(html) }
        _ = SecureParsing.installed
        return html.withUTF8 { HTMLTextGatherer.text(of: $0, reader: self) }
    }

    /// The reader's gatherer, ready for a new fragment.
    func gatherer(caseless: Bool) -> HTMLTextGatherer {
        let gatherer = collector ?? HTMLTextGatherer()
        collector = gatherer
        gatherer.reset(caseless: caseless)
        return gatherer
    }

    /// The push parser context, reset for a new fragment, with `options`. `handler` goes into
    /// a context when one is made; a reset keeps the context's own copy (the handlers never change).
    func resetContext(handler: inout xmlSAXHandler, options: Int32) -> xmlParserCtxtPtr? {
        if let current = context, uses < Self.usesPerContext {
            xmlCtxtResetPush(current, nil, 0, nil, nil)
        } else {
            if let current = context { xmlFreeParserCtxt(current) }
            context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil)
            uses = 0
        }
        guard let context else { return nil }
        uses += 1
        xmlCtxtUseOptions(context, options)
        return context
    }
}
