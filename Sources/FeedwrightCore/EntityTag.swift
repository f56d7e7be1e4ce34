/// The strong ETag of a published document (RFC 9110, 8.8.3), from its bytes alone, so that
/// every node serving the same bytes sends the same tag.
public enum EntityTag {
    /// `"<FNV-1a 64 of the bytes, hex>"`.
    public static func strong(for bytes: some Sequence<UInt8>) -> String {
        "\"\(digest(of: bytes))\""
    }

    /// The bare digest (the gzip representation's tag adds `-gz`).
    public static func digest(of bytes: some Sequence<UInt8>) -> String {
        String(FNV1a64.hash(bytes), radix: 16)
    }
}
