internal import CLibXML2
import Synchronization

/// What an XPath 1.0 expression evaluated to.
public enum XPathValue {
    /// A node-set in document order: elements, text, and attributes (see ``MarkupNode/isAttribute``).
    case nodes([MarkupNode])
    /// A string result (`string(…)`, `concat(…)`, `normalize-space(…)`).
    case string(String)
    /// A number result (`count(…)`).
    case number(Double)
    /// A boolean result (`contains(…)`, comparisons).
    case boolean(Bool)

    /// The matched nodes; empty for a result that is not a node-set.
    public var nodes: [MarkupNode] {
        if case .nodes(let nodes) = self { return nodes }
        return []
    }

    /// Whether the result selects something: a non-empty node-set, a non-empty string, a
    /// non-zero number, or true, as XPath's `boolean()` reads it.
    public var isTruthy: Bool {
        switch self {
        case .nodes(let nodes): return !nodes.isEmpty
        case .string(let text): return !text.isEmpty
        case .number(let number): return number != 0 && !number.isNaN
        case .boolean(let value): return value
        }
    }

    /// The first string the result gives: the text of the first node (an attribute's value for
    /// an attribute), or the string, number or boolean itself.
    public var firstString: String? {
        switch self {
        case .nodes(let nodes): return nodes.first?.textContent
        case .string(let text): return text
        case .number(let number): return number.isNaN ? nil : (number == number.rounded() ? String(Int(number)) : String(number))
        case .boolean(let value): return String(value)
        }
    }
}

extension MarkupDocument {
    /// Libxml2 operations one evaluation may take before it is stopped: enough for any rule a
    /// person writes over a large page, and a bound on an expression built to be slow
    /// (`//*[count(//*) > 0]` over every node of every node).
    public static let xpathOperationLimit: UInt = 50_000_000

    /// Evaluates an XPath 1.0 expression against the tree, from `context` (the root when nil).
    ///
    /// Compiled expressions are kept in a process-wide cache, so that a rule applied to many
    /// pages is compiled once.
    /// - Throws: ``MarkupError/xpath(expression:reason:)`` for an expression libxml2 cannot
    ///   compile, one that exceeds ``xpathOperationLimit``, or a tree from a streaming reader.
    public func evaluate(_ expression: String, from context: MarkupNode? = nil) throws(MarkupError) -> XPathValue {
        let start: xmlNodePtr?
        if let context {
            guard let pointer = context.treePointer else { throw .xpath(expression: expression, reason: "the context node is not in a parsed tree") }
            start = pointer
        } else {
            start = xmlDocGetRootElement(pointer)
        }
        guard let compiled = XPathCache.shared.take(expression) else {
            throw .xpath(expression: expression, reason: "not a valid XPath 1.0 expression")
        }
        defer { XPathCache.shared.giveBack(compiled) }
        guard let context = xmlXPathNewContext(pointer) else { throw .xpath(expression: expression, reason: "out of memory") }
        defer { xmlXPathFreeContext(context) }
        context.pointee.node = start
        context.pointee.opLimit = MarkupDocument.xpathOperationLimit
        // libxml2 reports evaluation errors through the generic handler as well as the
        // result; the result is what counts, so the report is dropped.
        xmlXPathSetErrorHandler(context)
        guard let result = xmlXPathCompiledEval(compiled.pointer, context) else {
            let reason = context.pointee.lastError.code == Int32(XPATH_OP_LIMIT_EXCEEDED.rawValue) + Int32(XML_XPATH_EXPRESSION_OK.rawValue)
                ? "exceeds the operation limit" : "could not be evaluated"
            throw .xpath(expression: expression, reason: reason)
        }
        defer { xmlXPathFreeObject(result) }
        return value(of: result)
    }

    /// The nodes an expression selects; an empty list for a non-node-set result.
    public func select(_ expression: String, from context: MarkupNode? = nil) throws(MarkupError) -> [MarkupNode] {
        try evaluate(expression, from: context).nodes
    }

    private func value(of result: xmlXPathObjectPtr) -> XPathValue {
        switch result.pointee.type {
        case XPATH_NODESET:
            guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else { return .nodes([]) }
            var nodes: [MarkupNode] = []
            nodes.reserveCapacity(Int(set.pointee.nodeNr))
            for index in 0..<Int(set.pointee.nodeNr) {
                // Namespace nodes in a node-set are copies libxml2 owns; they are skipped.
                guard let node = table[index], node.pointee.type != XML_NAMESPACE_DECL else { continue }
                nodes.append(MarkupNode(document: self, pointer: node))
            }
            return .nodes(nodes)
        case XPATH_STRING:
            return .string(result.pointee.stringval.map { String(xmlText: $0) } ?? "")
        case XPATH_NUMBER:
            return .number(result.pointee.floatval)
        case XPATH_BOOLEAN:
            return .boolean(result.pointee.boolval != 0)
        default:
            return .nodes([])
        }
    }
}

/// Sets a no-op structured error handler on an XPath context, so that a bad rule's error does
/// not reach standard error once per page.
func xmlXPathSetErrorHandler(_ context: xmlXPathContextPtr) {
    context.pointee.error = { _, _ in }
}

/// Compiled XPath expressions by source text, checked out for exclusive use.
///
/// libxml2 does not promise that evaluating one compiled expression on two threads at once is
/// safe, so an expression is taken out of the cache while it is evaluated and put back after;
/// a second thread asking for it meanwhile compiles its own copy, which joins the cache.
final class XPathCache: Sendable {
    /// A compiled expression, owned by whoever holds it.
    ///
    /// `@unchecked Sendable` is safe: a `Compiled` is only ever reachable from one place at a
    /// time, the holder who took it or the cache's mutex-guarded table, so libxml2's
    /// structure is never touched by two threads at once.
    struct Compiled: @unchecked Sendable {
        let source: String
        let pointer: xmlXPathCompExprPtr
    }

    static let shared = XPathCache(capacity: 4096)

    private let capacity: Int
    private let idle = Mutex<[String: [Compiled]]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// An idle compiled copy of `source`, or a fresh one; nil when it does not compile.
    func take(_ source: String) -> Compiled? {
        let cached = idle.withLock { table -> Compiled? in
            guard var copies = table[source], let last = copies.popLast() else { return nil }
            table[source] = copies.isEmpty ? nil : copies
            return last
        }
        if let cached { return cached }
        // Compiled under a context whose error handler is silenced: `xmlXPathCompile` alone
        // prints a bad rule's syntax error to standard error on every page.
        guard let context = xmlXPathNewContext(nil) else { return nil }
        defer { xmlXPathFreeContext(context) }
        xmlXPathSetErrorHandler(context)
        let compiled = source.withCString { text in
            text.withMemoryRebound(to: xmlChar.self, capacity: source.utf8.count + 1) { xmlXPathCtxtCompile(context, $0) }
        }
        return compiled.map { Compiled(source: source, pointer: $0) }
    }

    /// Returns a copy after use; it is freed when the cache is full.
    func giveBack(_ compiled: Compiled) {
        let kept = idle.withLock { table -> Bool in
            guard table.count < capacity || table[compiled.source] != nil else { return false }
            guard (table[compiled.source]?.count ?? 0) < 8 else { return false }
            table[compiled.source, default: []].append(compiled)
            return true
        }
        if !kept { xmlXPathFreeCompExpr(compiled.pointer) }
    }
}
