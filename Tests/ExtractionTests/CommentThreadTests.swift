@testable import Extraction
import Markup
import Testing

/// Readers' comments that no class or id names, told by their shape, and what a dropped thread
/// leaves behind (its heading, the reply form).
@Suite("Comment threads without names")
struct CommentThreadTests {
    @Test("a thread longer than the story, its heading inside the element that holds its comments (a short class that says nothing): dropped with its heading")
    func threadTitledInside() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("story-thread-titled-inside.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 3, "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("Residents who spoke at the meeting") == true, "\(paragraphs)")
        expectAbsent(["6 comments", "Mark T.", "March 2011", "mobile library", "homework club"], from: article)
    }

    @Test("a news brief of two short paragraphs under which an unclassed thread runs ten times longer: the brief, not the thread")
    func briefOverLongThread() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("news-brief-long-thread.html"))
        #expect(article.text.contains("SIOUX FALLS – The state's new campaign"), "\(article.text)")
        #expect(article.text.hasSuffix("saying the attention was the point."), "\(article.text)")
        expectAbsent(["says:", "Responses to", "billboard", "waiting list", "form letter", "Reply", "Leave a Reply"], from: article)
    }

    @Test(
        "an unclassed thread longer than its post is dropped with its heading and reply form, in any language and template",
        arguments: [
            ("unnamed-comment-thread.html", "Two of the sash windows", "a stick holds them open",
             ["Margaret", "lead, so sand them", "bubble wrap", "Responses to", "Leave a Reply", "will not be published", "Recent Posts"]),
            ("unnamed-comment-thread-de.html", "Die Stadt will bis zum Herbst 2013", "schriftlich Einwände erheben",
             ["radler_hh", "Schlammpiste", "Bäume am Ufer", "Kommentare (4)", "Kommentar schreiben", "sachlich", "Antworten"]),
            // Drupal's thread: each comment's date and time in list items of their own, under a reply form.
            ("comment-thread-split-dates.html", "This week’s hearings were about one social network", "the next scandal is only a matter of time.",
             ["Lars", "proxy filter", "shared it with my students", "View comments", "Terms of Use", "April 6, 2018", "Add comment"]),
        ]
    )
    func unnamedThreadDropped(fixture: String, opening: String, closing: String, comments: [String]) throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes(fixture))
        #expect(article.text.contains(opening) && article.text.contains(closing), "\(article.text)")
        expectAbsent(comments, from: article)
    }

    @Test("an unclassed timeline with each date on a line of its own stays in the article: two lines are an event, not a comment")
    func unclassedTimelineKept() throws {
        var events = ""
        for (date, event) in [("2001-03-04", "The first study gives the old span twenty years at most, and the council files it away."),
                              ("2005-06-07", "Inspectors close the bridge to trucks after finding cracks in two of its supports."),
                              ("2012-08-09", "Voters approve a bond issue that pays for half of a new bridge, by a narrow margin."),
                              ("2016-01-02", "The state pledges the other half, on condition that the work starts within three years.")] {
            events += "<li><b>\(date)</b><br>\(event)</li>"
        }
        let html = "<html><body><div><h1>The long road to a new bridge</h1><p>The bridge has a long history, and the council has argued " +
            "about it for most of the last two decades, through four mayors and two referendums.</p><h2>How it went</h2><ul>" + events +
            "</ul><p>Construction is to begin next spring and to take about two years, the city engineer said on Tuesday.</p></div></body></html>"
        let text = try ArticleExtractor.extract(Array(html.utf8)).text
        #expect(text.contains("Inspectors close the bridge") && text.contains("The state pledges the other half"), "\(text)")
        #expect(text.contains("How it went"), "\(text)")
    }

    @Test("an unclassed live blog, its entries under the headline, is the article")
    func unclassedLiveBlogKept() throws {
        var entries = ""
        for hour in 10...15 {
            entries += "<li><div>Live desk</div><div>14.05.2019 \(hour):05</div><p>At \(hour) o'clock the vote was still open, and the " +
                "council members kept talking about the bridge, its cost and who should pay for it.</p></li>"
        }
        let html = "<html><body><div><h1>Council vote, live</h1><ol>" + entries + "</ol></div><div><a href=\"/a\">Other news</a></div></body></html>"
        let text = try ArticleExtractor.extract(Array(html.utf8)).text
        #expect(text.contains("At 10 o'clock the vote") && text.contains("At 15 o'clock the vote"), "\(text)")
    }

    @Test("a thread of many names with no heading at all, longer than the story above it, goes, classed or not; a live blog after a long introduction, its entries by two reporters, stays")
    func untitledThreadOfManyNames() throws {
        let page = String(decoding: try Fixture.bytes("story-thread-titled-inside.html"), as: UTF8.self).replacingOccurrences(of: "<h3>6 comments</h3>", with: "")
        // With its short class, and with no class at all: each card two lines, a name opening the dated one.
        for thread in [page, page.replacingOccurrences(of: #"<div class="c">"#, with: "<div>")] {
            let article = try ArticleExtractor.extract(Array(thread.utf8))
            #expect(article.text.components(separatedBy: "\n\n").count == 3, "\(article.text)")
            expectAbsent(["Mark T.", "March 2011", "mobile library", "homework club"], from: article)
        }

        var entries = ""
        for (index, hour) in (10...15).enumerated() {
            entries += "<div class=\"entry\"><p><strong>\(index.isMultiple(of: 2) ? "Ana Cruz" : "Tom Berg")</strong> &mdash; 14 May 2019, \(hour):05</p>" +
                "<p>At \(hour) o'clock the vote was still open, and the council members kept talking about the bridge, its cost and who should pay.</p></div>"
        }
        let intro = "<p>The council votes today on the new bridge, after two decades of plans, four mayors and two referendums on where it should go.</p>" +
            "<p>We follow the debate as it happens; the vote itself is expected in the late afternoon, once every party has spoken.</p>"
        let live = try ArticleExtractor.extract(Array(("<html><body><div><h1>Council vote, live</h1>" + intro + "<div>" + entries + "</div></div></body></html>").utf8))
        #expect(live.text.contains("At 10 o'clock the vote") && live.text.contains("At 15 o'clock the vote"), "\(live.text)")
    }

    @Test("a thread of many names set card by card beside the story's own paragraphs, in one element with them, goes card by card; a live blog set the same way, its entries by two reporters, stays")
    func threadBesideStoryParagraphs() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("comment-thread-beside-story-paragraphs.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 3, "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("Городские власти обещают") == true, "\(paragraphs)")
        expectAbsent(["Комментарии", "Ирина", "12.03.2019", "Наконец-то", "Ответить"], from: article)
        // The same thread dated by ages, as threads often print them.
        var aged = String(decoding: try Fixture.bytes("comment-thread-beside-story-paragraphs.html"), as: UTF8.self)
        for (index, date) in ["12.03.2019 10:15", "12.03.2019 11:40", "13.03.2019 09:02", "13.03.2019 18:30", "14.03.2019 07:55", "14.03.2019 12:20"].enumerated() {
            aged = aged.replacingOccurrences(of: date, with: "\(index + 2) часа назад")
        }
        let agedArticle = try ArticleExtractor.extract(Array(aged.utf8))
        #expect(agedArticle.text.components(separatedBy: "\n\n").count == 3, "\(agedArticle.text)")
        expectAbsent(["Ирина", "назад", "Наконец-то"], from: agedArticle)

        var entries = ""
        for (index, hour) in (10...15).enumerated() {
            entries += "<div><div><b>\(index.isMultiple(of: 2) ? "Ana Cruz" : "Tom Berg")</b> <span>14.05.2019 \(hour):05</span></div>" +
                "<div>At \(hour) o'clock the vote was still open, and the council members kept talking about the bridge.</div></div>"
        }
        let intro = "<p>The council votes today on the new bridge, after two decades of plans, four mayors and two referendums on where it should go.</p>"
        let live = try ArticleExtractor.extract(Array(("<html><body><div><h1>Council vote, live</h1>" + intro + entries + "</div></body></html>").utf8))
        #expect(live.text.contains("At 10 o'clock the vote") && live.text.contains("At 15 o'clock the vote"), "\(live.text)")
    }

    @Test("an age is a thread's date in the larger newsrooms' languages; a count is not", arguments: [
        ("2 hours ago", true), ("5 часов назад", true), ("hace 3 días", true), ("vor 2 Stunden", true), ("3 giorni fa", true),
        ("2 godziny temu", true), ("3 gün önce", true), ("2 jam lalu", true), ("3天前", true), ("3일 전", true),
        ("3 comments", false), ("Top 10", false), ("2 replies", false), ("Seite 2", false),
    ])
    func ages(text: String, isAge: Bool) {
        #expect(CommentShape.isDateOrTime(text) == isAge, "\(text)")
    }

    @Test("a page wrapped whole in a form (ASP.NET, older portals) keeps its article; the form is chrome only when small")
    func pageInsideForm() throws {
        let html = "<html><body><form id=\"aspnetForm\" action=\"/default.aspx\" method=\"post\"><input type=\"hidden\" name=\"__VIEWSTATE\" value=\"x\">" +
            "<div><a href=\"/\">Home</a> <a href=\"/news\">News</a></div><div><h1>Harbour dredging to start in May</h1>" +
            "<p>The port authority said on Monday that dredging of the inner harbour will start in May and last about six weeks.</p>" +
            "<p>Ferries will keep to their timetable, but the fishing boats will moor at the north quay while the work goes on.</p>" +
            "<p>The work costs 2.4 million and is paid for by the port's own reserves, the authority's director told the council.</p></div>" +
            "<div><input type=\"text\" name=\"q\"> <input type=\"submit\" value=\"Search\"></div></form></body></html>"
        let text = try ArticleExtractor.extract(Array(html.utf8)).text
        #expect(text.contains("dredging of the inner harbour") && text.contains("port's own reserves"), "\(text)")
    }

    @Test("a data table's unclassed rows of figures are not comments")
    func figuresTableKept() throws {
        var rows = "<tr><td><div>Application</div></td><td><div>Original size</div></td><td><div>Patch size</div></td></tr>"
        for (name, size, patch) in [("Maps", "71.1 MB", "13.4 MB (-81%)"), ("Mail", "32.7 MB", "17.5 MB (-46%)"),
                                    ("Notes", "17.8 MB", "7.6 MB (-57%)"), ("Music", "18.9 MB", "17.2 MB (-9%)")] {
            rows += "<tr><td><div><a href=\"/app/\(name)\">\(name)</a></div></td><td><div>\(size)</div></td><td><div>\(patch)</div></td></tr>"
        }
        let html = "<html><body><div><p>Updates are smaller now that each file is patched on its own, as the table below shows for " +
            "the largest applications.</p><table><tbody>" + rows + "</tbody></table><p>Smaller updates mean less waiting on slow " +
            "connections, and fewer failed downloads on the way.</p></div></body></html>"
        let text = try ArticleExtractor.extract(Array(html.utf8)).text
        #expect(text.contains("13.4 MB (-81%)") && text.contains("17.2 MB (-9%)"), "\(text)")
    }

    @Test(
        "a short text is a date or time with its month or weekday written out, not when words outweigh its figures",
        arguments: [
            ("November 19, 2019 at 6:34 am", true), ("Wednesday, September 18, 2019 at 11:42 pm", true), ("12.05.2012 15:01", true),
            ("2019-11-18", true), ("15 сентября 2012, 08:47", true), ("2019", false), ("Chapter 12: the bridge", false),
            ("Read the 2019 report on www.example.org", false),
            // The figures of a date or a time, in any script; a line of a match's figures has none.
            ("2019年11月19日 18:34", true), ("5/14/19 um 9:02", true), ("2019.11.19", true), ("19.11.19", true),
            ("投篮9/17，三分4/8，罚球6/7。", false), ("7/12, 2/5, 3/4", false), ("1200 x 676", false),
            ("April 5, 2018", true), ("15 сентября 2012", true), ("© 2019 Beachbody", false),
        ]
    )
    func dateOrTime(text: String, isDate: Bool) {
        #expect(CommentShape.isDateOrTime(text) == isDate)
    }

    @Test("a comment without a class shows its date on a short line of its own, apart from its words, in three lines or more")
    func unnamedCardShape() throws {
        let comment = try Self.reading("<div><b>Anne</b> says:</div><div><a href=\"#c4\">\n\t\tMarch 3, 2011 at 9:51 am\n\t</a></div>" +
            "<p>How warm does it get inside on a sunny day? Mine went past forty degrees last spring.</p><a href=\"#r\">Reply</a>")
        #expect(CommentShape.isUnnamedComment(comment) && comment.lines == 4, "\(comment)")
        let event = try Self.reading("<b>2005-06-07</b><br>Inspectors close the bridge to trucks, <i>the city says</i>, after finding cracks.")
        #expect(CommentShape.isComment(event) && !CommentShape.isUnnamedComment(event), "two lines: \(event)")
        let sentence = try Self.reading("<p>On 2005-06-07 the inspectors closed the bridge to trucks, <a href=\"/r\">the report</a> says, " +
            "after they found cracks in two of its supports and one of its piers.</p><p>More below.</p><p>And more.</p>")
        #expect(!CommentShape.isUnnamedComment(sentence), "a date inside a long line: \(sentence)")
        // A comment citing a paper carries a long link inside its words: still a comment, and no headline.
        let citing = try Self.reading("<div><strong>Milan</strong> on <a href=\"#c1\">September 12, 2018 at 4:47 pm</a> said:</div>" +
            "<p>Any update on how the <a href=\"/p\">follow-up paper by Blattman and others</a> will change the recommendation?</p>" +
            "<p>Paper here: <a href=\"https://papers.example.org/abstract_id=3223028\">https://papers.example.org/abstract_id=3223028</a></p>")
        #expect(CommentShape.isUnnamedComment(citing) && !citing.headline, "\(citing)")
    }

    /// How a card written as `html` inside a list item reads.
    static func reading(_ html: String) throws -> CardReading {
        let document = try MarkupDocument.parseHTML(Array(("<html><head><meta charset=\"utf-8\"></head><body><ul><li>" + html + "</li></ul></body></html>").utf8))
        let item = try #require(document.root?.descendants(limit: 10).first { $0.localName == "li" })
        return CardReading(item)
    }
}
