import FeedwrightCore
import Foundation
import Markup

/// Reads RSS 0.90–0.94, RSS 1.0 (RDF) and RSS 2.0, with the extensions publishers mix in.
///
/// The three families share element names, so one reader serves them all: RSS 1.0 and 0.90
/// keep their items beside the channel, RSS 2.0 inside it. Element names are matched without
/// regard to case, as feedparser does, because feeds write `pubdate` and `PubDate` alike.
struct RSSReader {
    let context: ReadingContext
    let format: FeedFormat

    /// Whether the document is RDF-shaped (RSS 0.90 and 1.0), with items beside the channel.
    var isRDF: Bool { format == .rss10 || format == .rss09x && rdfRoot }
    var rdfRoot = false

    init(context: ReadingContext, format: FeedFormat, rdfRoot: Bool = false) {
        self.context = context
        self.format = format
        self.rdfRoot = rdfRoot
    }

    /// Reads one streamed element: the whole channel (RSS 1.0), a channel child (RSS 2.0,
    /// whose channel is walked into), an item, or an RDF-level image.
    func consume(_ node: MarkupNode, depth: Int, rootIsChannel: Bool, into feed: inout Feed) {
        let key = context.key(node, family: 1, compute: RSSReader.key)
        if key.namespace == .none && key.name == "item" {
            feed.entries.append(readItem(node))
            return
        }
        if key.namespace == .none && key.name == "channel" && depth == 1 && !rootIsChannel {
            if format == .rss10 || format == .rss09x {
                feed.id = node.attribute("about", namespace: Namespace.rdfURI) ?? feed.id
            }
            for child in node.elements {
                let childKey = context.key(child, family: 1, compute: RSSReader.key)
                if childKey.namespace == .none && childKey.name == "item" {
                    feed.entries.append(readItem(child))
                } else {
                    readChannelElement(child, key: childKey, into: &feed)
                }
            }
            if feed.language == nil { feed.language = node.language }
            return
        }
        if depth == 1 && !rootIsChannel && !(key.namespace == .none && key.name == "image") {
            return
        }
        readChannelElement(node, key: key, into: &feed)
    }

    func finish(_ feed: Feed) -> Feed {
        var feed = feed
        feed.updateHint = context.schedule.hint(combinedWith: feed.updateHint)
        return feed
    }

    /// Namespace (with RSS 1.0 and 0.90 folded into "no namespace") and lower-cased name.
    static func key(_ node: MarkupNode) -> MarkupNodeKey {
        var namespace = Namespace(node: node)
        if namespace == .rss10 || namespace == .rss090 { namespace = .none }
        return MarkupNodeKey(namespace, node.bareName)
    }

