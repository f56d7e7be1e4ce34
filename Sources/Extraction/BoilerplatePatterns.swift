/// Words in `class` and `id` attributes, and phrases in short blocks, that mark page chrome.
///
/// The lists are about what sites call their furniture, not about any one site.
enum BoilerplatePatterns {
    /// Class/id words that mark chrome: navigation, sharing, promotion, comments, related links.
    static let negativeWords: [String] = [
        "comment", "disqus", "footer", "footnote", "sidebar", "side-bar", "share", "sharing", "social",
        "related", "recommend", "promo", "subscribe", "newsletter", "signup", "sign-up", "advert", "adslot",
        "ad-slot", "ad-container", "ad-wrapper", "dfp", "sponsor", "cookie", "consent", "gdpr", "banner",
        "breadcrumb", "masthead", "menu", "navbar", "nav-", "-nav", "pagination", "pager", "popup", "modal",
        "overlay", "widget", "outbrain", "taboola", "byline", "author-bio", "tags", "tag-list", "toolbar",
        "caption", "credit", "most-popular", "mostpopular", "trending", "read-more", "readmore", "more-stories",
        "newsfeed", "skip", "print-only", "hidden", "visually-hidden", "sr-only", "teaser", "login", "paywall",
        "rating", "reaction", "follow", "jump", "inline-link", "meta",
    ]

    /// Class/id words that mark the article itself; they outweigh a negative word.
    static let positiveWords: [String] = [
        "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "prose", "rich-text",
        "articlebody", "article-body", "post-body", "entry-content", "story-body",
    ]

    /// Elements whose whole subtree is never article text.
    static let excludedElements: Set<String> = [
        "script", "style", "noscript", "template", "svg", "nav", "aside", "footer", "form", "button", "select",
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
        let lower = text.lowercased()
        guard !lower.isEmpty else { return (false, false) }
        let negative = negativeWords.contains { lower.contains($0) }
        let positive = positiveWords.contains { lower.contains($0) }
        return (negative, positive)
    }

    /// Whether a short block of text reads as chrome rather than prose.
    static func isChromeLine(_ text: String) -> Bool {
        let lower = text.lowercased()
        if linePrefixes.contains(where: { lower.hasPrefix($0) }) && text.count < 200 { return true }
        return false
    }
}
