/// Where the article's headline stands among a page's text runs, and how far a container
/// starts from it.
///
/// The body of an article follows its headline closely: a kicker, a byline or a date may come
/// between them, not a column of other text. A promotion box or a sidebar essay can out-write
/// a short story, but it stands elsewhere on the page. So the headline's position is one of the
/// scorer's signals (``ContentScorer``), never the only one: a container that starts right
/// after the headline earns the points of a class word.
struct Headline {
    /// The indices of the runs that read as the headline: a heading whose text is the page's
    /// title (its metadata title or its `<title>`, which may carry the site's name), or a
    /// run that is not a link and says exactly the title.
    let runs: [Int]
    /// Each run's start, in Unicode scalars of the runs before it.
    private let offsets: [Int]

    /// Text allowed between the headline and a container that still counts as following it:
    /// a byline, a date and a one-line standfirst, not a story.
    static let reach = 300
    /// A heading shorter than this is a label ("News"), whatever title it matches.
    static let minimumLength = 8

    init(paragraphs: [Paragraph], title: String?, documentTitle: String?) {
        var offsets: [Int] = []
        offsets.reserveCapacity(paragraphs.count)
        var position = 0
        for paragraph in paragraphs {
            offsets.append(position)
            position += paragraph.length
        }
        self.offsets = offsets
        let titles = [title, documentTitle].compactMap { $0.map(Headline.normalised) }.filter { !$0.isEmpty }
        guard let longest = titles.map(\.unicodeScalars.count).max() else {
            runs = []
            return
        }
        // A run that can name a title is at least half as long as the shortest and at most
        // twice the longest (with room for the punctuation normalising drops): only those are
        // normalised, which is most of the work here.
        let shortest = titles.map(\.unicodeScalars.count).min() ?? longest
        let lengths = max(Headline.minimumLength, shortest / 2)...(2 * longest + 20)
        var found: [Int] = []
        for (index, paragraph) in paragraphs.enumerated() where lengths.contains(paragraph.length) && (paragraph.isHeading || paragraph.linkDensity < 0.5) {
            let text = Headline.normalised(paragraph.text)
            if paragraph.isHeading {
                if titles.contains(where: { Headline.names(text, $0) }) { found.append(index) }
            } else if paragraph.linkDensity < 0.5, titles.contains(text) {
                found.append(index)
            }
        }
        // The first matches are the story's own; later ones repeat it (a "recent posts" list,
        // a share box), and a page names its story at most a few times before the body.
        runs = Array(found.prefix(3))
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

    /// How much text stands between the headline and a container's first run; nil when the
    /// container holds the headline (a wrapper of the page or of the story's header, which
    /// its own runs score) or stands wholly above it, or when there is no headline.
    func distance(first: Int, holds: (Int) -> Bool) -> Int? {
        var best: Int?
        for run in runs where first > run && !holds(run) {
            let distance = offsets[first] - offsets[run + 1]
            best = min(best ?? distance, distance)
        }
        return best
    }
}
