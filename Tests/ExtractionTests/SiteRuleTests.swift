import Extraction
import Foundation
import Testing

/// Each ftr-site-config directive on fixtures written for it (`Fixtures/site-rules`).
@Suite struct SiteRuleTests {
    let page: [UInt8]
    let library: SiteRuleLibrary

    init() throws {
        page = try Fixture.bytes("site-rules/page.html")
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        library = SiteRuleLibrary(directories: [base.appendingPathComponent("Fixtures/site-rules/rules")])
    }

    private func rule(_ host: String = "www.example.com") throws -> SiteRule {
        try #require(library.rule(for: host))
    }

    @Test func parsesEveryDirectiveAndKeepsTheRestAsNotes() throws {
        let rule = try rule()
        #expect(rule.body == ["//div[@id='missing']", "//div[@id='story']"])
        #expect(rule.title.first == "//h1[@class='headline']")
        #expect(rule.title.last == "//meta[@property=\"og:title\"]/@content", "global.txt's entries follow the site's")
        #expect(rule.replacements.map(\.find) == ["OLDWORD", "Gallery item one"])
        #expect(rule.httpHeaders == ["user-agent": "RuleBot/1.0"], "only the three headers the format allows")
        #expect(rule.nextPageLink == [.init(xpath: "//a[@class='next']", condition: "//div[@id='story']")])
        #expect(rule.singlePageLink == [.init(xpath: "//a[@class='print']/@href", condition: nil)])
        #expect(rule.prune == false && rule.skipJSONLD == true && rule.autodetectOnFailure == nil)
        #expect(rule.ignored == ["login_uri", "tidy"])
        #expect(rule.unknown.map(\.text).contains("unknown directive frobnicate"))
        #expect(rule.unknown.contains { $0.text.contains("x-forwarded-for") })
        #expect(rule.tests.first?.url == "https://example.com/story" && rule.tests.first?.contains == ["first paragraph"])
    }

    @Test func looksUpByHostAsFullTextRSSDoes() {
        #expect(SiteRuleLibrary.candidateNames(for: "WWW.News.Example.org") == ["news.example.org", ".news.example.org", ".example.org"], "never a whole top-level domain")
        #expect(library.siteFile(for: "example.com")?.lastPathComponent == "example.com.txt")
        #expect(library.siteFile(for: "news.example.org")?.lastPathComponent == ".example.org.txt")
        #expect(library.siteFile(for: "example.net") == nil)
        #expect(library.rule(for: "example.net")?.stripIDOrClass == ["promo-box"], "global.txt applies to every host")
    }

