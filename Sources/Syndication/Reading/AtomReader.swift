import FeedwrightCore
import Foundation
import Markup

/// Reads Atom 1.0 (RFC 4287) and its predecessor Atom 0.3, whose element names differ
/// (`tagline`, `modified`, `issued`, `copyright`, `url`) and whose content has a `mode`.
///
/// The element readers are also used for `atom:` elements inside RSS.
struct AtomReader {
    let context: ReadingContext
    let format: FeedFormat

    /// Reads one child of the feed element: an entry, or a feed-level element.
    func consume(_ child: MarkupNode, into feed: inout Feed) {
        let key = context.key(child, family: 2, compute: AtomReader.key)
        if key.namespace == .atom10 && (key.name == "entry" || key.name == "item") {
            feed.entries.append(readEntry(child))
        } else {
            readFeedElement(child, key: key, into: &feed)
        }
    }

    /// Final touches once every child has been read.
    func finish(_ feed: Feed) -> Feed {
        var feed = feed
        if feed.alternateLink == nil, let id = feed.id, WebURL.isHTTP(id) {
            feed.links.append(Link(href: id))
        }
        return feed
    }

    /// Atom 0.3, Atom 1.0 and un-namespaced elements all read as Atom 1.0 names.
    static func key(_ node: MarkupNode) -> MarkupNodeKey {
        var namespace = Namespace(node: node)
        if namespace == .atom03 || namespace == .none { namespace = .atom10 }
        return MarkupNodeKey(namespace, node.bareName)
    }

    func readFeedElement(_ node: MarkupNode, key: MarkupNodeKey, into feed: inout Feed) {
        switch (key.namespace, key.name) {
        case (.atom10, "id"):
            feed.id = node.trimmedText
        case (.atom10, "title"):
            feed.title = node.atomText() ?? feed.title
        case (.atom10, "subtitle"), (.atom10, "tagline"):
            feed.subtitle = node.atomText() ?? feed.subtitle
        case (.atom10, "link"):
            if let link = readLink(node) { feed.links.append(link) }
        case (.atom10, "updated"), (.atom10, "modified"):
            feed.updated = context.date(node) ?? feed.updated
        case (.atom10, "published"), (.atom10, "issued"):
            feed.published = context.date(node) ?? feed.published
        case (.atom10, "author"):
            if let person = readPerson(node) { feed.authors.append(person) }
        case (.atom10, "contributor"):
            if let person = readPerson(node) { feed.contributors.append(person) }
        case (.atom10, "category"):
            if let category = readCategory(node) { feed.categories.append(category) }
        case (.atom10, "rights"), (.atom10, "copyright"):
            feed.rights = node.atomText() ?? feed.rights
        case (.atom10, "generator"):
            if let name = node.trimmedText {
                feed.generator = Generator(name: name, uri: (node.attribute("uri") ?? node.attribute("url")).map(node.resolve), version: node.attribute("version"))
            }
        case (.atom10, "icon"):
            feed.icon = node.trimmedText.map(node.resolve)
        case (.atom10, "logo"):
            if let url = node.trimmedText.map(node.resolve) { feed.image = Image(url: url) }
        case (.dc, "language"):
            feed.language = feed.language ?? node.trimmedText
        case (.itunes, "image"):
            if let href = node.attribute("href").map(node.resolve), feed.image == nil { feed.image = Image(url: href) }
        case (.feedHistory, "complete"):
            feed.history = feed.history ?? .complete
        case (.feedHistory, "archive"):
            // An archive is never the whole feed, whatever else the document says.
            feed.history = .archive
        case (.itunes, "author"):
            if feed.authors.isEmpty, let person = node.trimmedText.flatMap(AuthorString.person) { feed.authors.append(person) }
        default:
            return
        }
    }

    func readEntry(_ node: MarkupNode) -> Entry {
        var entry = Entry()
        for child in node.elements {
            readEntryElement(child, key: context.key(child, family: 2, compute: AtomReader.key), into: &entry)
        }
        entry.language = node.language
        if !entry.links.contains(where: { $0.relation == "alternate" }), let id = entry.id, WebURL.isHTTP(id) {
            // An entry without a page link whose id is a web address: that address is the page.
            entry.links.append(Link(href: id))
        }
        return entry
    }

