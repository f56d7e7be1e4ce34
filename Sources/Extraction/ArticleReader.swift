import Foundation

/// Reads a page from bytes as HTML or, for `.txt` inputs, as a text dump.
public enum ArticleReader {
    /// - Parameter textDump: force (or forbid) text-dump reading; nil decides by a `.txt` name.
    /// - Parameter rules: site rules; the one for `url`'s host (and `global.txt`) is applied to HTML.
    public static func read(_ bytes: [UInt8], path: String, url: String? = nil, charset: String? = nil, textDump: Bool? = nil, rules: SiteRuleLibrary? = nil) throws(ExtractionError) -> Article {
        if textDump ?? path.lowercased().hasSuffix(".txt") {
            return try TextDumpExtractor.extract(String(decoding: bytes, as: UTF8.self), url: url)
        }
        let rule = url.flatMap { rules?.rule(forURL: $0) }
        return try ArticleExtractor.extract(bytes, url: url, charset: charset, rule: rule)
    }
}
