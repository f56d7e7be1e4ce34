import FeedwrightCore
import Markup

/// A block's children grouped by shape, for telling a list of cards (readers' comments,
/// teasers for other stories) by what its cards share. Children alike are one tag with one
/// first class, numbers aside; children without a class are alike by their tag alone, which says less, and only
/// the elements a card is written in count (``unnamedCardElements``).
struct BlocksAlike {
    /// The children grouped and the cards of a group read: bounded work on any page (this
    /// runs for every element the walker enters).
    static let childrenExamined = 400
    static let cardsExamined = 12
    /// The elements an unclassed card is written in: a table of its own for each post was how
    /// forums and guest books of an earlier decade laid out theirs. Not table rows: a table's
    /// rows alike are its data, whose cells of figures read like lines of names and dates.
    static let unnamedCardElements: Set<String> = ["li", "div", "article", "section", "table"]

    /// One group of children alike, in document order.
    struct Group {
        var members: [MarkupNode]
        /// Whether the members share no class, only their tag.
        var unnamed: Bool
        /// What the first ``BlocksAlike/cardsExamined`` members say about themselves.
        var readings: [CardReading]

        init(members: [MarkupNode], unnamed: Bool) {
            self.members = members
            self.unnamed = unnamed
            readings = members.prefix(BlocksAlike.cardsExamined).map(CardReading.init)
        }

        /// Whether at least `minimum` cards, and `share` of those read, pass `test`.
        func holds(_ minimum: Int, share: Double, _ test: (CardReading) -> Bool) -> Bool {
            guard members.count >= minimum else { return false }
            let passing = readings.filter(test).count
            return passing >= minimum && Double(passing) >= share * Double(readings.count)
        }
    }

    /// The largest group of classed children (two members at least) and of unclassed ones
    /// (three at least: a tag alone says less). A tie goes to the shape seen first, so that
    /// every run settles it the same way.
    var named: Group?
    var unnamed: Group?

    /// The tag, a space and the first class without its digits: cards are alike by their first
    /// class, since what follows it varies card by card (a WordPress post's `format-link`,
    /// `category-news`, a comment's `even`/`odd`, `depth-1`), and cards numbered in it
    /// (`post0`, `post1`, `item-2`) are one class. Read as bytes: this runs for every child of
    /// every element the walker enters.
    static func shape(_ name: String, classes: String?) -> String {
        var shape = Array(name.utf8)
        shape.append(UInt8(ascii: " "))
        for byte in (classes ?? "").utf8 {
            let space = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
            if space {
                if shape.last != UInt8(ascii: " ") { break }
                continue
            }
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { continue }
            shape.append(byte)
        }
        return String(decoding: shape, as: UTF8.self)
    }

    init(_ node: MarkupNode) {
        // Most elements hold one element or none (a paragraph's link, a heading's text): no
        // group, and no shape worth reading.
        var elements = node.elements.makeIterator()
        guard elements.next() != nil, elements.next() != nil else { return }
        var groups: [String: Int] = [:]
        var members: [[MarkupNode]] = []
        for child in node.elements.prefix(BlocksAlike.childrenExamined) {
            let name = child.localName
            let shape = BlocksAlike.shape(name, classes: child.attribute("class"))
            guard !shape.hasSuffix(" ") || BlocksAlike.unnamedCardElements.contains(name) else { continue }
            if let index = groups[shape] {
                members[index].append(child)
            } else {
                groups[shape] = members.count
                members.append([child])
            }
        }
        var best: (named: Int?, unnamed: Int?) = (nil, nil)
        for (shape, index) in groups.sorted(by: { $0.value < $1.value }) where members[index].count >= (shape.hasSuffix(" ") ? 3 : 2) {
            if shape.hasSuffix(" ") {
                if members[index].count > best.unnamed.map({ members[$0].count }) ?? 0 { best.unnamed = index }
            } else if members[index].count > best.named.map({ members[$0].count }) ?? 0 {
                best.named = index
            }
        }
        named = best.named.map { Group(members: members[$0], unnamed: false) }
        unnamed = best.unnamed.map { Group(members: members[$0], unnamed: true) }
    }
}
