import FeedwrightCore
import Foundation
import Markup

/// Writes the feed model as RFC 4287 Atom that is valid whatever the model holds.
///
/// Every required element is always present: ids are kept when they are IRIs and otherwise
/// derived deterministically (``StableIdentifier``); `updated` falls back from the entry's own
/// dates to the feed's and finally to ``Options/fallbackDate`` (the fetch or conversion time);
/// an entry without an author inherits the feed's, and a feed without any author gets one named
/// after the feed. Characters XML forbids are removed and all text is escaped exactly once by
/// libxml2's writer.
public struct AtomWriter: Sendable {
    /// Choices for one written feed.
    public struct Options: Sendable {
        /// The URL the feed will be served from: written as `rel="self"` and used to derive ids.
        public var selfURL: String?
        /// The instant used for missing dates, typically the fetch or conversion time.
        public var fallbackDate: Date
        /// Keep at most this many entries (newest first); nil keeps all.
        public var maxEntries: Int?
        /// Pretty-print the document.
        public var indent: Bool

        public init(selfURL: String? = nil, fallbackDate: Date = Date(), maxEntries: Int? = nil, indent: Bool = true) {
            self.selfURL = selfURL
            self.fallbackDate = fallbackDate
            self.maxEntries = maxEntries
            self.indent = indent
        }
    }

    /// The generator written into every feed.
    public static let generator = Generator(name: Product.name, uri: Product.homepage, version: Product.version)

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The Atom document for `feed`, as UTF-8 bytes.
    public func write(_ feed: Feed) throws(SyndicationError) -> [UInt8] {
        let writer: XMLWriter
        do {
            writer = try XMLWriter(indent: options.indent)
        } catch {
            throw .unwritable(error.description)
        }
        let feedID = feedIdentifier(feed)
        let entries = orderedEntries(feed)
        let feedUpdated = entries.map(\.updated).max() ?? feed.updated ?? feed.published ?? options.fallbackDate

        writer.startElement("feed")
        writer.attribute("xmlns", "http://www.w3.org/2005/Atom")
        if feed.history != nil { writer.attribute("xmlns:fh", FeedHistory.namespace) }
        if let language = feed.language.flatMap(Self.languageTag) { writer.attribute("xml:lang", language) }
        writer.element("id", text: feedID)
        writeText("title", feed.title ?? Text(feed.alternateLink ?? options.selfURL ?? "Untitled feed"), to: writer)
        if let subtitle = feed.subtitle { writeText("subtitle", subtitle, to: writer) }
        writer.element("updated", text: TimestampFormat.rfc3339(feedUpdated))
        var authors = feed.authors.filter { $0.name != nil || $0.email != nil }
        if authors.isEmpty && entries.contains(where: { $0.entry.authors.allSatisfy { $0.name == nil && $0.email == nil } }) {
            authors = [Person(name: feed.title.map { HTMLText.plainText($0.value) ?? $0.value } ?? host(of: feed.alternateLink) ?? "Unknown")]
        }
        for author in authors { writePerson("author", author, to: writer) }
        for contributor in feed.contributors where contributor.name != nil || contributor.email != nil {
            writePerson("contributor", contributor, to: writer)
        }
        var links = feed.links.filter { $0.relation != "self" }
        if let selfURL = options.selfURL ?? feed.selfLink {
            links.insert(Link(href: selfURL, relation: "self", mediaType: "application/atom+xml"), at: 0)
        }
        for link in unique(links) { writeLink(link, to: writer) }
        if let history = feed.history {
            writer.element("fh:" + history.rawValue)
        }
        for category in feed.categories { writeCategory(category, to: writer) }
        if let rights = feed.rights { writeText("rights", rights, to: writer) }
        let generator = Self.generator
        writer.element("generator", text: generator.name, attributes: [("uri", generator.uri ?? ""), ("version", generator.version ?? "")])
        if let icon = feed.icon.flatMap(clean), !icon.isEmpty { writer.element("icon", text: icon) }
        if let logo = feed.image?.url, let cleaned = clean(logo), !cleaned.isEmpty { writer.element("logo", text: cleaned) }
        var seenIDs: Set<String> = []
        for item in entries {
            writeEntry(item, feedID: feedID, seenIDs: &seenIDs, to: writer)
        }
        writer.endElement()
        do {
            return try writer.finish()
        } catch {
            throw .unwritable(error.description)
        }
    }

    // MARK: Entries

    struct DatedEntry {
        var entry: Entry
        var updated: Date
        var index: Int
    }

    /// Entries newest first (by `updated`, then `published`), ties in source order, capped.
    func orderedEntries(_ feed: Feed) -> [DatedEntry] {
        let fallback = feed.updated ?? feed.published ?? options.fallbackDate
        var dated = feed.entries.enumerated().map { index, entry in
            DatedEntry(entry: entry, updated: entry.updated ?? entry.published ?? fallback, index: index)
        }
        dated.sort { $0.updated != $1.updated ? $0.updated > $1.updated : $0.index < $1.index }
        if let cap = options.maxEntries, dated.count > cap { dated.removeLast(dated.count - cap) }
        return dated
    }