    @Test func laterDirectoriesWin() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data("body: //article\n".utf8).write(to: scratch.appendingPathComponent("example.com.txt"))
        let layered = SiteRuleLibrary(directories: library.directories + [scratch])
        #expect(layered.rule(for: "example.com")?.body == ["//article"])
    }

    @Test func appliesEditsTitleAuthorDateAndBody() throws {
        let article = try ArticleExtractor.extract(page, url: "https://www.example.com/story", rule: rule())
        #expect(article.title == "The rule headline")
        #expect(article.authors == ["By Ada Lovelace"])
        #expect(article.published == ISO8601DateFormatter().date(from: "2024-03-05T10:00:00Z"))
        // body: the second expression, the first matching nothing.
        #expect(article.text.hasPrefix("The first paragraph of the real story."))
        #expect(!article.text.contains("white paper"), "the promotion box is neither the body nor in it")
        #expect(!article.text.contains("Advertisement"), "strip_id_or_class")
        #expect(article.text.contains("with a mention."), "dissolve keeps the text in place")
        #expect(article.text.contains("NEWWORD stays replaced") && !article.text.contains("OLDWORD"), "find_string/replace_string")
        #expect(article.text.contains("Gallery item uno"), "replace_string(find)")
        #expect(!article.html.contains("doubleclick"), "strip_image_src")
        #expect(article.html.contains("https://example.com/photo.jpg"), "src_lazy_load_attr")
        #expect(!article.html.contains("small.jpg"), "strip_attr")
        #expect(article.html.contains("<blockquote>"), "wrap_in")
    }

    @Test func stripNeverRemovesTheBodyOrWhatHoldsIt() throws {
        var rule = SiteRule()
        rule.body = ["//div[@id='story']"]
        rule.stripIDOrClass = ["story", "o"]
        rule.strip = ["//body"]
        let article = try ArticleExtractor.extract(page, url: "https://example.com/story", rule: rule)
        #expect(article.text.contains("second paragraph of the real story"))
    }

    @Test func aBodyThatMatchesNothingLeavesTheChoiceToTheGenericExtractor() throws {
        var rule = SiteRule()
        rule.body = ["//div[@id='absent']"]
        rule.strip = ["//div[contains(@class, 'promo')]"]
        let article = try ArticleExtractor.extract(page, url: "https://example.com/story", rule: rule)
        #expect(article.text.contains("first paragraph of the real story"))
        #expect(!article.text.contains("white paper"), "the rule's strips still apply to the generic choice")
    }

    /// What rules exist to fix: the generic extractor takes a text-heavy promotion box whose
    /// class names say "article body" over the story held in a "sidebar" container. The rule's
    /// body disagrees with the generic choice and holds far more prose, so it wins.
    @Test func aRuleBodyWithFarMoreProseWinsOverAWrongGenericChoice() throws {
        let misleading = try Fixture.bytes("site-rules/misleading.html")
        let generic = try ArticleExtractor.extract(misleading, url: "https://courier.example/river")
        try #require(generic.text.contains("white paper"), "the fixture's premise: the generic extractor is misled")
        var rule = SiteRule()
        rule.body = ["//div[@id='story']"]
        let ruled = try ArticleExtractor.extract(misleading, url: "https://courier.example/river", rule: rule)
        #expect(ruled.text.contains("the great flood of 1927"))
        #expect(ruled.text.contains("open at the page of 1927"))
        #expect(!ruled.text.contains("white paper"))
        // A stale rule whose body is now a short line keeps the generic choice.
        rule.body = ["//footer"]
        let stale = try ArticleExtractor.extract(misleading, url: "https://courier.example/river", rule: rule)
        #expect(stale.text == generic.text)
    }

    /// A body expression broad enough to match a video box before the story (CNN's rule,
    /// `//section[contains(@class, 'body')]`) keeps the story and drops the box.
    @Test func matchesWithoutProseAtTheEdgesOfABodyAreDropped() throws {
        let misleading = try Fixture.bytes("site-rules/misleading.html")
        var rule = SiteRule()
        rule.body = ["//div[@class='media'] | //div[@id='story']"]
        let article = try ArticleExtractor.extract(misleading, url: "https://courier.example/river", rule: rule)
        #expect(article.text.contains("the great flood of 1927"))
        #expect(!article.text.contains("JUST WATCHED"))
        #expect(!article.text.contains("MUST WATCH"))
    }

    @Test func autodetectOnFailureNoGivesNothing() throws {
        let rule = try rule("news.example.org")
        #expect(throws: ExtractionError.self) {
            try ArticleExtractor.extract(page, url: "https://news.example.org/story", rule: rule)
        }
    }

    @Test func pruneRunsTheGenericCleaningInsideTheBody() throws {
        var rule = SiteRule()
        rule.body = ["//body"]
        rule.prune = true
        let pruned = try ArticleExtractor.extract(page, url: "https://example.com/story", rule: rule)
        rule.prune = false
        let whole = try ArticleExtractor.extract(page, url: "https://example.com/story", rule: rule)
        #expect(pruned.text.contains("first paragraph of the real story") && whole.text.contains("first paragraph of the real story"))
        #expect(whole.text.unicodeScalars.count >= pruned.text.unicodeScalars.count, "cleaning only ever drops runs")
    }

    @Test func aBrokenExpressionIsReportedNotFatal() throws {
        var rule = SiteRule()
        rule.body = ["//div[", "//div[@id='story']"]
        rule.strip = ["///"]
        let explanation = try ArticleExtractor.explain(page, url: "https://example.com/story", rule: rule)
        #expect(explanation.source == .siteRule)
        #expect(explanation.ruleProblems.filter { $0.contains("//div[") || $0.contains("///") }.count == 2)
    }

    @Test func everyFileOfTheSharedSnapshotReads() throws {
        let directory = Fixture.shared.appendingPathComponent("site-rules/ftr-site-config")
        let shared = SiteRuleLibrary(directories: [directory])
        #expect(shared.count > 1900)
        let nytimes = try #require(shared.rule(for: "www.nytimes.com"))
        #expect(nytimes.body.count >= 5 && nytimes.stripIDOrClass.count > 10)
    }
}
