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
    /// Children that show nothing of their own, left out of ``children``.
    static let uncountedElements: Set<String> = ["script", "style", "noscript", "template", "link", "meta"]

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
    /// The block children examined: what a group's cards are a share of. Inline ones (the
    /// `<a id="c123">` anchor before each comment) and scripts are not counted.
    var children = 0

    /// A child's shape: its tag and its first class without the class's digits, hashed (64-bit
    /// FNV-1a over the bytes; siblings are at most ``childrenExamined``, so two shapes never
    /// share a hash in practice). Cards are alike by their first class, since what follows it
    /// varies card by card (a WordPress post's `format-link`, `category-news`, a comment's
    /// `even`/`odd`, `depth-1`), and cards numbered in it (`post0`, `post1`, `item-2`) are one
    /// class. Read as bytes and kept as a number: this runs for every child of every element
    /// the walker enters.
    struct Shape: Hashable {
        var hash: UInt64
        /// Whether the child has a class (one that is not all digits).
        var named: Bool

        init(_ name: String, classes: String?) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var named = false
            for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ UInt64(UInt8(ascii: " "))) &* 0x100_0000_01b3
            for byte in (classes ?? "").utf8 {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D {
                    if named { break }
                    continue
                }
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { continue }
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
                named = true
            }
            self.hash = hash
            self.named = named
        }
    }

    init(_ node: MarkupNode) {
        // Most elements hold one element or none (a paragraph's link, a heading's text): no
        // group, and no shape worth reading.
        var elements = node.elements.makeIterator()
        guard elements.next() != nil, elements.next() != nil else { return }
        var groups: [Shape: Int] = [:]
        // Each group's members and whether it is named, in the order the groups first appear.
        var members: [[MarkupNode]] = []
        var named: [Bool] = []
        for child in node.elements.prefix(BlocksAlike.childrenExamined) {
            let name = child.localName
            if !BlocksAlike.uncountedElements.contains(name) && !PageWalker.inlineElements.contains(name) { children += 1 }
            let shape = Shape(name, classes: child.attribute("class"))
            guard shape.named || BlocksAlike.unnamedCardElements.contains(name) else { continue }
            if let index = groups[shape] {
                members[index].append(child)
            } else {
                groups[shape] = members.count
                members.append([child])
                named.append(shape.named)
            }
        }
        var best: (named: Int?, unnamed: Int?) = (nil, nil)
        for index in members.indices where members[index].count >= (named[index] ? 2 : 3) {
            if !named[index] {
                if members[index].count > best.unnamed.map({ members[$0].count }) ?? 0 { best.unnamed = index }
            } else if members[index].count > best.named.map({ members[$0].count }) ?? 0 {
                best.named = index
            }
        }
        self.named = best.named.map { Group(members: members[$0], unnamed: false) }
        self.unnamed = best.unnamed.map { Group(members: members[$0], unnamed: true) }
    }
}
