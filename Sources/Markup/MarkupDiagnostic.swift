/// A problem the parser recovered from, with where it happened.
public struct MarkupDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious the problem was; ``Severity/error`` means some content may have been lost.
    public enum Severity: String, Sendable, Hashable {
        case warning
        case error
    }

    public var severity: Severity
    /// The parser's message, trimmed of its trailing newline.
    public var message: String
    /// 1-based line, or 0 when the parser did not know it.
    public var line: Int
    /// 1-based column, or 0 when the parser did not know it.
    public var column: Int

    public init(severity: Severity, message: String, line: Int, column: Int) {
        self.severity = severity
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        line > 0 ? "\(severity.rawValue) at \(line):\(column): \(message)" : "\(severity.rawValue): \(message)"
    }
}
