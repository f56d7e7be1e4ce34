import Extraction
import Foundation
import Markup
import Testing

/// Feedwright's own article HTML is well-formed, so its plain text is read by libxml2's XML
/// parser (`HTMLText.plainText`): it must say exactly what the HTML parser's tree says.
@Suite("Plain text of extracted articles")
struct ArticleTextTests {
    @Test("the fast reading of every dev article's HTML equals the HTML tree walk's", arguments: ["scrapinghub", "readability-tests"])
    func parity(dataset name: String) throws {
        let dataset = name == "scrapinghub" ? try ExtractionDataset.scrapinghub() : try ExtractionDataset.plain(name)
        var compared = 0
        for page in dataset.pages {
            guard let article = try? ArticleExtractor.extract(page.bytes, url: page.url), !article.html.isEmpty else { continue }
            let tree = try MarkupDocument.parseHTML(Array(("<html><head><meta charset=\"utf-8\"></head><body>" + article.html + "</body></html>").utf8))
            let walked = tree.root.flatMap { HTMLText.plainText(of: $0) }
            #expect(HTMLText.plainText(article.html) == walked, "\(page.id)")
            compared += 1
        }
        #expect(compared >= dataset.pages.count - 5)
    }
}
