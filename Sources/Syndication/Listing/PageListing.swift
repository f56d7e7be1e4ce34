/// A web page that lists articles but publishes no feed, read as a feed: an OPML outline with
/// `type="html"` (or `sources add URL --page`).
///
/// Without ``item`` the listing is found by ``PageListingReader`` on its own (the repeated
/// block of headline links). With it, as FreshRSS's HTML+XPath sources do, each node ``item``
/// selects is one entry, and the other expressions are evaluated from that node.
public struct PageListing: Sendable, Hashable {
    /// XPath to the nodes that are one article each.
    public var item: String?
    /// XPath, from an item, to its title (default: the text of its first link).
    public var title: String?
    /// XPath, from an item, to its address (an element's `href`, an attribute, or a string;
    /// default: its first link's `href`).
    public var link: String?
    /// XPath, from an item, to its date (a `datetime` attribute or text a date parser reads).
    public var date: String?
    /// XPath, from an item, to its summary.
    public var summary: String?

    /// A listing found automatically, or by the expressions given.
    public init(item: String? = nil, title: String? = nil, link: String? = nil, date: String? = nil, summary: String? = nil) {
        self.item = item
        self.title = title
        self.link = link
        self.date = date
        self.summary = summary
    }

    /// Whether the entries are found without expressions.
    public var isAutomatic: Bool { item == nil }
}