    func readChannelElement(_ node: MarkupNode, key: MarkupNodeKey, into feed: inout Feed) {
        switch (key.namespace, key.name) {
        case (.none, "title"), (.dc, "title"):
            if feed.title == nil || key.namespace == .none { feed.title = node.rssText(plainByDefault: true) ?? feed.title }
        case (.none, "link"):
            if let href = node.trimmedText, !feed.links.contains(where: { $0.relation == "alternate" }) {
                feed.links.append(Link(href: node.resolve(href)))
            }
        case (.none, "description"), (.dc, "description"), (.itunes, "subtitle"), (.none, "abstract"):
            if feed.subtitle == nil || key.namespace == .none { feed.subtitle = node.rssText(plainByDefault: false) ?? feed.subtitle }
        case (.itunes, "summary"):
            if feed.subtitle == nil { feed.subtitle = node.rssText(plainByDefault: false) }
        case (.none, "language"):
            feed.language = node.trimmedText ?? feed.language
        case (.dc, "language"):
            feed.language = feed.language ?? node.trimmedText
        case (.none, "copyright"), (.dc, "rights"):
            feed.rights = feed.rights ?? node.rssText(plainByDefault: true)
        case (.none, "managingeditor"), (.dc, "creator"), (.itunes, "author"), (.dc, "publisher"):
            if let person = node.trimmedText.flatMap(AuthorString.person), !feed.authors.contains(person) {
                feed.authors.append(person)
            }
        case (.none, "pubdate"), (.dcterms, "issued"):
            feed.published = feed.published ?? context.date(node)
        case (.none, "lastbuilddate"), (.dc, "date"), (.dcterms, "modified"):
            feed.updated = feed.updated ?? context.date(node)
        case (.none, "category"), (.dc, "subject"):
            if let term = node.trimmedText {
                feed.categories.append(Category(term: term, scheme: node.attribute("domain")))
            }
        case (.itunes, "category"):
            ITunesModule.categories(node, into: &feed.categories)
        case (.none, "generator"):
            if let name = node.trimmedText { feed.generator = Generator(name: name) }
        case (.none, "ttl"):
            if let minutes = node.integer(node.textContent), minutes > 0 {
                feed.updateHint = UpdateHint(interval: TimeInterval(minutes * 60))
            }
        case (.sy, _):
            context.schedule.read(node, name: key.name)
        case (.feedHistory, _):
            AtomReader(context: context, format: .atom10).readFeedElement(node, key: key, into: &feed)
        case (.none, "image"):
            if let image = readImage(node) { feed.image = image }
        case (.itunes, "image"):
            if let href = node.attribute("href").map(node.resolve), feed.image == nil { feed.image = Image(url: href) }
        case (.atom10, _), (.atom03, _):
            AtomReader(context: context, format: .atom10).readFeedElement(node, key: key, into: &feed)
        default:
            return
        }
    }

    private func readImage(_ node: MarkupNode) -> Image? {
        var url: String?, title: String?, link: String?, width: Int?, height: Int?
        if let about = node.attribute("resource", namespace: Namespace.rdfURI) ?? node.attribute("about", namespace: Namespace.rdfURI) {
            url = node.resolve(about)
        }
        for child in node.elements {
            switch child.localName.lowercased() {
            case "url": url = child.trimmedText.map(child.resolve) ?? url
            case "title": title = child.trimmedText
            case "link": link = child.trimmedText.map(child.resolve)
            case "width": width = child.integer(child.textContent)
            case "height": height = child.integer(child.textContent)
            default: continue
            }
        }
        guard let url else { return nil }
        return Image(url: url, title: title, link: link, width: width, height: height)
    }

