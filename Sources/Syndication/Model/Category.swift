/// A category or tag.
public struct Category: Sendable, Hashable, Codable {
    public var term: String
    /// The vocabulary the term belongs to (Atom `scheme`, RSS `domain`).
    public var scheme: String?
    /// A human label, where it differs from the term.
    public var label: String?

    public init(term: String, scheme: String? = nil, label: String? = nil) {
        self.term = term
        self.scheme = scheme
        self.label = label
    }
}
