import Foundation
import Markup

/// Reads a page from bytes as HTML or, for `.txt` inputs, as a text dump.
public enum ArticleReader {
    /// - Parameter textDump: force (or forbid) text-dump reading; nil decides by a `.txt` name.
    /// - Parameter rules: site rules; the one for the page's host (`url`, else the page's own
    ///   canonical address) and `global.txt` are applied to HTML.
    public static func read(_ bytes: [UInt8], path: String, url: String? = nil, charset: String? = nil, textDump: Bool? = nil, rules: SiteRuleLibrary? = nil) throws(ExtractionError) -> Article {
        if textDump ?? path.lowercased().hasSuffix(".txt") {
            return try TextDumpExtractor.extract(String(decoding: bytes, as: UTF8.self), url: url)
        }
        let rule = rules.flatMap { rules in (url ?? canonicalAddress(of: bytes, charset: charset)).flatMap(rules.rule(forURL:)) }
        return try ArticleExtractor.extract(bytes, url: url, charset: charset, rule: rule)
    }

    /// The address a saved page gives for itself (`link rel=canonical`, `og:url`), which is
    /// how a page on disk finds its site's rule.
    static func canonicalAddress(of bytes: [UInt8], charset: String?) -> String? {
        guard let root = (try? MarkupDocument.parseHTML(bytes, options: MarkupOptions(encoding: charset)))?.root else { return nil }
        return MetadataReader(root: root).metaCanonical
    }
}
