import Foundation
@testable import Extraction
import Testing

/// The structural rules of the extractor, each on a page built the way real sites build theirs.
@Suite("Page structures")
struct PageStructureTests {
    @Test("a blog post keeps its body and drops a comment thread longer than itself")
    func commentsDropped() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("blog-with-comments.html"))
        #expect(article.text.hasPrefix("The fig in the corner of the yard"))
        #expect(article.text.contains("teased the outer roots loose"))
        expectAbsent(["sulked for a whole season", "crushed pumice", "bread knife", "grandmother", "Leave a Reply", "Marguerite", "14 thoughts"], from: article)
    }

    @Test("a comments-open or has-comments class on the post's own wrapper is a state, not a comment thread", arguments: ["post comments-open", "entry has-comments", "main no-comments"])
    func commentStateIsNotComments(classes: String) throws {
        let html = """
            <html><body><div class="\(classes)"><p>The council voted on Tuesday to keep the library open on Sundays, \
            after a petition signed by more than four thousand residents.</p><p>Opening hours will be ten until four, \
            starting next month, and volunteers will help the staff at the desk.</p></div></body></html>
            """
        let article = try ArticleExtractor.extract(Array(html.utf8))
        #expect(article.text.contains("four thousand residents") && article.text.contains("volunteers"), "\(classes)")
    }

    @Test(
        "a prompt to read another story is chrome in the languages of the larger newsrooms, a sentence that mentions reading is not",
        arguments: [
            ("Baca juga: Harga beras naik lagi menjelang akhir tahun", "Warga diminta membaca juga aturan baru sebelum mendaftar."),
            ("यह भी पढ़ें: दिल्ली में बारिश से यातायात प्रभावित", "उन्होंने कहा कि यह भी ज़रूरी है कि लोग नियम पढ़ें।"),
            ("相关阅读：本市地铁三号线年底通车", "市民可以在网站上阅读相关新闻。"),
            ("関連記事：高尾山の紅葉が見ごろに", "詳しくは公式サイトの記事をご覧ください。"),
            ("اقرأ أيضا: ارتفاع أسعار الخبز في العاصمة", "وقال الوزير إن على المواطنين أن يقرأوا التعليمات أيضا."),
            ("Xem thêm: Giá xăng tăng lần thứ ba trong tháng", "Người dân có thể xem thêm thông tin trên trang của bộ."),
            ("Veja também: Chuva forte alaga ruas do centro", "O prefeito pediu que todos vejam também o novo plano."),
            ("Смотрите также: В городе открылся новый мост", "Жители могут также смотреть трансляцию на сайте."),
        ]
    )
    func promptsInOtherLanguages(prompt: String, sentence: String) {
        #expect(BoilerplatePatterns.isChromeLine(prompt) && BoilerplatePatterns.hasLinePrefix(Array(prompt.utf8)), "\(prompt)")
        #expect(!BoilerplatePatterns.isChromeLine(sentence) && !BoilerplatePatterns.hasLinePrefix(Array(sentence.utf8)), "\(sentence)")
    }

    @Test("a gallery's counter is chrome in the larger newsrooms' languages; a series' part, a score or a date is not", arguments: [
        ("Image 1 of 8", "Part 2 of 3"), ("Foto 3 von 12", "Teil 2 von 3"), ("1 / 8", "4/5"), ("Фото 2 из 10", "Глава 2 из 10"),
        ("Slide 4 of 20", "9/11"),
    ])
    func galleryCounters(counter: String, line: String) {
        #expect(BoilerplatePatterns.isChromeLine(counter), "\(counter)")
        #expect(!BoilerplatePatterns.isChromeLine(line), "\(line)")
    }

    @Test("a row of services' names is a share bar, whatever its buttons are made of; a sentence naming them is not", arguments: [
        ("Facebook Twitter Google+ Whatsapp", "Facebook and Twitter said on Monday that they would remove the posts."),
        ("Compartir: Facebook · X · WhatsApp · Telegram", "La empresa dijo que WhatsApp y Telegram crecieron este año."),
        ("Поделиться: ВКонтакте Одноклассники Telegram", "Пользователи ВКонтакте смогут отправлять сообщения."),
        ("分享到： 微博 微信", "他在微博上发布了一条消息。"),
    ])
    func shareBarsAsText(bar: String, sentence: String) {
        #expect(BoilerplatePatterns.isChromeLine(bar), "\(bar)")
        #expect(!BoilerplatePatterns.isChromeLine(sentence), "\(sentence)")
    }

    @Test("a script's placeholder, an advertisement's label, a back button, a reading time or a share prompt alone on a line is chrome; a sentence using the same words is not", arguments: [
        ("Loading...", "Loading the ferry took most of the morning."), ("正在加载...", "工人们正在加载货物。"), ("Загрузка…", "Загрузка судна заняла весь день."),
        ("読み込み中...", "データの読み込み中に停電が起きた。"), ("Iklan", "Iklan itu ditayangkan di televisi setiap malam."),
        ("Tempo de leitura: 2 minutos", "O tempo de leitura médio caiu para dois minutos por artigo."), ("Oct 18, 2019 · 8 min read", "It was an 8 min read."),
        ("Voltar", "Ele prometeu voltar ao clube no próximo ano."), ("Sharing is caring!", "Sharing a kitchen is hard."),
    ])
    func placeholders(placeholder: String, sentence: String) {
        #expect(BoilerplatePatterns.isChromeLine(placeholder), "\(placeholder)")
        #expect(!BoilerplatePatterns.isChromeLine(sentence), "\(sentence)")
    }

    @Test("a prompt set off by a mark, a newsletter's or a profile's prompt in another language, or a page's tool (print, back to top), is chrome; a sentence, or a quotation opening with the same words, is not", arguments: [
        ("[관련기사] 서울 지하철 파업 사흘째", "그는 관련기사를 모두 읽은 뒤 판단해 달라고 말했다."), ("▶ 関連記事：高尾山の紅葉が見ごろに", "紅葉の記事が人気だ。"),
        ("【相关阅读】本市地铁三号线年底通车", "市民可以在网站上阅读相关新闻。"), ("- Advertisement -", "“Advertisement is not journalism,” she said."),
        ("■ Lesen Sie auch: Brand in der Altstadt", "„Lesen Sie auch das Kleingedruckte“, sagte der Anwalt."),
        ("Abonnez-vous à notre newsletter", "Le maire a demandé aux habitants de lire la lettre."), ("Síguenos en Facebook y X", "Los vecinos siguen en sus casas."),
        ("Folge uns auf Instagram", "Die Polizei folgte den Spuren bis zum Fluss."), ("Seguici su Telegram", "La polizia ha seguito le tracce fino al fiume."),
        ("Back to top", "The team is back on top of the table after the win."), ("Print this page", "The printers said this page would cost more."),
        ("Imprimir", "La imprenta dejó de imprimir el diario en 2009."), ("Nach oben", "Der Preis ging nach oben, sagte der Händler."),
        ("返回顶部", "他返回顶部楼层时发现门已经锁了。"),
    ])
    func markedAndTranslatedPrompts(prompt: String, sentence: String) {
        #expect(BoilerplatePatterns.isChromeLine(prompt), "\(prompt)")
        #expect(!BoilerplatePatterns.isChromeLine(sentence), "\(sentence)")
    }

    @Test("a heading over the reply form, unnamed, goes with the form; a heading that ends the post over a picture is the author's")
    func headingOverForm() throws {
        let story = "<p>The ferry to the island will run twice a day from June, the harbour office said on Monday, after a winter of repairs.</p>" +
            "<p>Tickets can be bought on board, and bicycles travel free on the early crossing, as they did before the repairs began.</p>"
        let reply = try ArticleExtractor.extract(Array(("<html><body><div><h1>Ferry back in June</h1>" + story +
            "<h3>Leave a Reply</h3><form action=\"/reply\" method=\"post\"><textarea name=\"c\"></textarea><input type=\"submit\" value=\"Post\"></form></div></body></html>").utf8))
        #expect(reply.text.hasSuffix("as they did before the repairs began."), "\(reply.text)")
        expectAbsent(["Leave a Reply"], from: reply)
        let picture = try ArticleExtractor.extract(Array(("<html><body><div><h1>Ferry back in June</h1>" + story +
            "<h3>The crossing at dawn</h3><p><img src=\"/dawn.jpg\" alt=\"\"></p></div></body></html>").utf8))
        #expect(picture.text.hasSuffix("The crossing at dawn"), "\(picture.text)")
    }

    @Test("short Chinese paragraphs are an article, the link column beside them is not")
    func unspacedScript() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("cjk-short-paragraphs.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 5, "\(paragraphs)")
        #expect(paragraphs.first == "近年来，夜跑在城市里越来越流行。")
        for chrome in ["今日天气预报", "首页", "版权所有"] {
            #expect(!article.text.contains(chrome), "leaked: \(chrome)")
        }
    }

    @Test("a list amid Chinese prose keeps its two-character items; a two-character label between the paragraphs still goes")
    func unspacedListItems() throws {
        let page = String(decoding: try Fixture.bytes("cjk-short-paragraphs.html"), as: UTF8.self)
            .replacingOccurrences(of: "<p>组织者说", with: "<ul><li>线程</li><li>信道</li><li>文件 I/O</li></ul><div>广告</div><p>组织者说")
        let paragraphs = try ArticleExtractor.extract(Array(page.utf8)).text.components(separatedBy: "\n\n")
        #expect(Array(paragraphs[2...4]) == ["线程", "信道", "文件 I/O"], "\(paragraphs)")
        #expect(!paragraphs.contains("广告"), "\(paragraphs)")
    }

    @Test("an inline element named like chrome that opens a sentence (a dateline, a credited name) stays in it; one that stands apart goes")
    func inlineOpeningOfSentence() throws {
        let page = String(decoding: try Fixture.bytes("story-in-landmark.html"), as: UTF8.self)
            .replacingOccurrences(of: "<p>The council voted", with: #"<p><span class="dateline">RIVERSIDE —</span> The council voted"#)
            .replacingOccurrences(of: "next spring.</p>", with: #"next spring. <span class="share-tools">Share this</span></p>"#)
        let text = try ArticleExtractor.extract(Array(page.utf8)).text
        #expect(text.hasPrefix("RIVERSIDE — The council voted on Tuesday evening"), "\(text)")
        #expect(!text.contains("Share this"), "\(text)")
    }

    @Test("a card shown when a name is hovered (a picture, the name, links to stories) is no part of the sentence it sits in, in the text or the HTML")
    func hoverCards() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("story-with-hover-cards.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 3, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("Mayor Dana Ruiz on Monday defended the city's new road-safety slogan") == true, "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("Council member Lee Park said the money") == true, "\(paragraphs)")
        #expect(article.html.contains("Dana Ruiz</a> on Monday"), "\(article.html)")
        expectAbsent(["signs budget", "parking rules", "MORE", "ruiz.jpg", "audit of the transport"], from: article)
    }

    @Test("a code listing in <pre> keeps its lines and their indentation in the text; prose around it still collapses")
    func preformattedText() throws {
        let page = try Fixture.bytes("post-with-code-listing.html")
        let article = try ArticleExtractor.extract(page)
        // The listing as the page writes it, between its tags, without the line break that
        // ends it.
        let source = String(decoding: page, as: UTF8.self)
        let listing = try #require(source.components(separatedBy: "<pre><code>").last?.components(separatedBy: "</code></pre>").first)
            .trimmingCharacters(in: .newlines)
        #expect(listing.contains("\n        try:\n"))
        #expect(article.text.contains(listing), "\(article.text)")
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.first?.hasPrefix("Every service that talks to another") == true, "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("Two details matter more than they seem.") == true, "\(paragraphs)")
        #expect(paragraphs.first.map { !$0.contains("\n") } == true && paragraphs.last.map { !$0.contains("\n") } == true, "\(paragraphs)")
    }

    @Test("a link inside a sentence keeps its words in the text, as in the HTML, whatever its class says (a note in a popup)")
    func linkInsideSentence() throws {
        let note = #"<a href="javascript:void(0);" onclick="return overlib('Why does he say so?')" class="popup">"#
        let html = "<html><body><div><h1>Bartleby</h1><p>I am a \(note)rather elderly man</a>. The nature of my avocations for the last thirty " +
            "years has brought me into more than ordinary contact with \(note)an interesting and somewhat singular set of men</a>.</p>" +
            "<p>Of whom as yet nothing, that I know of, has ever been written: I mean the law-copyists or scriveners.</p></div>" +
            #"<div class="popup"><a href="/subscribe">Subscribe to our newsletter</a></div></body></html>"#
        let article = try ArticleExtractor.extract(Array(html.utf8))
        #expect(article.text.hasPrefix("I am a rather elderly man. The nature of my avocations"), "\(article.text)")
        #expect(article.text.contains("with an interesting and somewhat singular set of men."), "\(article.text)")
        #expect(!article.text.contains("Subscribe"), "a block named popup is still chrome: \(article.text)")
    }

    @Test("documentation sections whose ids spell their headings are all kept, and their headings linked to their own places in the page")
    func headingSlugSections() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("documentation-sections.html"))
        #expect(article.text.contains("Sharing with a single developer\n") && article.text.contains("Sharing with a team\n"), "\(article.text)")
        #expect(!article.text.contains("¶"), "a permalink's mark is no word of its heading")
        #expect(article.text.contains("one person with a laptop and a build server"), "the section with id sharing-… is not share buttons")
        #expect(article.text.contains("nothing is applied twice"))
        #expect(article.text.contains("A team adds review"))
        #expect(!article.text.contains("Toolkit authors"))
    }

    @Test("an h1 amid the prose is a section's heading and stays; the headline's h1 above the prose goes to the title")
    func sectionsInH1() throws {
        let html = """
            <html><head><title>Profiling a server on demand</title></head><body><article><h1>Profiling a server on demand</h1>
            <p>Monitoring tells you that a process is busy; profiling tells you which of its functions keep it busy, \
            and the two are often confused.</p>
            <h1>Why monitoring is not enough</h1>
            <p>A graph of the processor's load shows when a problem starts, but not where in the code it lives, and \
            that is the question an engineer has to answer.</p>
            <h1>Profiling on demand</h1>
            <p>A profiler that can be switched on for a minute in production answers it without slowing every request \
            for the rest of the day.</p></article></body></html>
            """
        let article = try ArticleExtractor.extract(Array(html.utf8))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 5, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("Monitoring tells you") == true, "\(paragraphs)")
        #expect(paragraphs.contains("Why monitoring is not enough") && paragraphs.contains("Profiling on demand"), "\(paragraphs)")
    }

    @Test("after the story, a list each of whose items links off the page is further reading however little of each the link covers; a list of notes linked back into the page is the story's")
    func furtherReadingList() throws {
        let html = """
            <html><body><article><h1>The bank that promised to fix your finances</h1>
            <p>The new banks promised to ease the pain of paying bills, but for most of their customers the pain \
            has only moved from one app to another.</p>
            <p>When it comes to the actual sickness, saving too little and borrowing too much, you are still on your \
            own, whatever the colour of your card.<sup><a href="#note-1">1</a></sup></p>
            <ol class="notes"><li id="note-1"><a href="#ref-1">^</a> Figures from the central bank's survey of \
            households, <a href="https://bank.example/survey">published in March</a>.</li>
            <li id="note-2"><a href="#ref-2">^</a> Both banks declined to comment.</li>
            <li id="note-3"><a href="#ref-3">^</a> Fees as of the first of the month.</li></ol>
            <hr><div class="heading-h3">More Great Stories</div>
            <ul><li>Streamers must unionize, <a href="/story/streamers-union">no matter what the platform says</a></li>
            <li>Paid political ads are not the problem. <a href="/story/ads">Our perceptions are</a></li>
            <li>Could an astronaut lost in space <a href="/story/astronaut">use gravity to get around</a>?</li>
            <li>The plan to boost drone batteries <a href="/story/drones">with a teensy jet engine</a></li></ul>
            </article></body></html>
            """
        let article = try ArticleExtractor.extract(Array(html.utf8))
        #expect(article.text.contains("Figures from the central bank") && article.text.contains("declined to comment"), "\(article.text)")
        expectAbsent(["More Great Stories", "unionize", "Paid political ads", "astronaut", "drone batteries"], from: article)
    }

    @Test("the story's last sentence, mostly a link but opened by the author's words, is kept; the related headlines after it are not")
    func closingLinkedSentence() throws {
        let html = """
            <html><body><div class="story"><h1>Flu shots for families at the border</h1>
            <p>Doctors asked the agency on Tuesday to offer flu vaccines to families held at the border, after three \
            children died of the illness in its care this year.</p>
            <p>The agency said it would review the request, and that its medical staff already screen everyone who \
            arrives for signs of illness.</p>
            <p>Follow the clinic on <a href="https://social.example/clinic">Facebook, Twitter and Instagram</a>.</p>
            <p><a href="/news/1">Hospital opens a second children's ward</a></p>
            <p><a href="/news/2">Why this winter's flu came early</a></p></div></body></html>
            """
        let article = try ArticleExtractor.extract(Array(html.utf8))
        #expect(article.text.hasSuffix("Follow the clinic on Facebook, Twitter and Instagram."), "\(article.text)")
        expectAbsent(["second children's ward", "came early"], from: article)
    }

    @Test("a caption that says an image's alternative text again, in the image's block or the next one, stays with the image in the HTML and out of the text")
    func captionsRepeatingAltText() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("captions-repeating-alt-text.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 4, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("The open-air pool") == true, "\(paragraphs)")
        #expect(!article.text.contains("Swimmers queue") && !article.text.contains("restored terraces"), "\(article.text)")
        #expect(article.html.contains("src=\"/img/lido.jpg\"") && article.html.contains("Swimmers queue at the gate"), "\(article.html)")
        #expect(article.html.contains("The restored terraces, painted in their first colours"), "\(article.html)")
    }

    @Test("lazy, responsive and noscript images get their real URLs once, and a figure keeps its caption")
    func images() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("lazy-images.html"), url: "https://walk.example/coast")
        #expect(article.html.contains("src=\"https://walk.example/photos/harbour.jpg\""))
        #expect(!article.html.contains("data:image/gif"), "the placeholder is replaced")
        #expect(article.html.contains("<figcaption>The harbour at low tide, before the first climb.</figcaption>"))
        #expect(article.html.contains("src=\"https://walk.example/photos/cliffs-small.jpg\""))
        #expect(article.html.contains("src=\"https://walk.example/photos/cove.jpg\""), "the noscript fallback is the only copy of this one")
        #expect(!article.text.contains("before the first climb"), "captions stay out of the plain text")
    }

    @Test("a noscript copy of a lazy image is not written twice")
    func noscriptDuplicate() throws {
        let html = """
            <html><body><article><p>The museum reopened its east wing this week after a two-year restoration of the \
            painted ceilings.</p><img class="lazy" data-src="/wing.jpg" alt="East wing"><noscript><img src="/wing.jpg" \
            alt="East wing"></noscript><p>Visitors can book a slot online, and entry stays free for children under twelve.</p>\
            </article></body></html>
            """
        let article = try ArticleExtractor.extract(Array(html.utf8), url: "https://museum.example/news")
        #expect(article.html.components(separatedBy: "https://museum.example/wing.jpg").count == 2, "\(article.html)")
    }

    @Test("text inside a javascript: link is text")
    func javascriptLink() throws {
        let html = "<html><body><a href=\"javascript:void(0)\"><p>The ferry timetable changes on the first of June.</p><p>Boats will leave every forty minutes.</p></a></body></html>"
        let article = try ArticleExtractor.extract(Array(html.utf8))
        #expect(article.text == "The ferry timetable changes on the first of June.\n\nBoats will leave every forty minutes.")
    }

    @Test("a page too short for any container to score still gives its text")
    func pageProseFallback() throws {
        let html = "<html><body><article><h2>Test Case 1</h2><img src=\"/a.png\"><h2>Test Case 2</h2></article></body></html>"
        let explanation = try ArticleExtractor.explain(Array(html.utf8))
        #expect(explanation.source == .pageProse)
        #expect(try ArticleExtractor.extract(Array(html.utf8)).text == "Test Case 1\n\nTest Case 2")
    }

    @Test("a story whose page has no text outside a landmark (a dialog, an aside, a header or footer, captions, noscript, a template) is read from it, without the page's navigation or scripts",
          arguments: [
              ("<dialog open>", "</dialog>"), (#"<div role="dialog" aria-modal="true">"#, "</div>"), ("<aside>", "</aside>"),
              ("<header>", "</header>"), ("<footer>", "</footer>"), ("<noscript>", "</noscript>"), ("<template>", "</template>"),
              ("<figure><img src=\"/bridge.jpg\"><figcaption>", "</figcaption></figure>"),
          ])
    func landmarkReading(open: String, close: String) throws {
        let page = String(decoding: try Fixture.bytes("story-in-landmark.html"), as: UTF8.self)
            .replacingOccurrences(of: #"<div id="story">"#, with: open).replacingOccurrences(of: "</div><!--story-->", with: close)
        let article = try ArticleExtractor.extract(Array(page.utf8))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 3, "\(open): \(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("The council voted on Tuesday evening") == true, "\(open)")
        #expect(article.html.contains("a ferry will run every twenty minutes"), "\(open): \(article.html)")
        for chrome in ["Previous story", "story-view", "All rights reserved", "Riverside Post", "Sport"] {
            #expect(!article.text.contains(chrome) && !article.html.contains(chrome), "\(open): kept \(chrome)")
        }
        #expect(try ArticleExtractor.explain(Array(page.utf8)).source == .landmarks, "\(open)")
    }

    @Test("a story whose every paragraph is set in a heading's type keeps them all: a whole sentence titles nothing")
    func storySetInHeadings() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("story-set-in-headings.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 3, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("The council voted on Tuesday") == true, "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("The work is expected to cost") == true, "\(paragraphs)")
        #expect(!article.text.contains("Copyright"))
    }

    @Test("a one-paragraph brief in its page's column is read alone: the disclaimer and the teaser summaries below it in that column are other blocks, not more of the story")
    func briefInAColumnBesideTeasers() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("brief-in-a-column-beside-teasers.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 1, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("城市日报讯") == true, "\(paragraphs)")
        expectAbsent(["声明", "为你推荐", "经过半年施工", "城市马拉松", "分享"], from: article)
    }

    @Test("the same story outside any landmark is read the ordinary way")
    func noLandmarkReadingWhenNotNeeded() throws {
        let page = try Fixture.bytes("story-in-landmark.html")
        #expect(try ArticleExtractor.explain(page).source == .container)
        #expect(try ArticleExtractor.extract(page).text.components(separatedBy: "\n\n").count == 3)
    }

    @Test("a short post in a wrapper named like chrome (printArea) beside a long blogroll is the article: the blogroll's link text does not make the post small")
    func suspectWrapperBesideLinks() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("post-beside-blogroll.html"))
        let runs = article.text.components(separatedBy: "\n\n")
        #expect(runs.count == 3, "\(runs)")
        #expect(runs.first?.hasPrefix("The forecast said frost by Thursday") == true)
        #expect(!article.text.contains("Blogroll") && !article.text.contains("Slug Wars"))
    }

    @Test("a line that sends the reader to another story is dropped in the languages of the larger newsrooms, as in English",
          arguments: ["Lesen Sie auch: Wie die Stadt ihre Brücken prüft", "À lire aussi : Le pont de la rivière fermé", "Leia também: Ponte antiga fecha em junho",
                      "Lee también: El puente viejo cierra en junio", "Leggi anche: Il vecchio ponte chiude a giugno", "Czytaj także: Stary most zamknięty",
                      "Читайте также: Старый мост закроют в июне", "Read more: How the city inspects its bridges"])
    func teaserLineInManyLanguages(line: String) throws {
        let html = """
            <html><body><div><p>The council voted on Tuesday evening to close the old bridge to cars from the first of June, after engineers \
            found that two of its piers had cracked through.</p><p>\(line)</p><p>Cyclists and people on foot will still be able to cross, the \
            council said, and a ferry will run every twenty minutes until the new bridge opens next spring.</p></div></body></html>
            """
        let article = try ArticleExtractor.extract(Array(html.utf8))
        #expect(article.text.components(separatedBy: "\n\n").count == 2, "\(line): \(article.text)")
        #expect(!article.text.contains(line))
    }

    @Test("readers' comments named in Indonesian, Turkish, Finnish or transliterated Russian are dropped", arguments: ["komentar", "yorumlar", "kommentit", "kommentarii"])
    func commentsNamedElsewhere(name: String) throws {
        let page = String(decoding: try Fixture.bytes("blog-with-comments.html"), as: UTF8.self)
        let renamed = page.replacingOccurrences(of: #"id="comments""#, with: #"id="\#(name)""#).replacingOccurrences(of: "comment", with: "x-item")
        #expect(renamed.contains(name) && !renamed.contains("comment"))
        let article = try ArticleExtractor.extract(Array(renamed.utf8))
        #expect(article.text.hasPrefix("The fig in the corner of the yard"), "\(name)")
        #expect(!article.text.contains("crushed pumice") && !article.text.contains("bread knife"), "\(name): \(article.text)")
    }

    @Test("a page whose only prose is its description gives the description, and a page with none is refused")
    func descriptionFallback() throws {
        let html = """
            <html><head><meta property="og:description" content="A short film about the last lighthouse keeper on the island and his daily round."></head>\
            <body><nav><a href="/">Home</a></nav><video src="/film.mp4"></video></body></html>
            """
        let explanation = try ArticleExtractor.explain(Array(html.utf8))
        #expect(explanation.source == .description)
        #expect(try ArticleExtractor.extract(Array(html.utf8)).text.hasPrefix("A short film about the last lighthouse keeper"))
        let bare = "<html><head><title>Video</title></head><body><nav><a href=\"/\">Home</a></nav><video src=\"/film.mp4\"></video></body></html>"
        #expect(throws: ExtractionError.noContent) { try ArticleExtractor.extract(Array(bare.utf8)) }
    }

    @Test("a long paragraph said twice is kept twice; a short line said twice is said once")
    func repeatedParagraphs() throws {
        let paragraph = "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua, ut enim ad minim veniam."
        let html = "<html><body><p>\(paragraph)</p><p>\(paragraph)</p><p>Harbour Road, 1952</p><p>Harbour Road, 1952</p></body></html>"
        let text = try ArticleExtractor.extract(Array(html.utf8)).text
        #expect(text.components(separatedBy: paragraph).count == 3)
        #expect(text.components(separatedBy: "Harbour Road, 1952").count == 2)
    }

    @Test("the explanation names the chosen container, the candidates and the headline")
    func explanation() throws {
        let explanation = try ArticleExtractor.explain(try Fixture.bytes("blog-with-comments.html"))
        #expect(explanation.source == .container)
        #expect(explanation.chosen.first?.hasPrefix("div.entry-content") == true, "\(explanation)")
        #expect(!explanation.candidates.isEmpty)
        #expect("\(explanation)".contains("body from: container"))
        #expect(explanation.headlines.first?.hasPrefix("h1") == true, "the entry title is the headline: \(explanation)")
    }

    @Test("a list of mostly-linked items inside the post is kept; a list of headlines is not")
    func linkListsInsideTheBody() throws {
        let html = """
            <html><body><div class="post"><p>This week the team closed more bugs than in any week this year, and the release is \
            on track for the end of the month.</p><ul><li><a href="/b/1">Bug 1677710</a> fixed by Dimi in the password manager</li>\
            <li><a href="/b/2">Bug 1681234</a> fixed by Neil in the tab unloader</li></ul><p>Thanks to everyone who tested the \
            nightly builds and filed reports, which made most of these fixes possible.</p><ul><li><a href="/n/1">Other news: the \
            office moves in June</a></li><li><a href="/n/2">Other news: a new logo for the wiki</a></li></ul></div></body></html>
            """
        let text = try ArticleExtractor.extract(Array(html.utf8)).text
        #expect(text.contains("Bug 1677710 fixed by Dimi") && text.contains("Bug 1681234 fixed by Neil"), "\(text)")
        #expect(!text.contains("Other news"), "\(text)")
        // The explanation says what went and why, in page order.
        let dropped = try ArticleExtractor.explain(Array(html.utf8)).dropped
        #expect(dropped == ["(link list) Other news: the office moves in June", "(link list) Other news: a new logo for the wiki"], "\(dropped)")
    }

    @Test(
        "a post written as lists, with or without a short introduction, keeps its mostly-linked items between its long ones; a link list after them is not",
        arguments: ["", "<p>Here is what changed in the nightly builds this week, thanks to everyone who tested them.</p>"]
    )
    func listOnlyPost(introduction: String) throws {
        let html = """
            <html><body><div class="post">\(introduction)<h2>This week</h2><ul>\
            <li>The updater no longer starts while another instance is running, which was the cause of the restart page many users saw.</li>\
            <li>mconley <a href="/b/1">re-enabled the TART tests</a></li>\
            <li>Gijs <a href="/b/2">made the toolbar load later at startup</a></li>\
            <li>Printing now supports page ranges that are not contiguous, such as one to three and then six and seven.</li>\
            </ul><h2>Elsewhere</h2><ul><li><a href="/n/1">Our other blog: the office moves in June</a></li>\
            <li><a href="/n/2">Our other blog: a new logo for the wiki</a></li></ul></div></body></html>
            """
        let text = try ArticleExtractor.extract(Array(html.utf8)).text
        #expect(text.contains("mconley re-enabled the TART tests") && text.contains("Gijs made the toolbar load later"), "\(text)")
        #expect(text.contains("page ranges that are not contiguous"))
        #expect(!text.contains("Our other blog"), "\(text)")
    }

    @Test("a page of an older decade: a table layout whose paragraphs are <br><br> inside <font> reads as paragraphs, its print links and side columns dropped")
    func breakParagraphs() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("table-layout.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.contains { $0.hasPrefix("The city council voted 6-1 Tuesday night") && $0.hasSuffix("Elm Street span.") }, "\(paragraphs)")
        #expect(paragraphs.contains { $0.hasPrefix("The old Elm Street bridge, built in 1931") })
        #expect(paragraphs.count >= 5, "each <br><br> ends a paragraph")
        for chrome in ["Print this story", "E-mail this story", "Most read", "School board race", "Classifieds", "Copyright 2005"] {
            #expect(!article.text.contains(chrome), "kept: \(chrome)")
        }
        // A single <br> is a line break inside a paragraph, not the end of one.
        let html = "<html><body><div><p>Intro line of the post that is long enough to read as prose, with a few more words.</p>" +
            "Roses are red,<br>violets are blue, and this line runs on long enough to be a sentence of its own.<br><br>" +
            "A second paragraph after two breaks, also long enough to count as prose in the post.</div></body></html>"
        let text = try ArticleExtractor.extract(Array(html.utf8)).text
        #expect(text.contains("Roses are red, violets are blue"), "\(text)")
        #expect(text.contains("sentence of its own.\n\nA second paragraph"), "\(text)")
    }

    @Test("comments named in no known word are told by their shape (blocks alike, each dated, with an author and a reply link) and dropped")
    func commentsByShape() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("comments-by-shape.html"))
        #expect(article.text.hasPrefix("В среду в Самаре открыли движение"), "\(article.text)")
        #expect(article.text.contains("после проверки освещения"))
        for comment in ["Наконец-то", "так дорого", "Тольятти", "Ответить", "Комментарии"] {
            #expect(!article.text.contains(comment), "comment kept: \(comment)")
        }
    }

    @Test("a dated timeline inside the article is not a comment thread, and a live blog's dated entries are the article")
    func datedListsKept() throws {
        let timeline = """
            <html><body><div class="story"><p>The bridge has a long history, and the city council has argued about it for most of the last decade, \
            through four mayors and two referendums.</p><ul class="timeline">\
            <li class="event"><b>2001-03-04</b> The first study says the old span has twenty years left in it at most.</li>\
            <li class="event"><b>2005-06-07</b> Inspectors close the bridge to trucks after finding cracks in its supports.</li>\
            <li class="event"><b>2012-08-09</b> Voters approve a bond issue that pays for half of a new bridge.</li></ul>\
            <p>Construction is to begin next spring and to take about two years, the city engineer said on Tuesday evening.</p></div></body></html>
            """
        let text = try ArticleExtractor.extract(Array(timeline.utf8)).text
        #expect(text.contains("Inspectors close the bridge to trucks") && text.contains("Voters approve a bond issue"), "\(text)")
        var entries = ""
        for hour in 10...15 {
            entries += "<div class=\"entry\"><span class=\"by\">Live desk</span> <span class=\"at\">\(hour):05</span>" +
                "<p>At \(hour) o'clock the vote was still open, and the council members kept talking about the bridge and its cost.</p></div>"
        }
        let live = "<html><body><h1>Council vote, live</h1><div class=\"live\">" + entries + "</div><div class=\"side\"><a href=\"/a\">Other</a></div></body></html>"
        let blog = try ArticleExtractor.extract(Array(live.utf8)).text
        #expect(blog.contains("At 10 o'clock the vote") && blog.contains("At 15 o'clock the vote"), "\(blog)")
    }

    @Test("a page builder's post, every paragraph four wrappers deep: the column of them all, not a boxed blurb beside it")
    func pageBuilderParagraphs() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("page-builder-post.html"))
        #expect(article.text.contains("opened on Saturday morning"), "\(article.text)")
        #expect(article.text.hasSuffix("has not yet found the money for it."), "\(article.text)")
        for chrome in ["Get the week's stories", "We use cookies", "Newsletter", "Privacy"] {
            #expect(!article.text.contains(chrome), "kept: \(chrome)")
        }
    }

    @Test("blocks that score alike are settled by their order in the page, the same on every run")
    func equalScoresSettledInPageOrder() throws {
        let paragraph = "<p>The same notice stands in every box of this page, long enough to be read as prose, with commas, clauses, and a full stop.</p>"
        let boxes = String(repeating: "<div><div>\(paragraph)</div></div>\n", count: 6)
        let html = "<html><body>\n<div><a href=\"/\">Home</a></div>\n" + boxes + "</body></html>"
        let explanation = try ArticleExtractor.explain(Array(html.utf8))
        let boxScore = try #require(explanation.candidates.first { $0.element.hasPrefix("div") }?.score)
        let tied: [String] = explanation.candidates.filter { $0.score == boxScore }.map(\.element)
        let lines: [Int] = tied.map { element in Int(element.split(separator: " ").last?.dropLast() ?? "") ?? 0 }
        #expect(lines.count >= 4 && lines.first == 3 && lines == lines.sorted(), "\(tied)")
    }

    @Test("a box named by more chrome words than article words (Jetpack's like-post-wrapper) is chrome; a tie stays the article's")
    func chromeWordsOutnumberArticleWords() throws {
        let article = try ArticleExtractor.extract(try Fixture.bytes("wordpress-com-post.html"))
        #expect(article.text.hasSuffix("sent to the National Assembly last month."), "\(article.text)")
        for chrome in ["Like this", "Loading", "Share this", "Twitter"] {
            #expect(!article.text.contains(chrome), "kept: \(chrome)")
        }
        for classes in ["post sidebar-left", "entry-content share-enabled", "story-body widget-area"] {
            let html = "<html><body><div class=\"\(classes)\"><p>The council voted on Tuesday to keep the library open on Sundays, " +
                "after a petition signed by more than four thousand residents.</p></div><div><a href=\"/\">Home</a></div></body></html>"
            let text = try ArticleExtractor.extract(Array(html.utf8)).text
            #expect(text.contains("four thousand residents"), "\(classes): \(text)")
        }
    }
}
