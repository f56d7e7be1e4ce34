@testable import Extraction
import Testing

/// The publisher's JSON-LD `articleBody`, the link of the fallback chain after the page's own
/// containers: how it is read, and when it wins.
@Suite("JSON-LD articleBody")
struct ArticleBodyTests {
    @Test("a page that a script fills in: the body comes from articleBody, its HTML escaped twice read as paragraphs, no tag left as text")
    func escapedTwice() throws {
        let page = try Fixture.bytes("script-rendered-story.html")
        #expect(try ArticleExtractor.explain(page).source == .articleBody)
        let article = try ArticleExtractor.extract(page)
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 4, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("After eleven years without them, sleeper trains") == true)
        #expect(paragraphs.last?.hasSuffix("rather than four times a week.") == true)
        for markup in ["<p>", "</p>", "&lt;", "<img", "figcaption", "sleeper.jpg"] {
            #expect(!article.text.contains(markup), "left as text: \(markup)")
        }
        #expect(!article.html.contains("&lt;p"), "\(article.html)")
    }

    static let council = [
        "The council met on Monday evening to discuss the new bridge over the river.",
        "Its members agreed to ask the state for half of the money, which the state has promised before the end of the year, so that the work " +
            "can start in the spring and be done before the next winter.",
    ]

    @Test(
        "articleBody written as lines of text, as HTML, or as HTML escaped once more reads as the same paragraphs",
        arguments: [
            council.joined(separator: "\n"),
            council.map { "<p>\($0)</p>" }.joined(),
            council.map { "&lt;p&gt;\($0)&lt;/p&gt;" }.joined(),
        ]
    )
    func writtenAnyWay(body: String) {
        #expect(BodyFilter.cleanArticleBody(body)?.components(separatedBy: "\n\n") == Self.council)
        #expect(BodyFilter.cleanArticleBody(String(body.prefix(90))) == nil, "shorter than a body: a summary")
    }

    @Test("whether articleBody beats the page's text is judged in words, so a Chinese body weighs what it says")
    func judgedInWords() {
        let sentence = "城市队在主场与海港队鏖战至加时，最终以一百零八比一百零四取胜，结束了三连败。"
        let body = Array(repeating: sentence, count: 6).joined(separator: "\n\n")
        // The page's walk found only a credit line of addresses, longer than the body in
        // characters, a quarter of it in words.
        let caption = "Photo: " + (1...4).map { "https://example.cn/wp-content/uploads/2019/11/26e39cee-b5eb-46cd-787c-3b3985e0d89\($0).01200.jpeg" }
            .joined(separator: " ")
        #expect(caption.count > body.count, "\(caption.count) against \(body.count)")
        #expect(BodyFilter.prefers(body, over: caption))
        // And the page's own text, when it says what the body says, stays.
        #expect(!BodyFilter.prefers(body, over: body))
    }
}
