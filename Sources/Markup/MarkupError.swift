/// Why a document could not be read at all.
///
/// Problems that still leave something readable are not errors: they travel next to the result
/// as ``MarkupDiagnostic`` values, the way a browser or feedparser's "bozo" flag reports them.
public enum MarkupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input has no bytes (or only white space), so there is nothing to parse.
    case empty
    /// The input is larger than ``MarkupOptions/maxBytes``; raise the limit to read it.
    case tooLarge(bytes: Int, limit: Int)
    /// Entity references expand past the safety cap (a "billion laughs" document).
    case entityExpansion(line: Int, column: Int)
    /// Internal entities expand to more than `limit` bytes (quadratic blowup: a large entity
    /// referenced many times); see ``MarkupOptions/maxEntityExpansion``.
    case entityExpansionLimit(limit: Int, line: Int, column: Int)
    /// Elements nest deeper than the parser allows.
    case tooDeep(line: Int, column: Int)
    /// The parser gave up without producing a root element.
    case malformed(message: String, line: Int, column: Int)
    /// An XPath expression that does not compile, runs past the operation limit, or was asked
    /// of a tree that cannot be queried; `reason` says which.
    case xpath(expression: String, reason: String)

    public var description: String {
        switch self {
        case .empty:
            return "empty document"
        case let .tooLarge(bytes, limit):
            return "document of \(bytes) bytes exceeds the \(limit)-byte limit"
        case let .entityExpansion(line, column):
            return "entity expansion exceeds the safety limit (line \(line), column \(column))"
        case let .entityExpansionLimit(limit, line, column):
            return "entities expand to more than the \(limit)-byte limit (line \(line), column \(column))"
        case let .tooDeep(line, column):
            return "elements nest too deeply (line \(line), column \(column))"
        case let .malformed(message, line, column):
            return "\(message) (line \(line), column \(column))"
        case let .xpath(expression, reason):
            return "XPath \(expression): \(reason)"
        }
    }
}
