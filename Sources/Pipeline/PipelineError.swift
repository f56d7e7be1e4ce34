/// What went wrong in the polling loop.
public enum PipelineError: Error, Sendable, CustomStringConvertible {
    /// `subscriptions.opml` is missing or cannot be read; the reason names the line and column.
    case badSubscriptions(String)

    public var description: String {
        switch self {
        case let .badSubscriptions(reason): return "subscriptions: \(reason)"
        }
    }
}
