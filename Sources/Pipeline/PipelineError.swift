/// What went wrong in the polling loop or a conversion.
public enum PipelineError: Error, Sendable, CustomStringConvertible {
    /// `subscriptions.opml` is missing or cannot be read; the reason names the line and column.
    case badSubscriptions(String)
    /// A page or directory named for conversion does not exist.
    case missingInput(String)

    public var description: String {
        switch self {
        case let .badSubscriptions(reason): return "subscriptions: \(reason)"
        case let .missingInput(path): return "\(path): no such file or directory"
        }
    }
}