    private func writeEntry(_ item: DatedEntry, feedID: String, seenIDs: inout Set<String>, to writer: XMLWriter) {
        let entry = item.entry
        writer.startElement("entry")
        if let language = entry.language.flatMap(Self.languageTag) { writer.attribute("xml:lang", language) }
        var id = entryIdentifier(entry, feedID: feedID)
        if seenIDs.contains(id) {
            // The source repeated an id: a reader would merge the two, so the later one gets
            // an id of its own, derived from what distinguishes it.
            id = StableIdentifier.uuid(from: [feedID, id, entry.alternateLink ?? "", entry.title?.value ?? "", String(item.index)])
        }
        seenIDs.insert(id)
        writer.element("id", text: id)
        writeText("title", entry.title ?? Text(entry.alternateLink ?? "Untitled"), to: writer)
        writer.element("updated", text: TimestampFormat.rfc3339(item.updated))
        if let published = entry.published { writer.element("published", text: TimestampFormat.rfc3339(published)) }
        for author in entry.authors where author.name != nil || author.email != nil { writePerson("author", author, to: writer) }
        for contributor in entry.contributors where contributor.name != nil || contributor.email != nil {
            writePerson("contributor", contributor, to: writer)
        }
        var links = entry.links.filter { $0.relation != "enclosure" }
        for enclosure in entry.enclosures {
            links.append(Link(href: enclosure.url, relation: "enclosure", mediaType: enclosure.mediaType, length: enclosure.length))
        }
        if let comments = entry.commentsLink { links.append(Link(href: comments, relation: "replies", mediaType: "text/html")) }
        for link in unique(links) { writeLink(link, to: writer) }
        for category in entry.categories { writeCategory(category, to: writer) }
        if let summary = entry.summary { writeText("summary", summary, to: writer) }
        if let content = entry.content {
            writeText("content", content, to: writer)
        } else if entry.alternateLink == nil {
            // RFC 4287 §4.1.1.1: an entry without an alternate link must have content.
            writeText("content", entry.summary ?? Text(""), to: writer)
        }
        if let rights = entry.rights { writeText("rights", rights, to: writer) }
        writer.endElement()
    }

    // MARK: Identity

    func feedIdentifier(_ feed: Feed) -> String {
        if let id = feed.id?.trimmed(), StableIdentifier.isIRI(id) { return id }
        let basis = options.selfURL ?? feed.selfLink ?? feed.alternateLink ?? feed.title?.value ?? ""
        return StableIdentifier.uuid(from: ["feed", basis, feed.id ?? ""])
    }

    func entryIdentifier(_ entry: Entry, feedID: String) -> String {
        if let id = entry.id?.trimmed(), StableIdentifier.isIRI(id) { return id }
        if let id = entry.id?.trimmed(), !id.isEmpty { return StableIdentifier.uuid(from: [feedID, "id", id]) }
        if let link = entry.alternateLink { return StableIdentifier.uuid(from: [feedID, "link", link]) }
        return StableIdentifier.uuid(from: [feedID, "content", entry.title?.value ?? "", entry.content?.value ?? entry.summary?.value ?? ""])
    }

    // MARK: Constructs

    private func writeText(_ name: String, _ text: Text, to writer: XMLWriter) {
        writer.startElement(name)
        if text.kind != .text { writer.attribute("type", "html") }
        writer.text(XMLCharacters.cleaned(text.value))
        writer.endElement()
    }

    private func writePerson(_ name: String, _ person: Person, to writer: XMLWriter) {
        writer.startElement(name)
        writer.element("name", text: clean(person.name ?? person.email ?? "") ?? "")
        if let email = person.email.flatMap(clean), !email.isEmpty { writer.element("email", text: email) }
        if let uri = person.uri.flatMap(clean), !uri.isEmpty { writer.element("uri", text: uri) }
        writer.endElement()
    }

    private func writeLink(_ link: Link, to writer: XMLWriter) {
        guard let href = clean(link.href), !href.isEmpty else { return }
        writer.startElement("link")
        writer.attribute("rel", clean(link.relation) ?? "alternate")
        if let type = link.mediaType.flatMap(clean), !type.isEmpty { writer.attribute("type", type) }
        writer.attribute("href", href)
        if let hreflang = link.hreflang.flatMap(clean), !hreflang.isEmpty { writer.attribute("hreflang", hreflang) }
        if let title = link.title.flatMap(clean), !title.isEmpty { writer.attribute("title", title) }
        if let length = link.length, length >= 0 { writer.attribute("length", String(length)) }
        writer.endElement()
    }

    private func writeCategory(_ category: Category, to writer: XMLWriter) {
        guard let term = clean(category.term), !term.isEmpty else { return }
        writer.startElement("category")
        writer.attribute("term", term)
        if let scheme = category.scheme.flatMap(clean), !scheme.isEmpty { writer.attribute("scheme", scheme) }
        if let label = category.label.flatMap(clean), !label.isEmpty { writer.attribute("label", label) }
        writer.endElement()
    }

    /// A BCP 47-shaped language tag (`en-US` from `en_US`), or nil for anything that is not
    /// one: `xml:lang` must hold a valid tag.
    static func languageTag(_ raw: String) -> String? {
        let tag = raw.trimmed().replacingOccurrences(of: "_", with: "-")
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (1...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        for part in parts.dropFirst() where !((1...8).contains(part.count) && part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })) {
            return nil
        }
        return tag
    }

    private func clean(_ value: String) -> String? {
        XMLCharacters.cleaned(value).trimmed()
    }

    /// Links without repeats; at most one `alternate` per type and language (RFC 4287 §4.1.1).
    private func unique(_ links: [Link]) -> [Link] {
        var seen: Set<String> = []
        return links.filter { link in
            let target = link.relation == "alternate" ? "" : link.href
            return seen.insert(link.relation + "\u{0}" + (link.mediaType ?? "") + "\u{0}" + (link.hreflang ?? "") + "\u{0}" + target).inserted
        }
    }

    private func host(of url: String?) -> String? {
        url.flatMap { URLComponents(string: $0)?.host }
    }
}
