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
        "toolbar", "caption", "credit", "popular", "trending", "readmore", "newsfeed", "skip", "sr", "teaser", "login",
        "paywall", "rating", "reaction", "follow", "jump", "meta", "print", "gallery", "carousel",
        "slideshow", "author", "timestamp", "dateline", "topics", "keywords", "more", "ticker", "headlines",
    ]

    /// Class/id words that mark the article itself; they outweigh a negative word.
    static let positiveWords: [String] = [
        "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "prose", "articlebody", "richtext",
    ]

    /// Lower-cased tokens of a class/id value, split at punctuation and camelCase humps.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var previousLower = false
        for character in text {
            if character.isLetter || character.isNumber {
                if character.isUppercase && previousLower && !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
                current.append(contentsOf: character.lowercased())
                previousLower = character.isLowercase
            } else {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                previousLower = false
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func matches(_ tokens: [String], _ words: [String]) -> Bool {
        tokens.contains { token in words.contains { word in token == word || (word.count >= 4 && token.hasPrefix(word)) } }
    }

    /// Elements whose whole subtree is never article text.
    static let excludedElements: Set<String> = [
        "script", "style", "noscript", "template", "svg", "nav", "aside", "footer", "button", "select",
        "input", "textarea", "iframe", "object", "embed", "canvas", "menu", "dialog", "figcaption", "header",
        "head", "title", "link", "meta", "audio", "video", "map", "label",
    ]

    /// Short blocks that start with these (lower-cased) are teasers, prompts or credits.
    static let linePrefixes: [String] = [
        "read more", "read also", "also read", "related:", "related stories", "related articles", "see also",
        "more:", "more from", "advertisement", "subscribe", "sign up", "follow us", "share this", "click here",
        "photo:", "photo by", "image:", "image by", "credit:", "getty images", "©", "copyright", "all rights reserved",
        "listen to", "watch:", "recommended", "you may also like", "don't miss", "trending", "sponsored",
        "this article", "comments", "leave a comment", "log in", "loading", "newsletter", "we use cookies",
    ]

    static func classAndID(_ text: String) -> (negative: Bool, positive: Bool) {
        let tokens = tokens(text)
        guard !tokens.isEmpty else { return (false, false) }
        return (matches(tokens, negativeWords), matches(tokens, positiveWords))
    }

    /// Whether a short block of text reads as chrome rather than prose.
    /// Phrases that mark a short block as a prompt wherever they stand in it.
    static let linePhrases: [String] = [
        "click here", "sign up for", "subscribe to our", "follow us on", "[button", "tell us what you think",
        "share on facebook", "share on twitter", "all rights reserved",
    ]

    /// Whole blocks that are a single word of chrome.
    static let chromeWords: Set<String> = ["advert", "advertisement", "ad", "ads", "sponsored", "share", "tweet", "email", "print", "comments", "menu", "close"]

    static func isChromeLine(_ text: String) -> Bool {
        let lower = text.lowercased()
        if chromeWords.contains(lower.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))) { return true }
        if !text.contains(where: { $0.isLetter || $0.isNumber }) { return true }
        let tokens = text.split(separator: " ")
        if tokens.count >= 3 && tokens.allSatisfy({ $0.count <= 3 && $0.allSatisfy(\.isNumber) }) { return true }
        if linePrefixes.contains(where: { lower.hasPrefix($0) }) && text.count < 200 { return true }
        if text.count < 250 && linePhrases.contains(where: { lower.contains($0) }) { return true }
        return false
    }
}
