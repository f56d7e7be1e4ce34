import Markup

/// Where the article's headline stands among a page's text runs, and how far a container
/// starts from it.
///
/// The body of an article follows its headline closely: a kicker, a byline or a date may come
/// between them, not a column of other text. A promotion box or a sidebar essay can out-write
/// a short story, but it stands elsewhere on the page. So the headline's position is one of the
/// scorer's signals (``ContentScorer``), never the only one: a container that starts right
/// after the headline earns the points of a class word.
struct Headline {
    /// A heading read as the headline, with the index of the first run after it.
    struct Mark {
        var node: MarkupNode
        var next: Int
        /// Whether the heading is a run of the page, at `next - 1`, not one of a `<header>`
        /// the walk reads as chrome.
        var isRun = true
    }

    /// The headings that read as the headline, in document order: a heading whose text is the
    /// page's title (its metadata title or its `<title>`, which may carry the site's name), or
    /// a run that is not a link and says exactly the title. A heading inside a `<header>`,
    /// which the walk reads as chrome, counts too (`headerHeadings`).
    let marks: [Mark]
    /// Each run's start, in Unicode scalars of the runs before it; one more entry for the end.
    private let offsets: [Int]

    /// Text allowed between the headline and a container that still counts as following it:
    /// a byline, a date and a one-line standfirst, not a story.
    static let reach = 300
    /// A heading shorter than this is a label ("News"), whatever title it matches.
    static let minimumLength = 8

    init(paragraphs: [Paragraph], headerHeadings: [(node: MarkupNode, text: String, next: Int)] = [], title: String?, documentTitle: String?) {
        var offsets: [Int] = []
        offsets.reserveCapacity(paragraphs.count + 1)
        var position = 0
        for paragraph in paragraphs {
            offsets.append(position)
            position += paragraph.length
        }
        offsets.append(position)
        self.offsets = offsets
        let titles = Headline.titles(title, documentTitle)
        guard let longest = titles.map(\.unicodeScalars.count).max() else {
            marks = []
            return
        }
        // A run that can name a title is at least half as long as the shortest and at most
        // twice the longest (with room for the punctuation normalising drops): only those are
        // normalised, which is most of the work here.
        let shortest = titles.map(\.unicodeScalars.count).min() ?? longest
        let lengths = max(Headline.minimumLength, shortest / 2)...(2 * longest + 20)
        var found: [Mark] = []
        for (index, paragraph) in paragraphs.enumerated() where lengths.contains(paragraph.length) && (paragraph.isHeading || paragraph.linkDensity < 0.5) {
            let text = Headline.normalised(paragraph.text)
            if paragraph.isHeading ? titles.contains(where: { Headline.names(text, $0) }) : titles.contains(text) {
                found.append(Mark(node: paragraph.owner, next: index + 1))
            }
        }
        for heading in headerHeadings where lengths.contains(heading.text.unicodeScalars.count) {
            let text = Headline.normalised(heading.text)
            if titles.contains(where: { Headline.names(text, $0) }) { found.append(Mark(node: heading.node, next: heading.next, isRun: false)) }
        }
        // The first matches are the story's own; later ones repeat it (a "recent posts" list,
        // a share box), and a page names its story at most a few times before the body.
        marks = Array(found.sorted { $0.next < $1.next }.prefix(3))
    }

    /// The page's titles (its metadata title and its `<title>`) as headings are compared
    /// with them (``normalised(_:)``), the empty ones left out.
    static func titles(_ title: String?, _ documentTitle: String?) -> [String] {
        [title, documentTitle].compactMap { $0.map(normalised) }.filter { !$0.isEmpty }
    }

    /// Whether a normalised heading is one of the normalised titles, or one with the site's
    /// name left out (`Story` of `Story - Site`): stricter than ``names(_:_:)``, because a
    /// heading that adds words to the title ("12 thoughts on Story") is the comments'.
    static func says(_ heading: String, _ titles: [String]) -> Bool {
        let length = heading.unicodeScalars.count
        guard length >= minimumLength else { return false }
        return titles.contains { title in
            title == heading || 2 * length >= title.unicodeScalars.count && title.contains(heading)
        }
    }

    /// Whether a heading says the title: the same words, or the title with the site's name
    /// around it (`Story - Site`), or the heading with a kicker the title leaves out.
    static func names(_ heading: String, _ title: String) -> Bool {
        if heading == title { return true }
        let (shorter, longer) = heading.count <= title.count ? (heading, title) : (title, heading)
        return shorter.count * 2 >= longer.count && longer.contains(shorter)
    }

    /// Lower-cased letters and digits, one space between words: how a heading and a title
    /// that differ in punctuation or case still compare equal.
    static func normalised(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiNormalised(text) }
        var scalars = String.UnicodeScalarView()
        var space = false
        for scalar in text.lowercased().unicodeScalars {
            let kept = scalar.isASCII
                ? (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if kept {
                if space && !scalars.isEmpty { scalars.append(" ") }
                scalars.append(scalar)
                space = false
            } else if scalar == " " || scalar.properties.isWhitespace {
                space = true
            }
        }
        return String(scalars)
    }

    /// ``normalised(_:)`` of ASCII text, in bytes: most headings and titles are ASCII, and
    /// lower-casing a whole string first costs more than the rest.
    private static func asciiNormalised(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var space = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if space && !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
                bytes.append(byte | (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? 0x20 : 0))
                space = false
            case 0x09...0x0D, 0x20:
                space = true
            default:
                continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// How much text stands between the headline and a container's first run (`first`); nil
    /// when the container holds the headline (a wrapper of the page or of the story's header,
    /// which its own runs score) or stands wholly above it, or when there is no headline.
    func distance(first: Int, of container: MarkupNode) -> Int? {
        var best: Int?
        for mark in marks where first >= mark.next && !mark.node.isWithin([container]) {
            let distance = offsets[first] - offsets[mark.next]
            best = min(best ?? distance, distance)
        }
        return best
    }

    /// Whether a container's first run (`first`) is the headline itself: the story with its
    /// title, when its text sits in it beside the headline rather than in a block of its own.
    func opens(first: Int, of container: MarkupNode) -> Bool {
        marks.contains { $0.isRun && $0.next == first + 1 && $0.node.isWithin([container]) }
    }

    /// The index of the first run after the first headline inside one of `containers`.
    func start(in containers: [MarkupNode]) -> Int? {
        marks.first { $0.node.isWithin(containers) }?.next
    }
}
