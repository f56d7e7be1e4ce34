import Foundation
import Markup

/// Reads a page from bytes as HTML or, for `.txt` inputs and text without markup, as a text dump.
public enum ArticleReader {
    /// - Parameter textDump: force (or forbid) text-dump reading; nil decides by a `.txt` name,
    ///   then by the bytes (``isPlainText(_:)``).
    /// - Parameter rules: site rules; the one for the page's host (`url`, else the page's own
    ///   canonical address) and `global.txt` are applied to HTML.
    public static func read(_ bytes: [UInt8], path: String, url: String? = nil, charset: String? = nil, textDump: Bool? = nil, rules: SiteRuleLibrary? = nil) throws(ExtractionError) -> Article {
        if textDump ?? (path.lowercased().hasSuffix(".txt") || isPlainText(bytes)) {
            return try TextDumpExtractor.extract(String(decoding: bytes, as: UTF8.self), url: url)
        }
        let rule = rules.flatMap { rules in (url ?? canonicalAddress(of: bytes, charset: charset)).flatMap(rules.rule(forURL:)) }
        return try ArticleExtractor.extract(bytes, url: url, charset: charset, rule: rule)
    }

    /// Whether bytes saved under any name (`page.html`, standard input) are a text dump, not
    /// HTML: their first character, white space and a byte-order mark aside, is not `<`, and
    /// no document tag (`<!doctype`, `<html`, `<head`, `<body`, `<meta`, `<title`) follows in
    /// the first ``documentStartWindow`` bytes. Every HTML document opens with a tag, a doctype
    /// or a comment (the leading bytes a browser sniffs HTML by), or shortly after a line a
    /// server printed before it (a PHP warning); a page copied as text opens with its first
    /// line of words. UTF-16 is left to the HTML reader, which decodes it.
    public static func isPlainText(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return false }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] != UInt8(ascii: "<") else { return false }
        let window = bytes[index..<min(bytes.count, index + documentStartWindow)]
        var at = window.startIndex
        while let open = window[at...].firstIndex(of: UInt8(ascii: "<")) {
            let rest = window[(open + 1)...].prefix(8).map { $0 | 0x20 }
            if documentTags.contains(where: { rest.starts(with: $0) }) { return false }
            at = open + 1
        }
        return true
    }

    /// Bytes after the first character searched for a document tag.
    static let documentStartWindow = 1024
    /// The starts of the tags that open an HTML document, lower-cased, after their `<`.
    static let documentTags: [[UInt8]] = ["!doctype", "html", "head", "body", "meta", "title"].map { Array($0.utf8) }

    /// The address a saved page gives for itself (`link rel=canonical`, `og:url`), which is
    /// how a page on disk finds its site's rule.
    static func canonicalAddress(of bytes: [UInt8], charset: String?) -> String? {
        guard let root = (try? MarkupDocument.parseHTML(bytes, options: MarkupOptions(encoding: charset)))?.root else { return nil }
        return MetadataReader(root: root).metaCanonical
    }
}
