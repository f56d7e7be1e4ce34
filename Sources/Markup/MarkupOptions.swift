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
    /// The bytes internal entities may expand to in one document, whatever its size: a feed
    /// that declares entities uses them for a few characters (`&nbsp;`, a brand name), never
    /// for megabytes. See ``maxEntityAmplification`` for the allowance that grows with the input.
    public var maxEntityExpansion: Int
    /// How many times its own size a document's entities may expand to, when that is more than
    /// ``maxEntityExpansion``. Past both, the parse stops with
    /// ``MarkupError/entityExpansionLimit(limit:line:column:)`` (quadratic blowup).
    public var maxEntityAmplification: Int

    public init(
        encoding: String? = nil,
        baseURL: String? = nil,
        maxBytes: Int = MarkupOptions.defaultMaxBytes,
        maxDiagnostics: Int = 50,
        maxEntityExpansion: Int = MarkupOptions.defaultMaxEntityExpansion,
        maxEntityAmplification: Int = MarkupOptions.defaultMaxEntityAmplification
    ) {
        self.encoding = encoding
        self.baseURL = baseURL
        self.maxBytes = maxBytes
        self.maxDiagnostics = maxDiagnostics
        self.maxEntityExpansion = maxEntityExpansion
        self.maxEntityAmplification = maxEntityAmplification
    }

    /// 256 MiB: far above any feed or page, below what would exhaust a small machine.
    public static let defaultMaxBytes = 256 << 20
    /// 1 MiB: more than any real feed's entities expand to, little enough to refuse in
    /// milliseconds.
    public static let defaultMaxEntityExpansion = 1 << 20
    /// Five times the input, libxml2's own amplification factor in its later releases.
    public static let defaultMaxEntityAmplification = 5
}
