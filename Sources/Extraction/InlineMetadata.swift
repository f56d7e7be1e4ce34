import Markup
import Syndication

/// An article's title, author and dates as the page's body marks them: hAtom microformats
/// (`entry-title`, `published`, `updated`, an `author` with its `fn`; inside an `hentry` or `h-entry`), schema.org
/// microdata (`itemprop=headline`, `author`, `datePublished`) and RDFa (`property=dc:date`).
///
/// Pages of the blog engines of an earlier decade (Blogger, WordPress and Drupal themes) carry
/// no OpenGraph or JSON-LD, and their first `h1` is the blog's name; these marks are where they
/// say which heading is the post's and when it was written. The first mark of each kind wins:
/// the post comes before its comments, whose authors are marked the same way.
struct InlineMetadata {
    /// The texts marked `entry-title`, up to a few: a page may mark its section's banner
    /// ("Blog") the same way before the post's own title.
    private(set) var entryTitles: [String] = []
    private(set) var itemHeadline: String?
    private(set) var author: String?
    /// The first link marked `rel="author"` (the post's author page, as WordPress themes and
    /// other engines link the byline's name): weaker than a marked author.
    private(set) var linkedAuthor: String?
    private(set) var published: String?
    private(set) var modified: String?
    /// The date a theme prints by the post (`entry-date`, `post-date`), read from its words:
    /// weaker than a marked `published`.
    private(set) var printedDate: String?

    /// A name longer than this is a sentence ("View all posts by …"), not a name.
    static let longestName = 80
    /// An `author` class without a marked name inside holds a name only in this many words.
    static let unmarkedNameWords = 5
    static let entryTitleLimit = 4

    /// The post's title: the first `entry-title` the document's `<title>` names (a section
    /// banner marked the same way is not), else the first; then microdata's `headline`.
    func headline(documentTitle: String?) -> String? {
        let usable = entryTitles.filter { $0.count > 3 }
        if let documentTitle = documentTitle.map(Headline.normalised),
           let named = usable.first(where: { documentTitle.contains(Headline.normalised($0)) }) { return named }
        return usable.first ?? itemHeadline
    }

    /// The attributes ``note(_:inEntry:)`` reads, fetched in one walk of the element's list.
    private static let markAttributes = MarkupAttributeNames(["itemprop", "property", "class", "rel"])

    /// Reads one element's marks; called for every element of the page in document order,
    /// with whether it is inside a post. Returns whether its children are: an element marked
    /// as a post by hAtom or microformats2 (`hentry`, `h-entry`) opens one. The class marks
    /// count only inside one, where they describe the post (an encyclopedia's infobox marks its
    /// subject's founding date as `published` too).
    mutating func note(_ element: MarkupNode, inEntry: Bool) -> Bool {
        guard element.hasAttributes else { return inEntry }
        let values = element.attributes(InlineMetadata.markAttributes)
        if let itemprop = values[0]?.lowercased() {
            switch itemprop {
            case "headline" where itemHeadline == nil: itemHeadline = InlineMetadata.text(of: element)
            case "author" where author == nil: author = InlineMetadata.name(in: element, words: .max, marked: { $0.attribute("itemprop")?.lowercased() == "name" })
            case "datepublished" where published == nil: published = InlineMetadata.date(of: element)
            case "datemodified" where modified == nil: modified = InlineMetadata.date(of: element)
            default: break
            }
        }
        if published == nil, let property = values[1]?.lowercased(),
           property.split(separator: " ").contains(where: { $0 == "dc:date" || $0 == "dc:created" || $0 == "dcterms:created" }) {
            published = element.attribute("content").flatMap(InlineMetadata.parsable)
        }
        if linkedAuthor == nil, let rel = values[3], element.hasName("a"),
           rel.lowercased().split(separator: " ").contains("author") {
            // A name, not a prompt to the author's page ("View all posts by …").
            linkedAuthor = InlineMetadata.shortName(HTMLText.plainText(of: element)).flatMap { name in
                name.split(separator: " ").count <= InlineMetadata.unmarkedNameWords && !name.contains(where: \.isNumber)
                    && !name.lowercased().contains(" by ") ? name : nil
            }
        }
        // Most classes name none of the marks: a byte search spares splitting them.
        guard let classes = values[2], InlineMetadata.mayMark(classes) else { return inEntry }
        let tokens = classes.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        guard inEntry || tokens.contains(where: { $0 == "hentry" || $0 == "h-entry" }) else { return false }
        // A reader's name in a comment is marked as an author too.
        let inComment = tokens.contains { $0.hasPrefix("comment") }
        for token in tokens {
            switch token {
            case "entry-title":
                if entryTitles.count < InlineMetadata.entryTitleLimit, let text = InlineMetadata.text(of: element) { entryTitles.append(text) }
            case "published", "dt-published": if published == nil { published = InlineMetadata.date(of: element) }
            case "updated", "dt-updated": if modified == nil { modified = InlineMetadata.date(of: element) }
            case "entry-date", "post-date": if printedDate == nil { printedDate = InlineMetadata.date(of: element) }
            case _ where token == "author" || token.hasSuffix("-author"):
                guard author == nil, !inComment, !Paragraph.isHeadingTag(element.localName) else { continue }
                // `post-author` and its kin name a name only through an `fn` inside them: a
                // theme's `meta-prep-author` is the words "Posted by".
                let words = token == "author" || token == "p-author" ? InlineMetadata.unmarkedNameWords : 0
                author = InlineMetadata.name(in: element, words: words, marked: { node in
                    node.attribute("class")?.lowercased().split(separator: " ").contains { $0 == "fn" || $0 == "p-name" } == true
                })
            default: continue
            }
        }
        return true
    }

