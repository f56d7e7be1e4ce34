internal import CLibXML2

/// RFC 3986 reference resolution, by libxml2's URI code.
public enum URLResolver {
    /// `reference` resolved against `base`; the reference itself when either is unusable.
    public static func resolve(_ reference: String, against base: String) -> String {
        let trimmed = reference.trimmingASCIIWhitespace()
        guard !base.isEmpty else { return trimmed }
        return build(trimmed, against: base) ?? trimmed
    }

    /// libxml2's `xmlBuildURI` as it is: nil when the two cannot be combined.
    static func build(_ reference: String, against base: String) -> String? {
        guard let raw = reference.withXMLString({ reference in base.withXMLString { xmlBuildURI(reference, $0) } }) else { return nil }
        defer { feedwright_xml_free(raw) }
        return String(cString: raw)
    }
}

extension String {
    /// The string without leading or trailing ASCII white space.
    func trimmingASCIIWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !isASCIIWhitespace($0) }),
              let last = utf8.lastIndex(where: { !isASCIIWhitespace($0) }) else { return "" }
        return String(self[first...last])
    }
}

@inline(__always)
func isASCIIWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C
}
