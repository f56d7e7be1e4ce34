import Foundation

/// Words in `class` and `id` attributes, and phrases in short blocks, that mark page chrome.
///
/// The lists are about what sites call their furniture, not about any one site.
enum BoilerplatePatterns {
    /// Class/id words that mark chrome: navigation, sharing, promotion, comments, related
    /// links. A word matches a whole token of the attribute, or a token's start when the word
    /// has four letters or more (`comments`, `sidebar-left`).
    static let negativeWords: [String] = [
        "comment", "disqus", "footer", "footnote", "sidebar", "share", "sharing", "social", "related", "recommend",
        "promo", "subscribe", "subscription", "newsletter", "signup", "advert", "ad", "ads", "adslot", "dfp", "sponsor",
        "cookie", "consent", "gdpr", "banner", "breadcrumb", "masthead", "menu", "nav", "navbar", "navigation",
        "pagination", "pager", "popup", "modal", "overlay", "widget", "outbrain", "taboola", "byline", "bio", "tags",
        "toolbar", "tools", "caption", "credit", "popular", "trending", "readmore", "newsfeed", "skip", "sr", "teaser", "login",
        "paywall", "regist", "rating", "reaction", "follow", "jump", "meta", "print", "gallery", "carousel",
        "slideshow", "author", "timestamp", "dateline", "topics", "keywords", "more", "ticker", "headlines", "aside",
    ]

    /// Class/id words that mark the article itself: an element is chrome by its names only
    /// when their negative words outnumber these (``tally(tokens:nameStarts:)``).
    static let positiveWords: [String] = [
        "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "prose", "articlebody", "richtext",
    ]

    /// Class prefixes of a post's taxonomy (WordPress's `post_class`: `category-comment`,
    /// `tag-advertising`): they say what the post is about, not what part of the page it is.
    static let taxonomyPrefixes: [[UInt8]] = ["category-", "tag-"].map { Array($0.utf8) }

    /// Lower-cased tokens of a class/id value, split at punctuation and camelCase humps, without
    /// the classes of a post's taxonomy (``taxonomyPrefixes``).
    static func tokens(_ text: String) -> [String] {
        names(text).tokens
    }

