import Extraction
import Testing

/// Expects none of `phrases` in the article's text or in its HTML: what was dropped is gone
/// from both, not only from the text a test reads first.
func expectAbsent(_ phrases: [String], from article: Article, sourceLocation: SourceLocation = #_sourceLocation) {
    for phrase in phrases {
        #expect(!article.text.contains(phrase), "kept: \(phrase)", sourceLocation: sourceLocation)
        #expect(!article.html.contains(phrase), "kept in the HTML: \(phrase)", sourceLocation: sourceLocation)
    }
}
