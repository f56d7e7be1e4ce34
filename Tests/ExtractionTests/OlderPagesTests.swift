import Extraction
import Foundation
import Testing

/// Pages as the blog engines and newsrooms of an earlier decade wrote them, and pages in other
/// scripts and legacy encodings: no OpenGraph, no JSON-LD, the blog's name as the first `h1`,
/// comments and side columns in the same tree as the post.
@Suite("Older pages and other scripts")
struct OlderPagesTests {
    static func date(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }

    /// The classic WordPress page as text, for tests that change one thing about it.
    static func wordpressPage() throws -> String {
        String(decoding: try Fixture.bytes("wordpress-classic.html"), as: UTF8.self)
    }

    /// Extracts a changed copy of the classic WordPress page and checks that its post came out
    /// whole (four paragraphs) and alone (no comment).
    @discardableResult
    static func expectWordPressPost(_ page: String, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Article {
        let article = try ArticleExtractor.extract(Array(page.utf8))
        #expect(article.text.hasPrefix("Several of you have written in"), "\(label): \(article.text)", sourceLocation: sourceLocation)
        #expect(article.text.components(separatedBy: "\n\n").count == 4, "\(label)", sourceLocation: sourceLocation)
        expectAbsent(["Eleven people on a Saturday"], from: article, sourceLocation: sourceLocation)
        return article
    }

    /// A fixture's article and its body's paragraphs.
    static func read(_ fixture: String) throws -> (Article, [String]) {
        let article = try ArticleExtractor.extract(try Fixture.bytes(fixture))
        return (article, article.text.components(separatedBy: "\n\n"))
    }

    @Test("a classic Blogger post: <br><br> paragraphs, its hAtom title, author and time, without comments, profile or archive")
    func bloggerClassic() throws {
        let (article, paragraphs) = try Self.read("blogger-classic.html")
        #expect(paragraphs.count == 5, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("This weekend I finally got round") == true)
        #expect(paragraphs.last == "Next week: lifting the last potatoes, and whether the blight reached the maincrop.")
        expectAbsent(["Dave from plot 9", "Good tip about the wool", "Retired teacher", "Leeks in trenches", "Blog Archive", "Labels:", "Posted by", "Newer Post"], from: article)
        // The first h1 is the blog's name, a link to its home; the post's title is marked `entry-title`.
        #expect(article.title == "Saving bean seed for next year")
        #expect(article.authors == ["Margaret"])
        #expect(article.published == Self.date("2012-09-16T17:42:00Z"))
    }

    @Test("a classic WordPress post: its body without the theme's category line, the author box, the comments or the widgets")
    func wordpressClassic() throws {
        let (article, paragraphs) = try Self.read("wordpress-classic.html")
        #expect(paragraphs.count == 4, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("Several of you have written in") == true)
        expectAbsent(["This entry was posted", "Bookmark the permalink", "Eleven people on a Saturday", "About Joanne Kelly",
                           "Leave a Reply", "Station car park to close", "run by volunteers", "Posted on"], from: article)
        #expect(article.title == "Why our bus timetable changed in March")
        // `meta-prep-author` holds the words "Posted on"; the name is the `fn` of `author vcard`.
        #expect(article.authors == ["Joanne Kelly"])
        // The theme prints the date in words, in an `entry-date`.
        #expect(article.published == Self.date("2011-03-21T00:00:00Z"))
    }

    @Test("a theme that prints its post's date in the page's language gives the same day", arguments: [
        "21 mars 2011", "21. März 2011", "21 de marzo de 2011", "21 marca 2011", "21 марта 2011 г.", "2011년 3월 21일",
    ])
    func entryDateInOtherLanguages(printed: String) throws {
        let page = try Self.wordpressPage().replacingOccurrences(of: #"<span class="entry-date">March 21, 2011</span>"#, with: #"<span class="entry-date">\#(printed)</span>"#)
        #expect(page.contains(printed))
        let article = try Self.expectWordPressPost(page, printed)
        #expect(article.published == Self.date("2011-03-21T00:00:00Z"), "\(printed)")
    }

    @Test("a page hidden until a script shows it, or under a modal that hides the rest, still gives its article; a hidden line inside it does not")
    func hiddenPage() throws {
        let page = try Self.wordpressPage()
        let wrapper = #"<div id="wrapper" class="hfeed">"#
        let hiddenLine = #"<p style="display: none">A line kept for scripts that no reader of the page ever sees at all.</p>"#
        for hiding in [#"aria-hidden="true""#, "hidden", #"style="display:none""#] {
            let hidden = page.replacingOccurrences(of: wrapper, with: #"<div id="wrapper" class="hfeed" \#(hiding)>"#)
                .replacingOccurrences(of: #"<div class="entry-content">"#, with: #"<div class="entry-content">"# + hiddenLine)
            let article = try Self.expectWordPressPost(hidden, hiding)
            #expect(article.html.contains("The short answer is money."), "\(hiding)")
            expectAbsent(["no reader of the page ever sees"], from: article)
        }
    }

    @Test("a post filed under Comment and tagged advertising is still the post: a taxonomy class names its subject, not its place")
    func taxonomyClasses() throws {
        let page = try Self.wordpressPage()
            .replacingOccurrences(of: "hentry category-news tag-timetable", with: "hentry category-comment tag-advertising tag-sponsored-content")
            .replacingOccurrences(of: #"<h1 class="entry-title">Why our bus timetable changed in March</h1>"#, with: "")
        try Self.expectWordPressPost(page, "taxonomy classes")
    }

    @Test("readers' comments named in Spanish, German, Polish or by an abbreviation (cmt) are comments; a German opinion piece (Kommentar) is the article")
    func commentsNamedElsewhere() throws {
        let story = "<p>El ayuntamiento aprobó ayer el nuevo plan de transporte, que incluye tres líneas de autobús y un carril bici que cruzará el centro de la ciudad.</p>" +
            "<p>Las obras comenzarán en primavera y durarán, según los técnicos municipales, alrededor de dieciocho meses.</p>"
        let comments = [
            "No entiendo por qué se gastan tanto dinero en carriles bici cuando las aceras del barrio llevan años rotas y nadie las arregla.",
            "Por fin una buena noticia para los que vamos al trabajo en bicicleta, aunque dieciocho meses de obras van a ser muy duros.",
            "Tres líneas nuevas están bien, pero lo que necesitamos es que los autobuses pasen más a menudo por la noche, como antes.",
            "Vivo en la calle del carril y nadie nos ha preguntado nada, ni siquiera sabemos dónde vamos a aparcar cuando quiten las plazas.",
        ].map { "<div class=\"item\"><p>\($0)</p></div>" }.joined()
        for name in ["comentarios", "kommentare", "komentarze", "cmt_list"] {
            let page = "<html><body><div class=\"nota\">\(story)</div><section id=\"\(name)\">\(comments)</section></body></html>"
            let article = try ArticleExtractor.extract(Array(page.utf8))
            #expect(article.text.hasPrefix("El ayuntamiento aprobó ayer"), "\(name): \(article.text)")
            expectAbsent(["No entiendo por qué", "Vivo en la calle"], from: article)
        }
        let opinion = "<html><body><div class=\"kommentar\">\(story)</div></body></html>"
        #expect(try ArticleExtractor.extract(Array(opinion.utf8)).text.contains("dieciocho meses"))
    }

    @Test("a post whose wrapper has only a print class keeps its body under a comment thread four times its length")
    func suspectUnderLongComments() throws {
        var page = try Self.wordpressPage().replacingOccurrences(of: #"<div class="entry-content">"#, with: #"<div id="printArea">"#)
        // The thread, said four more times: the comments go, so they do not count against the post.
        let thread = try #require(page.range(of: #"<li class="comment even thread-even depth-1" id="li-comment-41">"#)?.lowerBound)
        let end = try #require(page.range(of: "</ol>", range: thread..<page.endIndex)?.lowerBound)
        page.insert(contentsOf: String(repeating: String(page[thread..<end]), count: 4), at: end)
        try Self.expectWordPressPost(page, "print wrapper under long comments")
    }

    @Test("a column of unlinked teaser headlines below a story is not more of the story: the winner climbs for sentences, not for length")
    func teaserHeadlinesBelow() throws {
        let (article, paragraphs) = try Self.read("teaser-headlines-below.html")
        #expect(paragraphs.count == 5, "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("The convertible goes on sale") == true)
        expectAbsent(["Latest news", "seven-seater", "without camouflage", "About us"], from: article)
    }

    @Test("a short story beats a longer promotion box in the next column: it follows the headline")
    func promotionBeside() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("promotion-beside-story.html"))
        #expect(article.text.hasPrefix("A storage maker will cut about 300 jobs"), "\(article.text)")
        #expect(article.text.contains("several rivals reporting flat or falling sales"))
        expectAbsent(["white paper", "tiered storage", "Download", "Most read", "Related stories"], from: article)
    }

    @Test("a news brief of one long paragraph, written beside its headline in one block, beats two promotion boxes of four paragraphs each at the end of the page, and the page's wrapper holding them all")
    func briefBesidePromotion() throws {
        let box = String(decoding: try Fixture.bytes("white-paper-box.html"), as: UTF8.self)
        let page = String(decoding: try Fixture.bytes("news-brief-one-paragraph.html"), as: UTF8.self)
            .replacingOccurrences(of: "</body>", with: box + box + "</body>")
        let article = try ArticleExtractor.extract(Array(page.utf8))
        #expect(article.text.contains("A equipe do Serviço de Atendimento Domiciliar"), "\(article.text)")
        #expect(article.text.contains("a partir da tarde de hoje."), "\(article.text)")
        expectAbsent(["white paper", "Download", "Todos os direitos", "Notícias"], from: article)
    }

    @Test("a promotion box that makes the story a small share of the page takes nothing from it: the story's wrapper named like chrome holds the headline, and two quoted posts among its paragraphs are no comment thread",
          arguments: [false, true])
    func storyBesidePromotion(quotesAlike: Bool) throws {
        let box = String(decoding: try Fixture.bytes("white-paper-box.html"), as: UTF8.self)
        var page = String(decoding: try Fixture.bytes("story-quoting-tweets.html"), as: UTF8.self)
            .replacingOccurrences(of: #"<div class="page">"#, with: #"<div class="page js-social-anchor-start">"#)
            .replacingOccurrences(of: "</body>", with: box + box + "</body>")
        if quotesAlike {
            // The quoted posts as the story's own children, dressed alike.
            page = page.replacingOccurrences(of: #"<div class="social-media-embed">"#, with: "")
                .replacingOccurrences(of: #"<div class="social-embed">"#, with: "")
                .replacingOccurrences(of: "</script></div>", with: "</script>")
                .replacingOccurrences(of: "</blockquote></div>", with: "</blockquote>")
                .replacingOccurrences(of: "instagram-media", with: "twitter-tweet")
        }
        let paragraphs = try ArticleExtractor.extract(Array(page.utf8)).text.components(separatedBy: "\n\n")
        #expect(paragraphs.first?.hasPrefix("The state's new road-safety slogan") == true, "\(paragraphs)")
        #expect(paragraphs.contains("— Road Watcher (@roadwatcher) November 18, 2019"), "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("A spokesman added") == true, "\(paragraphs)")
        #expect(!paragraphs.contains { $0.contains("white paper") }, "\(paragraphs)")
    }

    @Test("a story cut in two by an advertisement is joined; its kicker and the heading over dropped teasers are not the story")
    func splitStory() throws {
        let (article, paragraphs) = try Self.read("story-split-by-advert.html")
        #expect(paragraphs.first?.hasPrefix("In Dresden bereiten sich Helfer") == true, "\(paragraphs)")
        #expect(paragraphs.contains { $0.hasPrefix("Die Elbe hat in Dresden") })
        #expect(paragraphs.last?.hasPrefix("Der Deutsche Wetterdienst erwartet") == true, "\(paragraphs)")
        #expect(!paragraphs.contains("Hochwasser"))
        expectAbsent(["Das könnte Sie auch interessieren", "Deichbruch", "Mehr zum Thema", "Anzeige", "Impressum"], from: article)
    }

    @Test("a post without class names keeps no bio or comments from after its share bar, and drops its byline")
    func postBeforeEndMatter() throws {
        let (article, paragraphs) = try Self.read("post-then-bio-and-comments-unnamed.html")
        #expect(paragraphs.first?.hasPrefix("Every August the garden") == true, "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("Let them rest for two weeks") == true, "\(paragraphs)")
        #expect(paragraphs.count == 5, "\(paragraphs)")
        expectAbsent(["Ruth grew up on a dairy farm", "Martha Jennings", "Mustard seeds are a wonderful idea", "August 12, 2018"], from: article)
    }

    @Test("a short story under a masthead of two sentences and many links: the page's wrapper is not the article")
    func shortStoryUnderMasthead() throws {
        let (article, paragraphs) = try Self.read("short-story-under-masthead.html")
        #expect(paragraphs.first?.hasPrefix("The city council voted") == true, "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("Construction is expected") == true, "\(paragraphs)")
        expectAbsent(["since 1901", "Our reporters live where they work", "Community calendar"], from: article)
    }

    @Test("boxes named for the article they sit in (`article-share`, `story-bio`, `m-articleRegist`) are read by the last word of the name: chrome")
    func articleNamedBoxes() throws {
        let (article, paragraphs) = try Self.read("story-with-article-named-boxes.html")
        #expect(paragraphs.first?.hasPrefix("The morning ferry") == true, "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("Shopkeepers on the largest island") == true, "\(paragraphs)")
        #expect(paragraphs.count == 4, "\(paragraphs)")
        expectAbsent(["Send this story to a friend", "Helen Price has reported", "continues for members only", "Register now"], from: article)
    }

    @Test("boxes whose ids spell their own headings (`related_items` under \"Related Items\", `story_tools` under \"Story Tools\") are the chrome their headings name, not sections of the story; a section's name and date above the headline are no sentence")
    func boxesNamedByTheirHeadings() throws {
        let (article, paragraphs) = try Self.read("story-boxes-named-by-their-headings.html")
        #expect(paragraphs.first?.hasPrefix("We first realized") == true, "\(paragraphs)")
        #expect(paragraphs.count == 4, "\(paragraphs)")
        expectAbsent(["Related Items", "Phone Event", "Story Tools", "Business Exchange", "E-mail"], from: article)
        // The section's name and the date above the headline: as long as a sentence, but none.
        expectAbsent(["Your Company", "September 20"], from: article)
    }

    @Test("a post of a short list under a blog's one-sentence tagline: the list is the post, the tagline above its headline is not; its last item is no title over the footer's links")
    func shortListPostUnderTagline() throws {
        let (article, paragraphs) = try Self.read("short-list-post-above-its-footer.html")
        #expect(paragraphs == ["Things to pack:", "Rain jacket", "Two warm sweaters", "The good knife", "Matches in a tin"], "\(paragraphs)")
        expectAbsent(["Notes from a small house", "Posted in", "Archive", "Powered by"], from: article)
    }

    @Test("a hand-written story whose every paragraph opens a <font> it never closes, so each nests the rest: all sixteen paragraphs, from the first, and no menu, byline or footer")
    func storyInUnclosedFontTags() throws {
        let (article, paragraphs) = try Self.read("story-in-unclosed-font-tags.html")
        #expect(paragraphs.count == 16, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("The small passenger ferry") == true, "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("The owners say they will listen") == true, "\(paragraphs)")
        expectAbsent(["Classifieds", "Posted March 14", "More news", "Back to the front page", "Copyright 2009"], from: article)
    }

    @Test("a Drupal node: short German paragraphs kept, its comments and blocks dropped, its RDFa date read")
    func drupalNode() throws {
        let (article, paragraphs) = try Self.read("drupal-node-rdfa.html")
        #expect(paragraphs.count == 10, "\(paragraphs)")
        #expect(paragraphs.contains("Dafür fallen dort 40 Parkplätze weg."))
        expectAbsent(["Endlich!", "Wer so etwas beschließt", "ehrenamtlichen", "Schlagworte", "Neuen Kommentar schreiben", "Flohmarkt"], from: article)
        #expect(article.title == "Neue Radwege für die Innenstadt beschlossen")
        #expect(article.published == Self.date("2013-05-07T16:20:00Z"))
    }

    @Test("a blog's front page of whole posts, each in a wrapper with its date, title and footer: every post's text in order, no footer, share button, archive or profile")
    func blogFrontPage() throws {
        let (article, paragraphs) = try Self.read("blog-front-page-posts.html")
        #expect(paragraphs.count == 7, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("The soil finally dried out") == true)
        #expect(paragraphs.contains { $0.hasPrefix("Lesson learned: fleece is cheap") })
        #expect(paragraphs.last?.hasSuffix("if nothing else this month.") == true)
        expectAbsent(["Posted by", "comments", "Labels:", "Email This", "Blog Archive", "About Me", "Older Posts", "Powered by"], from: article)
    }

    @Test("a Japanese blog in EUC-JP: its <br> paragraphs, its entry title, no comments or profile")
    func japaneseBlog() throws {
        let (article, paragraphs) = try Self.read("japanese-blog-euc-jp.html")
        #expect(paragraphs.count == 7, "\(paragraphs)")
        #expect(paragraphs.first == "土曜日は天気が良かったので、久しぶりに高尾山から陣馬山まで縦走しました。")
        expectAbsent(["私も先月", "十八キロはすごい", "東京在住", "コメント(3)", "最新記事"], from: article)
        #expect(article.title == "週末の山歩き：高尾山から陣馬山へ")
    }

    @Test("Japanese news wrapped mid-sentence in its source reads as a browser shows it: no space where a line broke between two characters, one where a <br> stands")
    func japaneseWrappedLines() throws {
        let (article, paragraphs) = try Self.read("japanese-column-wrapped-lines.html")
        #expect(paragraphs.contains("市立中央図書館は来年四月から、平日の開館時間を午後九時まで延長する試みを始めると発表した。仕事帰りの利用者から要望が多く寄せられていたという。"))
        #expect(paragraphs.contains("夜間は貸し出しと返却、閲覧室の利用ができる。 ただし、視聴覚室と会議室は従来どおり午後五時で閉まる。"))
        #expect(paragraphs.last == "問い合わせは中央図書館（電話 012-345-6789）まで。受付は午前九時から午後五時。")
        expectAbsent(["関連記事", "市民ホール", "Copyright"], from: article)
        #expect(article.title == "図書館の夜間開館、来春から試行")
    }

    @Test("Chinese news in GBK and Arabic news in windows-1256: short paragraphs kept, readers' comments and side lists dropped")
    func otherScripts() throws {
        let chinese = try ArticleExtractor.extract(try Fixture.bytes("chinese-news-gbk.html"))
        #expect(chinese.text.components(separatedBy: "\n\n").count >= 7, "\(chinese.text)")
        #expect(chinese.text.contains("地铁三号线一期工程已进入设备调试阶段"))
        expectAbsent(["终于要通了", "相关新闻", "热点排行", "版权声明", "新浪微博"], from: chinese)
        #expect(chinese.title == "本市地铁三号线年底通车")

        let arabic = try ArticleExtractor.extract(try Fixture.bytes("arabic-news-windows-1256.html"))
        let paragraphs = arabic.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 5, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("افتتح رئيس البلدية") == true)
        expectAbsent(["خبر رائع", "الأكثر قراءة", "جميع الحقوق محفوظة"], from: arabic)
    }

    @Test("a page in Windows-1251, Shift_JIS or GBK that declares no encoding (its server's header named it) is read in it, not as Latin letters",
          arguments: [("russian-news-cp1251-undeclared.html", "Центральная городская библиотека откроется для читателей", "Городская библиотека откроется после ремонта в понедельник"),
                      ("japanese-news-shift-jis-undeclared.html", "駅前の商店街で週末、三年ぶりとなる夏祭りが開かれ", "駅前の商店街で夏祭り、三年ぶりに開催"),
                      ("chinese-news-gbk.html", "地铁三号线一期工程已进入设备调试阶段", "本市地铁三号线年底通车")])
    func undeclaredLegacyEncoding(file: String, opening: String, title: String) throws {
        // Any line declaring a charset is taken out, as a server that names the encoding only
        // in its header would leave the page.
        let lines = try Fixture.bytes(file).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let undeclared = lines.filter { !String(decoding: $0, as: UTF8.self).lowercased().contains("charset") }
        let bytes = Array(undeclared.joined(separator: [UInt8(ascii: "\n")]))
        let article = try ArticleExtractor.extract(bytes)
        #expect(article.text.contains(opening), "\(article.text.prefix(200))")
        #expect(article.title == title)
        #expect(!article.text.contains("\u{FFFD}"), "\(article.text.prefix(200))")
    }

    @Test("a Chinese match report beside a long column of links: its tables of figures are the report, not a comment thread, and the theme's microdata printed as addresses is not prose")
    func chineseMatchReport() throws {
        let (article, paragraphs) = try Self.read("chinese-match-report.html")
        #expect(paragraphs.first == "周日晚，城市队在主场与海港队鏖战至加时，最终以一百零八比一百零四取胜，结束了三连败。", "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("赛后主教练表示") == true, "\(paragraphs)")
        for figures in ["投篮9/17，三分4/8，罚球6/7。", "替补球员数据", "罚球12/10，抢断3，失误2。", "孙伟在加时赛中连续两次封盖"] {
            #expect(article.text.contains(figures), "lost: \(figures)")
        }
        expectAbsent(["wp-content", "2019-11-18T22:41:06", "热门文章", "外援谈判进入最后阶段", "版权所有"], from: article)
    }

    @Test("a post written only as lists, in a layout without <article> or <footer>: the post, not the footer's two sentences")
    func listPostInOlderLayout() throws {
        let (article, paragraphs) = try Self.read("list-post-older-layout.html")
        // Three headings and eight items; the footer's sentences are the page's only prose
        // outside the lists.
        #expect(paragraphs.count == 11, "\(paragraphs)")
        #expect(paragraphs.first == "What changed")
        #expect(paragraphs.contains("Bug 398: the rotation speed is read back correctly from older configuration files that name it in degrees."))
        expectAbsent(["free software, written by volunteers", "keepers' mailing list", "2 comments", "Documentation"], from: article)
    }

    @Test("a short story under a photo whose caption stands right below the headline: the story, not the caption")
    func captionUnderHeadline() throws {
        let (article, paragraphs) = try Self.read("caption-under-headline.html")
        #expect(paragraphs.count == 3, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("HARBOUR TOWN -- Ferries to the outer islands sailed again") == true)
        #expect(paragraphs.last?.hasSuffix("would reopen on Monday.") == true)
        expectAbsent(["file photo", "Related Links", "calmer week ahead"], from: article)
    }

    @Test("Korean news in one-sentence lines: the story, not a sidebar of longer notices to readers (a Hangul syllable is two or three letters)")
    func koreanShortLines() throws {
        let page = String(decoding: try Fixture.bytes("korean-news-short-lines.html"), as: UTF8.self)
        for sidebar in ["rbox", "aside_right"] {
            let article = try ArticleExtractor.extract(Array(page.replacingOccurrences(of: #"id="rbox""#, with: #"id="\#(sidebar)""#).utf8))
            let paragraphs = article.text.components(separatedBy: "\n\n")
            #expect(paragraphs.count == 6, "\(sidebar): \(paragraphs)")
            #expect(paragraphs.first == "서울시는 내년 1월부터 지하철 기본요금을 150원 올린다고 3일 밝혔다.")
            expectAbsent(["많이 본 뉴스", "제보를 기다립니다", "유료 구독", "독자센터"], from: article)
        }
    }
}
