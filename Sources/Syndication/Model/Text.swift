/// A text construct: a string and how to read it (RFC 4287 §3.1).
public struct Text: Sendable, Hashable, Codable {
    /// How the ``value`` is to be interpreted.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Plain text; `<` is a less-than sign.
        case text
        /// HTML markup as a string.
        case html
        /// Well-formed XHTML markup (serialised, without the wrapping `div`).
        case xhtml
    }

    public var value: String
    public var kind: Kind

    public init(_ value: String, kind: Kind = .text) {
        self.value = value
        self.kind = kind
    }

    /// Whether the value holds markup that must be stripped to get plain text.
    public var isMarkup: Bool {
        kind != .text
    }
}
