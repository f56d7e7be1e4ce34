import Foundation
@testable import RobotsTxt
import Testing
@testable import Fetching

@Suite struct RobotsRulesTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func ownGroupReplacesTheStarGroup() throws {
        let rules = RobotsRules(parsing: try Self.fixture("news-site-robots.txt"), userAgent: "feedwright")
        // The Feedwright group applies, so the `*` group's /search rule does not.
        #expect(rules.allows("/search?q=harbour"))
        #expect(!rules.allows("/premium/analysis-2026"))
        #expect(rules.allows("/premium/free-preview"))
        #expect(!rules.allows("/reports/annual.pdf"))
        #expect(rules.allows("/reports/annual.pdf.html"))
        #expect(rules.allows("/2026/11/28/bridge-reopens"))
    }

    @Test func starGroupForOtherCrawlers() throws {
        let text = try Self.fixture("news-site-robots.txt")
        let other = RobotsRules(parsing: text, userAgent: "somereader")
        #expect(!other.allows("/search?q=x"))
        #expect(!other.allows("/account/settings"))
        #expect(other.allows("/account/public-profile"))
        #expect(!other.allows("/account/public-profile/edit"))
        #expect(!other.allows("/story?share=twitter"))
        #expect(other.allows("/story?page=2"))
        let bad = RobotsRules(parsing: text, userAgent: "badbot")
        #expect(!bad.allows("/2026/11/28/bridge-reopens"))
        #expect(bad.allows("/robots.txt"))
    }

    @Test func longestMatchWinsAndAllowWinsTies() throws {
        let rules = RobotsRules(parsing: try Self.fixture("star-only-robots.txt"), userAgent: "feedwright")
        #expect(!rules.allows("/private/notes"))
        #expect(rules.allows("/private/press/2026-launch"))
        #expect(!rules.allows("/story/print"))
        #expect(rules.allows("/story/print/other"))
        let tie = RobotsRules(parsing: "User-agent: *\nDisallow: /page\nAllow: /page\n", userAgent: "feedwright")
        #expect(tie.allows("/page"))
    }

    @Test func emptyAndUnreadableFilesAllowEverything() {
        #expect(RobotsRules(parsing: "", userAgent: "feedwright").allows("/anything"))
        #expect(RobotsRules(parsing: "<html>not a robots file</html>\n\u{0}\u{1}", userAgent: "feedwright").allows("/x"))
        #expect(RobotsRules(parsing: "User-agent: *\nDisallow:\n", userAgent: "feedwright").allows("/x"))
    }

    @Test func wildcardMatching() {
        #expect(RobotsRules.matches("/*.php$", "/index.php"))
        #expect(!RobotsRules.matches("/*.php$", "/index.php?x=1"))
        #expect(RobotsRules.matches("/fish*", "/fish.html"))
        #expect(RobotsRules.matches("/fish", "/fishheads/yummy.html"))
        #expect(!RobotsRules.matches("/fish", "/Fish.asp"))
        #expect(RobotsRules.matches("/*/a/*/b$", "/x/a/y/z/b"))
        #expect(!RobotsRules.matches("/*/a/*/b$", "/x/a/y/z/b/c"))
        #expect(RobotsRules.matches("*", "/"))
    }
}
