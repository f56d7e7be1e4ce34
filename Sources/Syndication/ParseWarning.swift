/// A problem met while reading a feed that did not stop it from being read (feedparser's
/// "bozo"): recovered markup errors, repaired encodings, dates that could not be understood.
public struct ParseWarning: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// 1-based line, or 0 when unknown.
    public var line: Int
    /// 1-based column, or 0 when unknown.
    public var column: Int

    public init(_ message: String, line: Int = 0, column: Int = 0) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        line > 0 ? "line \(line), column \(column): \(message)" : message
    }
}