    func readEntryElement(_ node: MarkupNode, key: MarkupNodeKey, into entry: inout Entry) {
        switch (key.namespace, key.name) {
        case (.atom10, "id"):
            entry.id = node.trimmedText ?? entry.id
        case (.atom10, "title"):
            entry.title = node.atomText() ?? entry.title
        case (.atom10, "link"):
            guard let link = readLink(node) else { return }
            if link.relation == "enclosure" {
                entry.enclosures.append(Enclosure(url: link.href, mediaType: link.mediaType, length: link.length))
            }
            entry.links.append(link)
        case (.atom10, "published"), (.atom10, "issued"):
            entry.published = context.date(node) ?? entry.published
        case (.atom10, "created"):
            entry.published = entry.published ?? context.date(node)
        case (.atom10, "updated"), (.atom10, "modified"):
            entry.updated = context.date(node) ?? entry.updated
        case (.atom10, "author"):
            if let person = readPerson(node) { entry.authors.append(person) }
        case (.atom10, "contributor"):
            if let person = readPerson(node) { entry.contributors.append(person) }
        case (.atom10, "summary"):
            entry.summary = node.atomText() ?? entry.summary
        case (.atom10, "content"):
            if let source = node.attribute("src") {
                // Out-of-line content (RFC 4287 §4.1.3.2): a pointer, not the entry's page.
                entry.links.append(Link(href: node.resolve(source), relation: "related", mediaType: node.attribute("type")))
            } else {
                entry.content = node.atomText() ?? entry.content
            }
        case (.atom10, "category"):
            if let category = readCategory(node) { entry.categories.append(category) }
        case (.atom10, "rights"), (.atom10, "copyright"):
            entry.rights = node.atomText() ?? entry.rights
        case (.dc, "creator"), (.itunes, "author"):
            if let person = node.trimmedText.flatMap(AuthorString.person), !entry.authors.contains(person) {
                entry.authors.append(person)
            }
        case (.dc, "subject"):
            if let term = node.trimmedText { entry.categories.append(Category(term: term)) }
        case (.itunes, "category"):
            ITunesModule.categories(node, into: &entry.categories)
        case (.itunes, "keywords"):
            for keyword in node.textContent.split(separator: ",") {
                let term = keyword.trimmed()
                if !term.isEmpty { entry.categories.append(Category(term: term)) }
            }
        case (.dc, "date"):
            entry.updated = entry.updated ?? context.date(node)
        case (.media, _):
            MediaModule.read(node, name: key.name, into: &entry)
        case (.content, "encoded"):
            entry.content = entry.content ?? node.rssText(plainByDefault: false)
        case (.itunes, "duration"):
            entry.duration = ITunesModule.duration(node.textContent)
        default:
            return
        }
    }

    private func readLink(_ node: MarkupNode) -> Link? {
        // Atom 0.3 and stray RSS-style links put the URL in the text instead of href.
        guard let raw = node.attribute("href") ?? node.trimmedText else { return nil }
        let href = raw.trimmed()
        let relation = node.attribute("rel")?.trimmed().lowercased()
        return Link(
            href: node.resolve(href),
            relation: relation.flatMap { $0.isEmpty ? nil : $0 } ?? "alternate",
            mediaType: node.attribute("type"),
            hreflang: node.attribute("hreflang"),
            title: node.attribute("title"),
            length: node.integer(node.attribute("length"))
        )
    }

    private func readPerson(_ node: MarkupNode) -> Person? {
        var person = Person()
        for child in node.elements {
            switch child.localName.lowercased() {
            case "name": person.name = child.trimmedText
            case "email": person.email = child.trimmedText
            case "uri", "url", "homepage": person.uri = child.trimmedText.map(child.resolve)
            default: continue
            }
        }
        if person.name == nil && person.email == nil && person.uri == nil, let text = node.trimmedText {
            return AuthorString.person(text)
        }
        return person.displayName == nil ? nil : person
    }

    private func readCategory(_ node: MarkupNode) -> Category? {
        guard let term = (node.attribute("term") ?? node.trimmedText)?.trimmed(), !term.isEmpty else {
            return nil
        }
        return Category(term: term, scheme: node.attribute("scheme"), label: node.attribute("label"))
    }
}
