internal import CLibXML2

/// Reads files that may be gzip-compressed (`.html.gz` pages, archived feeds).
///
/// libxml2's own input layer is built with zlib and decompresses transparently, so no second
/// compression library is needed for reading.
public enum CompressedFile {
    /// The file's bytes, decompressed when it is gzip data; nil when it cannot be read.
    public static func read(path: String, maxBytes: Int = MarkupOptions.defaultMaxBytes) -> [UInt8]? {
        _ = SecureParsing.installed
        guard let input = xmlParserInputBufferCreateFilename(path, XML_CHAR_ENCODING_NONE) else { return nil }
        defer { xmlFreeParserInputBuffer(input) }
        var result: [UInt8] = []
        while true {
            let grown = xmlParserInputBufferGrow(input, 1 << 16)
            if grown < 0 { return nil }
            if grown == 0 { break }
            if let buffer = input.pointee.buffer, let content = xmlBufContent(buffer) {
                let count = Int(xmlBufUse(buffer))
                result.append(contentsOf: UnsafeBufferPointer(start: content, count: count))
                xmlBufShrink(buffer, count)
            }
            if result.count > maxBytes { return nil }
        }
        return result
    }
}
