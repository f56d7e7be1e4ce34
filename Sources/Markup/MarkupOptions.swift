/// How to read a document: its context (encoding hint, base URL) and the safety limits.
///
/// The limits are on by default so that untrusted input can be parsed as-is: no network, no
/// external entities or DTDs, libxml2's own caps on entity amplification and element depth, and
/// a cap on input size.
public struct MarkupOptions: Sendable, Hashable {
    /// The charset the transport announced (an HTTP `Content-Type` charset), if any. A byte
    /// order mark still wins over it, as RFC 7303 asks.
    public var encoding: String?
    /// The document's own URL, against which `xml:base` and relative references resolve.
    public var baseURL: String?
    /// Inputs larger than this are refused with ``MarkupError/tooLarge(bytes:limit:)``.
    public var maxBytes: Int
    /// How many recovered problems to keep; the rest are counted, not stored.
    public var maxDiagnostics: Int

    public init(
        encoding: String? = nil,
        baseURL: String? = nil,
        maxBytes: Int = 256 << 20,
        maxDiagnostics: Int = 50
    ) {
        self.encoding = encoding
        self.baseURL = baseURL
        self.maxBytes = maxBytes
        self.maxDiagnostics = maxDiagnostics
    }
}
