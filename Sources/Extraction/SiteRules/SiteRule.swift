/// The extraction rules for one site, in the ftr-site-config format that Full-Text RSS and
/// wallabag read (help.fivefilters.org/full-text-rss/site-patterns.html): XPath 1.0 for the
/// parts of a page, edits made before extraction, and fetch settings for the site's articles.
///
/// Lists keep the file's order; when a site file and `global.txt` both apply, the site's
/// entries come first (``merged(with:)``), as Full-Text RSS does.
public struct SiteRule: Sendable {
    /// A pagination link, and the XPath that must match on the page for it to apply.
    public struct PageLink: Sendable, Hashable {
        /// XPath to the link (an `a`, its `@href`, or a string).
        public var xpath: String
        /// `if_page_contains`: the link applies only on pages this XPath matches.
        public var condition: String?

        /// A link XPath, applied only where `condition` matches when there is one.
        public init(xpath: String, condition: String? = nil) {
            self.xpath = xpath
            self.condition = condition
        }
    }

    /// XPath to the title, the first that matches wins.
    public var title: [String] = []
    /// XPath to the article body; the first that matches wins, all of its nodes kept.
    public var body: [String] = []
    /// XPath to the authors; every node of the first that matches is an author.
    public var author: [String] = []
    /// XPath to the publication date, the first that matches wins.
    public var date: [String] = []
    /// XPath to nodes removed before extraction.
    public var strip: [String] = []
    /// Elements whose `id` or `class` contains one of these strings are removed.
    public var stripIDOrClass: [String] = []
    /// Images whose `src` contains one of these strings are removed.
    public var stripImageSource: [String] = []
    /// XPath to attributes removed (`//img/@srcset`).
    public var stripAttribute: [String] = []
    /// XPath to elements replaced by their children.
    public var dissolve: [String] = []
    /// Elements wrapped in a new element: (tag, XPath).
    public var wrapIn: [(tag: String, xpath: String)] = []
    /// Byte strings replaced in the page before it is parsed, in order.
    public var replacements: [(find: String, replace: String)] = []
    /// HTTP headers sent with this site's article requests (`user-agent`, `referer`, `cookie`).
    public var httpHeaders: [String: String] = [:]
    /// Links to the whole article on one page.
    public var singlePageLink: [PageLink] = []
    /// Links to the article's next page.
    public var nextPageLink: [PageLink] = []
    /// The attribute lazy-loaded images keep their real address in.
    public var lazyLoadAttribute: String?
    /// `prune`: whether the generic extractor's cleaning runs inside the rule's body (default yes).
    public var prune: Bool?
    /// `skip_json_ld`: whether the page's JSON-LD is ignored (default no).
    public var skipJSONLD: Bool?
    /// `autodetect_on_failure`: whether the generic extractor runs when `body` matches nothing
    /// (default yes).
    public var autodetectOnFailure: Bool?
    /// `test_url` pages and, for each, the `test_contains` strings that follow it.
    public var tests: [(url: String, contains: [String])] = []
    /// Directives read and deliberately not acted on (`login_*`, `tidy`, …), by name.
    public var ignored: Set<String> = []
    /// Lines that were not understood: (line number, text), for `rules test` to show.
    public var unknown: [(line: Int, text: String)] = []

    /// An empty rule.
    public init() {}

    /// Whether the rule has nothing to apply.
    public var isEmpty: Bool {
        title.isEmpty && body.isEmpty && author.isEmpty && date.isEmpty && strip.isEmpty && stripIDOrClass.isEmpty
            && stripImageSource.isEmpty && stripAttribute.isEmpty && dissolve.isEmpty && wrapIn.isEmpty && replacements.isEmpty
            && httpHeaders.isEmpty && singlePageLink.isEmpty && nextPageLink.isEmpty && lazyLoadAttribute == nil
    }

    /// This rule followed by `fallback`'s entries; this rule's settings win.
    public func merged(with fallback: SiteRule) -> SiteRule {
        var merged = self
        merged.title += fallback.title
        merged.body += fallback.body
        merged.author += fallback.author
        merged.date += fallback.date
        merged.strip += fallback.strip
        merged.stripIDOrClass += fallback.stripIDOrClass
        merged.stripImageSource += fallback.stripImageSource
        merged.stripAttribute += fallback.stripAttribute
        merged.dissolve += fallback.dissolve
        merged.wrapIn += fallback.wrapIn
        merged.replacements += fallback.replacements
        merged.httpHeaders.merge(fallback.httpHeaders) { own, _ in own }
        merged.singlePageLink += fallback.singlePageLink
        merged.nextPageLink += fallback.nextPageLink
        merged.lazyLoadAttribute = lazyLoadAttribute ?? fallback.lazyLoadAttribute
        merged.prune = prune ?? fallback.prune
        merged.skipJSONLD = skipJSONLD ?? fallback.skipJSONLD
        merged.autodetectOnFailure = autodetectOnFailure ?? fallback.autodetectOnFailure
        return merged
    }
}