    func readItem(_ item: MarkupNode) -> Entry {
        var entry = Entry()
        var guidIsPermalink = false
        var guidValue: String?
        if let about = item.attribute("about", namespace: Namespace.rdfURI) {
            entry.id = about
        }
        if let href = item.attribute("href") ?? item.attribute("HREF") {
            // Microsoft CDF puts the item's URL on the element itself.
            entry.links.append(Link(href: item.resolve(href)))
        }
        if let modified = item.attribute("lastmod") ?? item.attribute("LASTMOD") {
            entry.updated = DateParser.parse(modified)
        }
        for child in item.elements {
            let key = context.key(child, family: 1, compute: RSSReader.key)
            // Cases are tried in order, a string comparison each: the elements nearly every
            // item has come first.
            switch (key.namespace, key.name) {
            case (.none, "title"):
                entry.title = child.rssText(plainByDefault: true) ?? entry.title
            case (.dc, "title"):
                entry.title = entry.title ?? child.rssText(plainByDefault: true)
            case (.none, "link") where child.attribute("href") != nil:
                AtomReader(context: context, format: .atom10).readEntryElement(child, key: MarkupNodeKey(.atom10, "link"), into: &entry)
            case (.none, "link"):
                if let href = child.trimmedText, !entry.links.contains(where: { $0.relation == "alternate" }) {
                    entry.links.insert(Link(href: child.resolve(href)), at: 0)
                }
            case (.none, "guid"):
                if let value = child.trimmedText {
                    guidValue = value
                    entry.id = value
                    guidIsPermalink = (child.attribute("ispermalink") ?? child.attribute("isPermaLink"))?.lowercased() != "false"
                }
            case (.none, "pubdate"), (.dcterms, "issued"):
                entry.published = entry.published ?? context.date(child)
            case (.none, "description"):
                entry.summary = child.rssText(plainByDefault: false) ?? entry.summary
            case (.none, "category"), (.dc, "subject"):
                if let term = child.ownText {
                    entry.categories.append(Category(term: term, scheme: child.attribute("domain")))
                }
            case (.none, "abstract"):
                entry.summary = entry.summary ?? child.rssText(plainByDefault: false)
            case (.none, "summary"):
                // feedparser's reading, kept for agreement: a second summary is the body.
                if entry.summary == nil {
                    entry.summary = child.rssText(plainByDefault: false)
                } else if entry.content == nil {
                    entry.content = child.rssText(plainByDefault: false)
                }
            case (.none, "body"):
                let html = child.innerHTML.trimmed()
                if !html.isEmpty { entry.content = Text(html, kind: .html) }
            case (.none, "tags"), (.itunes, "keywords"):
                for keyword in child.textContent.split(separator: ",") {
                    let term = keyword.trimmed()
                    if !term.isEmpty { entry.categories.append(Category(term: term)) }
                }
            case (.itunes, "category"):
                ITunesModule.categories(child, into: &entry.categories)
            case (.none, "id"), (.none, "updated"), (.none, "published"), (.none, "issued"), (.none, "modified"), (.none, "content"):
                AtomReader(context: context, format: .atom10).readEntryElement(child, key: MarkupNodeKey(.atom10, key.name), into: &entry)
            case (.dc, "description"), (.itunes, "summary"):
                entry.summary = entry.summary ?? child.rssText(plainByDefault: false)
            case (.content, "encoded"), (.none, "fullitem"):
                entry.content = child.rssText(plainByDefault: false) ?? entry.content
            case (.xhtml, "body"), (.xhtml, "div"):
                let html = child.innerHTML.trimmed()
                if !html.isEmpty { entry.content = Text(html, kind: .html) }
            case (.dc, "identifier"):
                entry.id = entry.id ?? child.trimmedText
            case (.dc, "date"), (.dcterms, "modified"):
                entry.updated = entry.updated ?? context.date(child)
            case (.dcterms, "created"):
                entry.published = entry.published ?? context.date(child)
            case (.none, "author") where child.elements.contains(where: { _ in true }):
                AtomReader(context: context, format: .atom10).readEntryElement(child, key: MarkupNodeKey(.atom10, "author"), into: &entry)
            case (.none, "author"), (.dc, "creator"), (.itunes, "author"), (.dc, "contributor"), (.dc, "author"):
                if let person = child.trimmedText.flatMap(AuthorString.person) {
                    if key.name == "contributor" {
                        entry.contributors.append(person)
                    } else if !entry.authors.contains(person) {
                        entry.authors.append(person)
                    }
                }
            case (.none, "comments"):
                entry.commentsLink = child.trimmedText.map(child.resolve)
            case (.none, "enclosure"):
                if let url = child.attribute("url")?.trimmed(), !url.isEmpty {
                    entry.enclosures.append(Enclosure(url: child.resolve(url), mediaType: child.attribute("type"), length: child.integer(child.attribute("length"))))
                }
            case (.none, "rights"), (.dc, "rights"):
                entry.rights = child.rssText(plainByDefault: true)
            case (.dc, "language"):
                entry.language = child.trimmedText
            case (.itunes, "duration"):
                entry.duration = ITunesModule.duration(child.textContent)
            case (.itunes, "image"):
                if let href = child.attribute("href") { entry.images.append(Image(url: child.resolve(href))) }
            case (.media, _):
                MediaModule.read(child, name: key.name, into: &entry)
            case (.atom10, _), (.atom03, _):
                AtomReader(context: context, format: .atom10).readEntryElement(child, key: key, into: &entry)
            default:
                continue
            }
        }
        if let guidValue, guidIsPermalink, !entry.links.contains(where: { $0.relation == "alternate" }) {
            entry.links.append(Link(href: item.resolve(guidValue)))
        }
        entry.language = entry.language ?? item.language
        return entry
    }
}