    /// Whether a class value may hold a mark (`hentry`, `entry-title`, `entry-date`,
    /// `published`, `updated`, an author, `post-date`), by the bytes of their stems.
    private static func mayMark(_ classes: String) -> Bool {
        var classes = classes
        return classes.withUTF8 { bytes in
            // One pass: at each byte, only the stems starting with it are compared.
            for start in bytes.indices {
                for needle in markStems[bytes[start] | 0x20] where needle.count <= bytes.count - start {
                    var matched = 1
                    while matched < needle.count, bytes[start + matched] | 0x20 == needle[matched] { matched += 1 }
                    if matched == needle.count { return true }
                }
            }
            return false
        }
    }

    /// The stems ``mayMark(_:)`` looks for, lower-case.
    private static let markStems = FirstByteBuckets(["entry", "publish", "updated", "author", "post-date"])

    private static func text(of element: MarkupNode) -> String? {
        element.attribute("content").flatMap(HTMLText.collapseWhitespace) ?? HTMLText.plainText(of: element)
    }

    /// The date an element gives in its attributes (`datetime`, hAtom's `abbr title`,
    /// `content`) or, failing those, in its text, when it reads as one.
    private static func date(of element: MarkupNode) -> String? {
        for value in [element.attribute("datetime"), element.attribute("title"), element.attribute("content")] {
            if let value, let date = parsable(value) { return date }
        }
        return HTMLText.plainText(of: element).flatMap { parsable($0) ?? VisibleDate.iso($0) }
    }

    private static func parsable(_ value: String) -> String? {
        DateParser.parse(value) == nil ? nil : value
    }

    /// The name inside an author mark: its marked descendant (`fn`, `itemprop=name`), else its
    /// own short text or `content`.
    private static func name(in element: MarkupNode, words: Int, marked: (MarkupNode) -> Bool) -> String? {
        for node in element.descendants(limit: 63) where marked(node) {
            return shortName(text(of: node))
        }
        if let content = shortName(element.attribute("content")) { return content }
        guard !element.elements.contains(where: { _ in true }), let text = shortName(HTMLText.plainText(of: element)),
              text.split(separator: " ").count <= words else { return nil }
        return text
    }

    private static func shortName(_ text: String?) -> String? {
        guard var text = text.flatMap(HTMLText.collapseWhitespace), text.count <= longestName else { return nil }
        if text.lowercased().hasPrefix("by ") { text = String(text.dropFirst(3)) }
        return text.isEmpty ? nil : text
    }
}
