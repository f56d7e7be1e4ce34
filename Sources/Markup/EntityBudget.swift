internal import CLibXML2

/// Caps the text that internal entities expand to in one parse.
///
/// libxml2's own check catches "billion laughs" (entities nested ten deep) but not *quadratic
/// blowup*: one 100 KB entity referenced ten thousand times is a 130 KB document that expands
/// to a gigabyte. Every reference to a declared entity goes through the SAX `getEntity` hook;
/// the budget charges each one the entity's full expansion (its own text plus that of the
/// entities it references, computed once per entity) and stops the parser the moment the total
/// passes ``MarkupOptions/maxEntityExpansion`` or ``MarkupOptions/maxEntityAmplification``
/// times the input, so the work done is bounded by the cap, not by what the document asks for.
final class EntityBudget {
    /// The most expanded text this parse may produce.
    let limit: Int
    /// Expanded bytes charged so far.
    private(set) var charged = 0
    /// Where the cap was passed (line and column).
    private(set) var exceeded: (line: Int, column: Int)?
    /// The parse's own context: references met while libxml2 parses an entity's content in a
    /// context of its own are part of an expansion already charged.
    var parser: xmlParserCtxtPtr?
    private var sizes: [UnsafeMutableRawPointer: Int] = [:]

    init(inputBytes: Int, options: MarkupOptions) {
        let scaled = inputBytes.multipliedReportingOverflow(by: max(options.maxEntityAmplification, 0))
        limit = max(options.maxEntityExpansion, scaled.overflow ? Int.max : scaled.partialValue)
    }

    /// The entity `name` refers to in `context`, charged to the budget; nil (and the parser
    /// stopped) once the budget is spent.
    func entity(named name: UnsafePointer<xmlChar>, in context: xmlParserCtxtPtr) -> xmlEntityPtr? {
        guard stillOpen(context), let entity = xmlSAX2GetEntity(context, name) else { return nil }
        guard context == parser, entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY else { return entity }
        var visiting: Set<UnsafeMutableRawPointer> = []
        return charge(expansion(of: entity, in: context, visiting: &visiting), in: context) ? entity : nil
    }

    /// The parameter entity `name` refers to in the DTD of `context`, charged its text: a DTD
    /// can replay one large parameter entity thousands of times as well.
    func parameterEntity(named name: UnsafePointer<xmlChar>, in context: xmlParserCtxtPtr) -> xmlEntityPtr? {
        guard stillOpen(context), let entity = xmlSAX2GetParameterEntity(context, name) else { return nil }
        return charge(Int(entity.pointee.length), in: context) ? entity : nil
    }

    /// Whether the budget still has room; once spent, every further reference stops whichever
    /// context asks (libxml2 parses an entity's content in a context of its own).
    private func stillOpen(_ context: xmlParserCtxtPtr) -> Bool {
        guard exceeded == nil else {
            xmlStopParser(context)
            return false
        }
        return true
    }

    /// Charges `bytes`; past the limit, records where and stops the parser.
    private func charge(_ bytes: Int, in context: xmlParserCtxtPtr) -> Bool {
        charged = Self.adding(charged, bytes)
        guard charged > limit else { return true }
        let input = context.pointee.input
        exceeded = (Int(input?.pointee.line ?? 0), Int(input?.pointee.col ?? 0))
        xmlStopParser(context)
        return false
    }

    /// The bytes `entity` expands to, its references expanded (an upper bound: character
    /// references count as written). A reference cycle counts as unbounded; libxml2 reports it too.
    private func expansion(of entity: xmlEntityPtr, in context: xmlParserCtxtPtr, visiting: inout Set<UnsafeMutableRawPointer>) -> Int {
        let key = UnsafeMutableRawPointer(entity)
        if let known = sizes[key] { return known }
        guard visiting.insert(key).inserted, visiting.count <= Self.maximumNesting else { return Int.max }
        defer { visiting.remove(key) }
        let length = Int(entity.pointee.length)
        var total = length
        if let content = entity.pointee.content {
            var index = 0
            while index < length, total <= limit {
                guard content[index] == UInt8(ascii: "&"), index + 1 < length, content[index + 1] != UInt8(ascii: "#") else {
                    index += 1
                    continue
                }
                var end = index + 1
                while end < length, content[end] != UInt8(ascii: ";") { end += 1 }
                guard end < length else { break }
                let name = Array(UnsafeBufferPointer(start: content + index + 1, count: end - index - 1)) + [0]
                if let referenced = name.withUnsafeBufferPointer({ xmlSAX2GetEntity(context, $0.baseAddress) }),
                   referenced.pointee.etype == XML_INTERNAL_GENERAL_ENTITY {
                    total = Self.adding(total, expansion(of: referenced, in: context, visiting: &visiting))
                }
                index = end + 1
            }
        }
        sizes[key] = total
        return total
    }

    /// libxml2 refuses entities nested deeper than this; so does the estimate.
    static let maximumNesting = 40

    private static func adding(_ a: Int, _ b: Int) -> Int {
        let sum = a.addingReportingOverflow(b)
        return sum.overflow ? Int.max : sum.partialValue
    }
}
