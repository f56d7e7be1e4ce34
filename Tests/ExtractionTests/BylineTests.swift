@testable import Extraction
import Foundation
import Testing

/// Who wrote a story and when, as a page prints it by the headline.
@Suite("Printed bylines")
struct BylineTests {
    static func day(_ iso: String) -> Date? { ISO8601DateFormatter().date(from: iso + "T00:00:00Z") }

    @Test("a byline's name and date, in the forms pages of an earlier decade print them", arguments: [
        ("Posted March 14, 2009 by Alan Moore", "Alan Moore", "2009-03-14"), ("By Jane Doe | 13.11.2019", "Jane Doe", "2019-11-13"),
        ("Von Hans Müller, 3. Mai 2012", "Hans Müller", "2012-05-03"), ("Par Jean-Pierre Dupont, publié le 3 mai 2012", "Jean-Pierre Dupont", "2012-05-03"),
        ("Published on 2019-11-20 by Ludwig van Beethoven", "Ludwig van Beethoven", "2019-11-20"),
        ("Posted on Sunday, September 16, 2012 by Helen Price | 3 comments", "Helen Price", "2012-09-16"),
    ])
    func reads(line: String, author: String, iso: String) {
        let byline = Byline(runs: [line])
        #expect(byline.author == author, "\(line)")
        #expect(byline.published == Self.day(iso), "\(line)")
    }

    @Test("a 'by' inside a sentence names no author, a name in lower case is no name, and a lone number is no year", arguments: [
        ("Man bitten by Dog Owner on March 3, 2010", nil, "2010-03-03"), ("Posted by admin on March 3, 2010", nil, "2010-03-03"),
        ("来源: | 发布时间: 2018-05-17 | 浏览次数: 2168", nil, "2018-05-17"), ("Views: 2168 | Comments: 12", nil, nil),
        ("Photo by Jane Doe, March 3, 2010", nil, nil),
    ] as [(String, String?, String?)])
    func refuses(line: String, author: String?, iso: String?) {
        let byline = Byline(runs: [line])
        #expect(byline.author == author, "\(line)")
        #expect(byline.published == iso.flatMap(Self.day), "\(line)")
    }

    @Test("a page without marks gets the author and the date its byline prints under the headline; a page's marks win over it")
    func pageByline() throws {
        let story = "<p>The ferry to the island will run twice a day from June, the harbour office said on Monday, after a winter of repairs.</p>" +
            "<p>Tickets can be bought on board, and bicycles travel free on the early crossing, as they did before the repairs began.</p>"
        let page = "<html><head><title>Ferry back in June</title></head><body><div id=main><h2>Ferry back in June</h2>" +
            "<div class=meta>Posted on 14 March 2009 by <a href=/u/alan>Alan Moore</a></div>" + story + "</div></body></html>"
        let article = try ArticleExtractor.extract(Array(page.utf8))
        #expect(article.authors == ["Alan Moore"])
        #expect(article.published == Self.day("2009-03-14"))
        let marked = page.replacingOccurrences(of: "<title>", with: "<meta name=author content=\"Harbour Office\"><meta name=date content=\"2009-03-15\"><title>")
        let markedArticle = try ArticleExtractor.extract(Array(marked.utf8))
        #expect(markedArticle.authors == ["Harbour Office"])
        #expect(markedArticle.published == Self.day("2009-03-15"))
    }

    @Test("a link marked rel=author names the author, wherever the byline stands; a prompt to the author's page does not")
    func linkedAuthor() throws {
        let story = "<p>The ferry to the island will run twice a day from June, the harbour office said on Monday, after a winter of repairs.</p>" +
            "<p>Tickets can be bought on board, and bicycles travel free on the early crossing, as they did before the repairs began.</p>"
        func page(_ link: String) -> [UInt8] {
            Array(("<html><head><title>Ferry back in June</title></head><body><div id=main><h2>Ferry back in June</h2>" + story +
                "<p class=footer>" + link + "</p></div></body></html>").utf8)
        }
        #expect(try ArticleExtractor.extract(page("<a rel=\"author\" href=\"/u/alan\">Alan Moore</a>")).authors == ["Alan Moore"])
        #expect(try ArticleExtractor.extract(page("<a rel=\"author\" href=\"/u/alan\">View all posts by Alan Moore</a>")).authors == [])
    }
}