    /// ``tokens(_:)`` and where each of the value's names begins among them: `nameStarts[i]` is
    /// the index of the first token of the i-th name that has any (``tally(tokens:nameStarts:)``
    /// reads each name as a compound).
    /// Works on UTF-8 bytes: class names are ASCII nearly always, and this runs for every
    /// element of every page.
    static func names(_ text: String) -> (tokens: [String], nameStarts: [Int]) {
        var tokens: [String] = []
        var nameStarts: [Int] = []
        var current: [UInt8] = []
        var previousLower = false
        var inNewName = true
        func finish() {
            if !current.isEmpty {
                if inNewName { nameStarts.append(tokens.count) }
                inNewName = false
                tokens.append(String(decoding: current, as: UTF8.self))
            }
            current.removeAll(keepingCapacity: true)
        }
        let bytes = text.utf8
        var skipping = false
        var atClassStart = true
        for (offset, byte) in bytes.enumerated() {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
            if isSpace {
                finish()
                inNewName = true
                skipping = false
                atClassStart = true
            } else if atClassStart {
                atClassStart = false
                skipping = taxonomyPrefixes.contains { prefix in
                    offset + prefix.count <= bytes.count && bytes.dropFirst(offset).starts(with: prefix)
                }
            }
            if skipping { continue }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                current.append(byte)
                previousLower = byte >= UInt8(ascii: "a")
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if previousLower { finish() }
                current.append(byte + 32)
                previousLower = false
            case 0x80...:
                current.append(byte)
                previousLower = false
            default:
                finish()
                previousLower = false
            }
        }
        finish()
        return (tokens, nameStarts)
    }

    private static let negativeWordList = ClassWordList(negativeWords)
    private static let positiveWordList = ClassWordList(positiveWords)

    /// Class words, matched as whole tokens or, for words of four letters or more, as a
    /// token's start (`sidebar-left`, `advertisement`).
    private struct ClassWordList: Sendable {
        let words: Set<String>
        /// The words of four letters or more: the ones a token may start with.
        let prefixes: FirstByteBuckets

        init(_ list: [String]) {
            words = Set(list)
            prefixes = FirstByteBuckets(list.filter { $0.utf8.count >= 4 })
        }

        /// Whether `token` is one of the words or starts with a long one (and is longer).
        /// Runs for every class and id word of every page: compares bytes, makes no strings.
        func matches(_ token: String) -> Bool {
            if words.contains(token) { return true }
            var token = token
            return token.withUTF8 { bytes in
                guard bytes.count > 4 else { return false }
                return prefixes[bytes[0]].contains { prefix in
                    prefix.count < bytes.count && prefix.indices.allSatisfy { prefix[$0] == bytes[$0] }
                }
            }
        }
    }

    /// Elements whose whole subtree is never article text.
    static let excludedElements: Set<String> = [
        "script", "style", "noscript", "template", "svg", "nav", "aside", "footer", "button", "select",
        "input", "textarea", "iframe", "object", "embed", "canvas", "menu", "dialog", "figcaption", "header",
        "head", "title", "link", "meta", "audio", "video", "map", "label",
    ]

    /// Marks that open a quotation, which a line of prose may start with.
    static let quotationMarks: Set<Character> = ["\"", "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "「", "『", "‹", "›"]

    /// Short blocks that start with these (lower-cased) are teasers, prompts or credits.
    static let linePrefixes: [String] = [
        "read more", "read also", "also read", "related:", "related stories", "related articles", "related news", "related posts", "see also",
        "more:", "more from", "advertisement", "subscribe", "sign up", "follow us", "share this", "click here",
        "photo:", "photo by", "image:", "image by", "credit:", "getty images", "©", "copyright", "all rights reserved",
        "listen to", "watch:", "recommended", "you may also like", "don't miss", "trending", "sponsored",
        "comments", "leave a comment", "log in", "newsletter", "we use cookies", "sharing is caring", "like this story?", "text size",
        // A page's tools, written as script buttons that read as text (`javascript:window.print()`),
        // in English and in the larger newsrooms' languages.
        "back to top", "top of page", "print this page", "print this article", "print this story", "printer-friendly", "printer friendly",
        "send to a friend", "email this article", "email this story", "email to a friend", "bookmark this", "add to favorites",
        "add to favourites", "rate this article", "nach oben", "seite drucken", "artikel versenden", "artikel drucken",
        "imprimer cet article", "haut de page", "retour en haut", "volver arriba", "ir arriba", "torna su", "versione stampabile",
        "версия для печати", "наверх", "返回顶部", "打印本页", "ページの先頭へ", "ページトップへ", "印刷する", "맨 위로",
        // A story's reading time, in the larger newsrooms' languages.
        "reading time", "read time", "tempo de leitura", "tiempo de lectura", "temps de lecture", "lesezeit", "tempo di lettura",
        "leestijd", "czas czytania", "время чтения", "okuma süresi", "waktu baca", "阅读时间", "読了時間",
        // The same prompts in the languages of the larger newsrooms: a line starting so is a
        // teaser for another story, not a sentence of this one.
        "lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant", "weiterlesen", "lire aussi", "à lire aussi",
        "a lire aussi", "lire la suite", "leia também", "leia mais", "lea también", "lee también", "leer más", "leggi anche",
        "czytaj też", "czytaj także", "czytaj więcej", "читайте также", "lees ook", "läs även", "læs også", "les også",
        "das könnte sie auch interessieren", "voir aussi", "sur le même sujet", "veja também", "saiba mais", "ver también",
        "te puede interesar", "también te puede interesar", "vedi anche", "potrebbe interessarti", "lees meer", "läs mer",
        "zobacz też", "zobacz także", "przeczytaj też", "čtěte také", "přečtěte si také", "смотрите также", "читайте також",
        "διαβάστε επίσης", "δείτε επίσης", "ilgili haber", "i̇lgili haber", "baca juga", "simak juga", "xem thêm", "tin liên quan",
        "اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "بیشتر بخوانید", "यह भी पढ़ें", "ये भी पढ़ें", "相关阅读", "相关新闻", "延伸阅读",
        "推荐阅读", "相關閱讀", "相關新聞", "延伸閱讀", "関連記事", "あわせて読みたい", "合わせて読みたい", "관련기사", "관련 기사",
    ]

    static func classAndID(_ text: String) -> (negative: Bool, positive: Bool) {
        classAndID(tokens: tokens(text))
    }

    static func classAndID(tokens: [String]) -> (negative: Bool, positive: Bool) {
        guard !tokens.isEmpty else { return (false, false) }
        return (tokens.contains(where: negativeWordList.matches), tokens.contains(where: positiveWordList.matches))
    }

    /// How many of a `class` or `id` value's tokens are chrome words and how many article
    /// words, name by name (``names(_:)``). A name is read as a compound whose last word is its head: in `article-share`,
    /// `post-tags` or `m-articleRegist` the article words only say whose box it is, so a name
    /// that ends in a chrome word counts its chrome words alone.
    static func tally(tokens: [String], nameStarts: [Int]) -> (negative: Int, positive: Int) {
        var tally = (negative: 0, positive: 0)
        for (index, start) in nameStarts.enumerated() {
            let end = index + 1 < nameStarts.count ? nameStarts[index + 1] : tokens.count
            var positive = 0
            for token in tokens[start..<end] {
                if negativeWordList.matches(token) { tally.negative += 1 }
                if positiveWordList.matches(token) { positive += 1 }
            }
            let head = tokens[end - 1]
            if negativeWordList.matches(head), !positiveWordList.matches(head) { continue }
            tally.positive += positive
        }
        return tally
    }

    /// Words after `comment` that name the state of comments on a post, not the comments:
    /// WordPress and others put `comments-open` on the article's own wrapper.
    private static let commentStates: Set<String> = ["open", "opened", "closed", "enabled", "disabled", "allowed", "on", "off"]
    /// Words before `comments` that make a state of it too (`has-comments`, `no-comments` on a
    /// post's wrapper).
    private static let commentStatePrefixes: Set<String> = ["has", "no", "with", "without", "allow", "enable", "disable", "show", "hide"]

    /// Whole tokens that name readers' comments: a widget's name, the reply form, the
    /// abbreviations Korean, Chinese and Japanese templates use (`cmt_list`), and the word in
    /// Indonesian, Turkish, Finnish and transliterated Russian.
    static let commentTokens: Set<String> = ["disqus", "respond", "replies", "cmt", "cmts", "cmnt", "cmnts", "komentar", "yorumlar", "kommentit", "kommentarii"]

    /// Readers' comments named in other languages, in the plural: the singular is also the
    /// name of an opinion piece (German *Kommentar*), as `commentary` is in English.
    static let commentWordsElsewhere = ["comentarios", "kommentare", "leserkommentar", "komentarze", "komentare", "reacties"]

    /// Whether class/id tokens name readers' comments: a token starting with `comment` (but
    /// not `commentary`, an opinion piece) or one of ``commentWordsElsewhere``, or one of
    /// ``commentTokens``, not next to a word of state.
    static func namesComments(_ tokens: [String]) -> Bool {
        for (index, token) in tokens.enumerated() {
            let named = (token.hasPrefix("comment") && !token.hasPrefix("commentar")) || commentTokens.contains(token)
                || commentWordsElsewhere.contains { token.hasPrefix($0) }
            guard named else { continue }
            if index + 1 < tokens.count, commentStates.contains(tokens[index + 1]) { continue }
            if index > 0, commentStatePrefixes.contains(tokens[index - 1]) { continue }
            return true
        }
        return false
    }

    /// Phrases that mark a short block as a prompt wherever they stand in it.
    static let linePhrases: [String] = [
        "click here", "sign up for", "subscribe to our", "follow us on", "[button", "tell us what you think",
        "share on facebook", "share on twitter", "all rights reserved",
        // The same prompts in the languages of the larger newsrooms.
        "abonnez-vous à notre", "inscrivez-vous à notre", "suivez-nous sur", "abonniere unseren", "abonnieren sie unseren",
        "folge uns auf", "folgen sie uns auf", "suscríbete a nuestro", "suscríbase a nuestro", "síguenos en", "assine nossa",
        "inscreva-se na nossa", "siga-nos no", "siga-nos nas", "iscriviti alla nostra", "seguici su", "volg ons op",
        "schrijf je in voor onze", "obserwuj nas na", "zapisz się do naszego", "подписывайтесь на наш", "подпишитесь на наш",
        "bizi takip edin", "ikuti kami di",
        // A blog engine's line under a post: its categories, tags and permalink.
        "this entry was posted in", "bookmark the permalink", "filed under:",
    ]

    private static let linePhraseBytes = linePhrases.map { Array($0.utf8) }

    /// Whether a line names a web address (`http://`, `https://`, `www.`, in any case), in one
    /// pass over its bytes.
    static func containsAddress(_ bytes: [UInt8]) -> Bool {
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte }
        func matches(_ needle: StaticString, at start: Int) -> Bool {
            let count = needle.utf8CodeUnitCount
            guard start + count <= bytes.count else { return false }
            return needle.withUTF8Buffer { needle in
                for offset in 0..<count where lower(bytes[start + offset]) != needle[offset] { return false }
                return true
            }
        }
        for index in bytes.indices {
            switch lower(bytes[index]) {
            case UInt8(ascii: "h"): if matches("http://", at: index) || matches("https://", at: index) { return true }
            case UInt8(ascii: "w"): if matches("www.", at: index) { return true }
            default: continue
            }
        }
        return false
    }

    /// ``linePrefixes`` as bytes.
    static let linePrefixBytes: [[UInt8]] = linePrefixes.map { Array($0.utf8) }
    private static let longestLinePrefix = linePrefixBytes.map(\.count).max() ?? 0

    /// Whether a line starts with one of ``linePrefixes``, compared without case: the same
    /// answer as lower-casing the line first. A start all in ASCII is folded byte by byte,
    /// without making a String of it; one with a letter beyond ASCII (`À lire aussi`,
    /// `Читайте также`) is lower-cased as text.
    static func hasLinePrefix(_ bytes: [UInt8]) -> Bool {
        if bytes.prefix(longestLinePrefix).contains(where: { $0 >= 0x80 }) {
            // Only the start is compared; a character the window cuts in two lies past every prefix.
            let lower = String(decoding: bytes.prefix(longestLinePrefix + 4), as: UTF8.self).lowercased()
            return linePrefixes.contains { lower.hasPrefix($0) }
        }
        return linePrefixBytes.contains { prefix in
            guard prefix.count <= bytes.count else { return false }
            for offset in prefix.indices {
                let byte = bytes[offset]
                if (byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte) != prefix[offset] { return false }
            }
            return true
        }
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            if haystack[start] == first {
                var index = 1
                while index < needle.count && haystack[start + index] == needle[index] { index += 1 }
                if index == needle.count { return true }
            }
            start += 1
        }
        return false
    }

    /// Whole blocks that are a single word of chrome.
    static let chromeWords: Set<String> = [
        "advert", "advertisement", "ad", "ads", "sponsored", "share", "tweet", "email", "print", "comments", "menu", "close",
        // A script's placeholder ("Loading…") left in the page, in the larger newsrooms' languages.
        "loading", "cargando", "chargement", "carregando", "caricamento", "wirdgeladen", "загрузка", "正在加载", "加载中", "読み込み中", "로딩중",
        // An advertisement's label and a "Back" button, the same.
        "anzeige", "werbung", "publicité", "publicidad", "publicidade", "pubblicità", "reklama", "reklam", "реклама", "iklan", "광고",
        "back", "voltar", "volver", "zurück", "retour", "indietro", "terug", "назад", "返回",
        // A "Print" button, the same.
        "drucken", "imprimer", "imprimir", "stampa", "afdrukken", "drukuj", "печать", "打印", "印刷", "인쇄",
    ]

    /// The services a share or follow bar names, whatever the page's language: brand names,
    /// as the bar prints them (`Google+` reads as `google`).
    static let shareServices: Set<String> = [
        "facebook", "twitter", "google", "whatsapp", "linkedin", "pinterest", "pin", "telegram", "reddit", "tumblr", "pocket",
        "messenger", "flipboard", "xing", "viber", "skype", "digg", "delicious", "stumbleupon", "buffer", "qzone", "weibo",
        "wechat", "vk", "vkontakte", "odnoklassniki", "instagram", "youtube", "threads", "bluesky", "mastodon", "snapchat",
        "tiktok", "line", "kakaotalk", "naver", "email", "mail", "print", "share", "tweet", "rss", "x",
        "вконтакте", "одноклассники", "телеграм", "微博", "微信",
        // "Share" as the bar's label in the languages of the larger newsrooms.
        "compartir", "partager", "teilen", "condividi", "compartilhar", "compartilhe", "delen", "dela", "del", "udostępnij",
        "sdílet", "поделиться", "поширити", "paylaş", "bagikan", "chia", "sẻ", "分享", "分享到", "シェア", "공유",
    ]

    /// Bytes of a line read as a share or follow bar at most: a row of names, not a sentence.
    static let shareBarLength = 120
    /// Bytes of a line that ends with a reading time at most: a date and the time, no sentence.
    static let readingTimeLength = 60

    /// Whether lower-cased `text` is two or more of ``shareServices`` and nothing else but
    /// marks and spaces between them. Read by scalars, stopping at the first other word: most
    /// lines fail on their first.
    private static func isRowOfServices(_ text: String) -> Bool {
        var word = String.UnicodeScalarView()
        var words = 0
        for scalar in text.unicodeScalars {
            if scalar.isASCII ? (scalar >= "a" && scalar <= "z") : scalar.properties.isAlphabetic {
                word.append(scalar)
                continue
            }
            guard !word.isEmpty else { continue }
            guard shareServices.contains(String(word)) else { return false }
            words += 1
            word = String.UnicodeScalarView()
        }
        if !word.isEmpty {
            guard shareServices.contains(String(word)) else { return false }
            words += 1
        }
        return words >= 2
    }

    /// Whether a line is a gallery's counter: "Image 1 of 8", "Foto 3 von 12", "2 of 5",
    /// "1 / 8", two numbers in order with nothing but a picture's name and the word between
    /// them. "Part 2 of 3" names no picture and is the story's.
    static func isPictureCounter(_ lower: String) -> Bool {
        let words = lower.split { !($0.isLetter || $0.isNumber) }
        guard (2...5).contains(words.count) else { return false }
        let numbers = words.compactMap { Int($0) }
        guard numbers.count == 2, numbers[0] >= 1, numbers[0] <= numbers[1] else { return false }
        let others = words.filter { Int($0) == nil }
        // Two bare numbers are a counter only set apart as one ("1 / 8"), not a date or a score.
        if others.isEmpty { return lower.contains(" / ") }
        return others.allSatisfy { counterWords.contains(String($0)) }
    }

    /// The words of a gallery's counter: a picture's name and "of" in the larger newsrooms'
    /// languages.
    static let counterWords: Set<String> = [
        "image", "images", "photo", "photos", "picture", "slide", "of", "foto", "fotos", "bild", "von", "imagen", "de", "immagine", "di",
        "фото", "из", "zdjęcie", "z", "sur", "van", "av", "af", "图片", "사진", "写真",
    ]

    /// Bytes of a gallery's counter at most.
    static let counterLength = 32

    /// Whether a short block of text reads as chrome rather than prose.
    static func isChromeLine(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower.utf8.count < 20, chromeWords.contains(String(lower.unicodeScalars.filter { CharacterSet.letters.contains($0) })) { return true }
        // A share bar whose buttons are scripts (`href="javascript:…"`) reads as text, not
        // links: a line of two or more services' names and nothing else is one.
        if lower.utf8.count < shareBarLength && isRowOfServices(lower) { return true }
        // "Oct 18, 2019 · 8 min read": a story's reading time under its byline.
        if lower.utf8.count < readingTimeLength && (lower.hasSuffix("min read") || lower.hasSuffix("minute read")) { return true }
        if lower.utf8.count <= counterLength && isPictureCounter(lower) { return true }
        // Most lines hold an ASCII letter: one pass over the bytes spares the character-wise
        // tests below, which break the text into grapheme clusters.
        var asciiLetter = false, asciiDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): asciiLetter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): asciiDigit = true
            default: continue
            }
            if asciiLetter { break }
        }
        if !asciiLetter && !asciiDigit && !text.contains(where: { $0.isLetter || $0.isNumber }) { return true }
        if !asciiLetter {
            let tokens = text.split(separator: " ")
            if tokens.count >= 3 && tokens.allSatisfy({ $0.count <= 3 && $0.allSatisfy(\.isNumber) }) { return true }
        }
        let length = text.unicodeScalars.count
        if length < 200 && linePrefixes.contains(where: { lower.hasPrefix($0) }) { return true }
        // The same prompts set off by a mark ("▶ 관련기사", "【相关阅读】", "- Advertisement -"),
        // but not a quotation's opening words ("“Read more,” she said").
        if length < 200, let first = lower.first, !first.isLetter, !first.isNumber, !quotationMarks.contains(first) {
            let opening = lower.drop { !$0.isLetter && !$0.isNumber && !quotationMarks.contains($0) }
            if linePrefixes.contains(where: { opening.hasPrefix($0) }) { return true }
        }
        if length < 250 {
            // Searched in bytes: Foundation's `contains` bridges every line through UTF-16,
            // and the standard library's generic `firstRange(of:)` was slower still.
            let bytes = Array(lower.utf8)
            if linePhraseBytes.contains(where: { contains(bytes, $0) }) { return true }
        }
        return false
    }
}
