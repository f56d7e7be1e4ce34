@testable import Extraction
import Testing

/// Blocks of teasers for other pages told by their shape, and the lists of an article's own
/// that look like them.
@Suite("Teaser lists without names")
struct TeaserListTests {
    @Test("unclassed teasers for other stories right under the article, under a heading of their own, are dropped with it")
    func teasersUnderArticleDropped() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("related-teasers-unnamed.html"))
        #expect(article.text.hasPrefix("Night buses will run between the valley towns"), "\(article.text)")
        #expect(article.text.hasSuffix("whether to keep the service."), "\(article.text)")
        expectAbsent(["More from News", "stone bridge", "until eight", "fresh vegetables", "car-free square", "hours ago", "Yesterday"], from: article)
    }

    @Test("a short story, then teasers whose excerpts run longer than a summary but stop short with an ellipsis: the story alone")
    func clippedExcerptsDropped() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("short-story-long-excerpts.html"))
        #expect(article.text.hasSuffix("the team has won three straight for the first time this season."), "\(article.text)")
        expectAbsent(["More in Hockey", "ALBANY, N.Y.", "the power play", "skated with the team", "outdoor game", "Read More"], from: article)
        let excerpt = try CommentThreadTests.reading("<h5><a href=\"/a\">Why the power play finally works after two seasons</a></h5><div>" +
            String(repeating: "The unit has scored on almost a third of its chances since the change. ", count: 6) + "Nobody is quite sure how long it will…</div>")
        #expect(excerpt.clipped && TeaserShape.isTeaser(excerpt), "\(excerpt)")
        let item = try CommentThreadTests.reading("<h3><a href=\"/b\">The Harbour Kitchen on Quay Street, by the water</a></h3><p>" +
            String(repeating: "Fish from the morning boats, cooked simply, with a view of the harbour. ", count: 6) + "</p>")
        #expect(!item.clipped && !TeaserShape.isTeaser(item), "a listicle's long item ends as a sentence: \(item)")
    }

    @Test("a short post, then a related list dressed as whole posts under its own heading, the long ones cut short and the short ones whole: the post alone")
    func relatedPostsCutShortDropped() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("short-post-above-cut-excerpts.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 2, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("Vivir un amor de verdad") == true, "\(paragraphs)")
        expectAbsent(["También te puede gustar", "La paciencia", "La amistad verdadera", "Agradecer cada mañana", "El silencio"], from: article)
        // Three cut excerpts make the list one of excerpts; a lone trailing ellipsis does not.
        let cut = try CommentThreadTests.reading("<div><a href=\"/x\">Compartir</a></div><p>" +
            String(repeating: "El silencio también habla y nos enseña a escuchar. ", count: 3) + "poco a poco, transforma nuestra manera de …</p>")
        #expect(TeaserShape.isCutExcerpt(cut) && !TeaserShape.isTeaser(cut), "\(cut)")
        let unlinked = try CommentThreadTests.reading("<p>" + String(repeating: "El silencio también habla y nos enseña a escuchar. ", count: 3) + "y entonces …</p><p>Fin.</p>")
        #expect(!TeaserShape.isCutExcerpt(unlinked), "a card that links nowhere points at no other page: \(unlinked)")
    }

    @Test("sentences that link out stay: one mostly linked amid the prose, an update that trails off with a link in its middle, a closing note on where the article first ran; teasers opening with their link and clipped go")
    func linkedSentencesKept() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("post-with-linked-sentences.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.contains("The worst of them was a single expression the type checker struggled with for forty seconds."), "\(paragraphs)")
        #expect(paragraphs.contains { $0.hasPrefix("Update: several readers asked") }, "\(paragraphs)")
        #expect(paragraphs.last == "This article was originally published on the team blog.", "\(paragraphs)")
        expectAbsent(["More from Field Notes", "Caching build artifacts", "without breaking", "Hunting flaky tests", "All rights reserved"], from: article)
    }

    @Test("a lead written around its links opens the post: it starts with the author's words and ends a sentence; a linked headline in its place still goes")
    func linkedLeadKept() throws {
        let lead = #"<p>This week's notes cover <a href="/n/1">faster clean builds</a>, <a href="/n/2">a linker that saves ninety seconds</a> and <a href="/n/3">flaky tests in the nightly run</a>. All of it is below, with the numbers we measured.</p>"#
        let headline = #"<p><a href="/n/9">Caching build artifacts across branches without breaking them</a> and more.</p>"#
        for (extra, kept) in [(lead, true), (headline, false)] {
            let page = String(decoding: try Fixture.bytes("post-with-linked-sentences.html"), as: UTF8.self)
                .replacingOccurrences(of: "<p>For most of last year", with: extra + "<p>For most of last year")
            let paragraphs = try ArticleExtractor.extract(Array(page.utf8)).text.components(separatedBy: "\n\n")
            #expect(paragraphs.first?.hasPrefix("This week's notes cover faster clean builds") == kept, "\(paragraphs)")
            #expect(paragraphs.contains { $0.hasPrefix("For most of last year") }, "\(paragraphs)")
        }
    }

    @Test("a sentence that opens with a link and carries on after it (\"[According to the review], the…\") is the author's, even when it trails off into a quotation; a linked headline with its clipped summary is not")
    func sentenceOpeningWithLink() throws {
        let sentence = #"<p><a href="https://example.org/review">According to the compiler team's own review</a>, the new linker is not yet the default on every platform. They explained why in a statement…</p>"#
        let page = String(decoding: try Fixture.bytes("post-with-linked-sentences.html"), as: UTF8.self)
            .replacingOccurrences(of: "<p>Splitting that expression", with: sentence + "<p>Splitting that expression")
        let paragraphs = try ArticleExtractor.extract(Array(page.utf8)).text.components(separatedBy: "\n\n")
        #expect(paragraphs.contains { $0.hasPrefix("According to the compiler team's own review, the new linker") }, "\(paragraphs)")
        #expect(!paragraphs.contains { $0.hasPrefix("Caching build artifacts") || $0.hasPrefix("Hunting flaky tests") }, "\(paragraphs)")
    }

    @Test("cards of linked headlines after the story, in its own element and longer than a list of links: dropped, with the line that titles them")
    func linkedCardHeadlinesAfterStory() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("design-story-linked-card-headlines.html"))
        #expect(article.text.contains("During the spring design week"), "\(article.text)")
        #expect(article.text.hasSuffix("Installation views, photos by the gallery"), "\(article.text)")
        expectAbsent(["You may also be interested", "Paper lanterns", "clock tower", "fishing boats", "library of seeds", "railway station"], from: article)
    }

    @Test("thumbnail cards after a Russian article, each a linked picture, a short linked name and a line of summary: teasers, dropped")
    func thumbnailCardsWithShortNames() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("russian-diet-thumbnail-cards.html"))
        #expect(article.text.hasPrefix("Гречневая диета относится к монодиетам"), "\(article.text)")
        #expect(article.text.hasSuffix("так же быстро, как ушёл."), "\(article.text)")
        expectAbsent(["Самые популярные диеты", "Белковая диета", "Кефирная", "любой сорт капусты", "Минус 4 кг", "Результат до 3 кг"], from: article)
        let card = try CommentThreadTests.reading("<div><a href=\"/k\"><img src=\"/k.jpg\"></a></div><div><a href=\"/k\">Кефирная диета</a></div><div>Простая диета на три дня.</div>")
        #expect(card.linkedHeadline && TeaserShape.isTeaser(card), "\(card)")
        let comment = try CommentThreadTests.reading("<div><a href=\"/u/anna\">Анна</a></div><div><a href=\"/u/anna\"><img src=\"/a.jpg\"></a> Спасибо, помогло!</div>")
        #expect(!comment.linkedHeadline, "a name before the picture is no thumbnail's title: \(comment)")
    }

    @Test("a guide written as picture cards, each with a linked picture, a linked name and its description: the page's own, kept")
    func guideOfPictureCardsKept() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("cafe-guide-picture-cards.html"))
        for place in ["cardamom buns sell out by ten", "roasts its own beans on Mondays", "before the long climb north", "best almond croissant", "order the crab sandwich", "a slow breakfast on a rainy Sunday"] {
            #expect(article.text.contains(place), "lost: \(place)")
        }
    }

    @Test("a post that is one long run of links and no prose (a week's links) is its own text: a run of links goes for standing outside the prose only where there is prose")
    func postOfLinksOnly() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("links-of-the-week-no-prose.html"))
        #expect(article.text.hasPrefix("How a village library in the hills"), "\(article.text)")
        #expect(article.text.hasSuffix("who never met, forty years apart"), "\(article.text)")
    }

    @Test("a line hanging on a colon over links that were dropped goes with them; an attribution with its date, the post's last line, stays")
    func hangingLineOverDroppedLinks() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("post-ending-attribution-earlier-tags.html"))
        #expect(article.text.hasSuffix("— City Roads Office (@cityroadsoffice) May 4, 2019"), "\(article.text)")
        for chrome in ["Earlier on this blog", "stays closed", "Tags", "city council"] {
            #expect(!article.text.contains(chrome), "kept: \(chrome)")
        }
    }

    @Test("a short post whose related-posts box outweighs it: the box, its cards numbered in their class, goes for standing after the post")
    func relatedPostsAfterShortPost() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("short-post-related-posts.html"))
        #expect(article.text.hasSuffix("are heavily represented."), "\(article.text)")
        expectAbsent(["Related", "fifty thousand people", "job board", "plugin directory", "March 17, 2016", "In “News”"], from: article)
    }

    @Test("teasers whose linked headline shares its heading with a kicker (\"Editorial\") are teasers, and go with their box")
    func kickerHeadlines() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("opinion-kicker-teasers.html"))
        #expect(article.text.hasSuffix("before deciding how to vote."), "\(article.text)")
        for teaser in ["Other Opinion Columns", "Mar 21", "prime minister", "own backyard", "Editorial"] {
            #expect(!article.text.contains(teaser), "kept: \(teaser)")
        }
        let card = try CommentThreadTests.reading("<h4><strong>Editorial</strong> <a href=\"/a\">Fraser's lasting legacy</a></h4><p>A short summary of the column.</p>")
        #expect(card.linkedHeadline, "\(card)")
        let name = try CommentThreadTests.reading("<h4><a href=\"/u/7\">Jenny Marsh</a></h4><p>I agree with every word.</p>")
        #expect(!name.linkedHeadline, "a commenter's linked name is no headline: \(name)")
    }

    @Test("cards alike by their first class, whatever classes a blog adds per post (format, category), are one list: the teasers go")
    func cardsWithVariedClasses() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("related-cards-varied-classes.html"))
        #expect(article.text.hasSuffix("since it was founded in 1952."), "\(article.text)")
        for teaser in ["Most read", "fountain", "Twelve novices", "Night buses", "until eight", "June"] {
            #expect(!article.text.contains(teaser), "kept: \(teaser)")
        }
    }

    @Test("a listicle whose items open with linked names is the article, not a teaser block")
    func listicleKept() throws {
        var items = ""
        for (name, line) in [("The Harbour Kitchen on Quay Street", "Fish from the morning boats, cooked simply, and a view of the harbour from every table."),
                             ("Mama Rosa's Trattoria by the Station", "Fresh pasta made each morning, and a lemon cake people cross the town for."),
                             ("The Old Granary Bakery and Cafe", "Bread from a wood oven, soups at lunch, and the best coffee on the high street."),
                             ("Green Leaf Vegetarian Canteen", "A short menu that changes weekly, with vegetables from the allotments up the hill.")] {
            items += "<div><h3><a href=\"https://example.org/\(name.count)\">\(name)</a></h3><p>\(line)</p></div>"
        }
        let html = "<html><body><div><h1>Four places to eat in town this winter</h1><p>Our food writer spent a month eating her way " +
            "around town. These are the four she would go back to.</p>" + items + "</div><div><a href=\"/\">Home</a></div></body></html>"
        let text = try ArticleExtractor.extract(Array(html.utf8)).text
        for line in ["Fish from the morning boats", "lemon cake", "wood oven", "allotments up the hill"] {
            #expect(text.contains(line), "lost: \(line) in \(text)")
        }
    }

    @Test("a roundup's items say something beside their link on the same line: not teasers")
    func roundupLineIsNoTeaser() throws {
        let roundup = try CommentThreadTests.reading("<a href=\"/a\">A long look at the city's budget for next year</a> — worth it for the charts alone.")
        #expect(!TeaserShape.isTeaser(roundup), "\(roundup)")
        let teaser = try CommentThreadTests.reading("<h4><a href=\"/a\">Bridge repairs to start after the summer holidays</a></h4>" +
            "<p>Work on the old stone bridge will close one lane for six weeks.</p>")
        #expect(TeaserShape.isTeaser(teaser) && teaser.linkedHeadline && teaser.lines == 2, "\(teaser)")
    }
}
