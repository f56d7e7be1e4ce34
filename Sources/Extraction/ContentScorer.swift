import Markup

/// Chooses the element that holds the article, by scoring the containers of text runs.
///
/// The approach of Arc90's Readability, refined: every run of prose adds points to its
/// container and, decaying, to the container's ancestors (more for length and commas); a
/// container's points are discounted by the share of its text that sits in links and weighted
/// by its class/id words and semantic role (`article`, `main`, `itemprop=articleBody`). The best
/// container wins, joined by siblings that score close to it.
struct ContentScorer {
    let paragraphs: [Paragraph]
    /// Where the headline stands: containers that follow it closely earn ``Tuning/headlineWeight``.
    var headline: Headline? = nil

    private struct Totals {
        var text = 0
        var links = 0
        /// Letters (``Paragraph/span``) of text, of text in links, and of runs that read as
        /// prose (long enough, few links).
        var prose = 0
        /// Letters of prose runs that read as sentences (``ContentScorer/isSentences(_:)``).
        var sentences = 0
        /// Prose runs inside it: a body is paragraphs, a caption or a standfirst is one.
        var proseRuns = 0
        /// Whether a prose run's text, or its paragraph, sits in it directly, not in a block of
        /// its own inside.
        var holdsProse = false
        /// Letters of runs that read as prose with list items counted (a post written as lists).
        var listProse = 0
        var score = 0.0
        var weightedLinks = 0.0
        /// The indices of the first and the last run inside it.
        var first = Int.max
        var last = -1

        var linkDensity: Double { text == 0 ? 0 : Double(links) / Double(text) }

        mutating func add(_ index: Int, text: Int, links: Int, weightedLinks: Double, prose: Int, sentences: Int, listProse: Int, holdsIt: Bool) {
            first = min(first, index)
            last = max(last, index)
            if holdsIt { holdsProse = true }
            self.text += text
            self.links += links
            self.weightedLinks += weightedLinks
            self.prose += prose
            self.sentences += sentences
            self.listProse += listProse
            if prose > 0 { proseRuns += 1 }
        }
    }

    /// A scored container, for ``Selection/ranked`` and `extract --explain`.
    struct Candidate {
        var node: MarkupNode
        var score: Double
        /// Letters of text runs inside it, of those inside links, and of prose runs.
        var text: Int
        var links: Int
        var prose: Int
    }

    /// What the scorer chose, and the best of what it weighed.
    struct Selection {
        /// The containers whose runs make up the article, best first.
        var containers: [MarkupNode] = []
        /// The highest-scoring containers, best first.
        var ranked: [Candidate] = []
    }

    /// Scores every container of a text run and chooses the article's.
    func select() -> Selection {
        var totals: [MarkupNode: Totals] = [:]
        totals.reserveCapacity(paragraphs.count * 2)
        var pageProse = 0, pageListProse = 0
        // Letters of sentences in the runs before each run: what a stretch of runs holds, in
        // one subtraction.
        var sentencesBefore = [0]
        sentencesBefore.reserveCapacity(paragraphs.count + 1)
        for (index, paragraph) in paragraphs.enumerated() {
            // Links inside running prose (a sentence citing its sources) weigh half of links
            // that make up a run (a list of stories, a tag cloud).
            // Lengths are letters (``Paragraph/span``): a Chinese paragraph weighs what its English
            // translation would against the Latin addresses and figures around it.
            let weightedLinks = paragraph.linkDensity >= 0.5 ? Double(paragraph.linkSpan) : 0.5 * Double(paragraph.linkSpan)
            let prose = ContentScorer.isProse(paragraph) ? paragraph.span : 0
            let sentences = prose > 0 && ContentScorer.isSentences(paragraph) ? prose : 0
            let listProse = ContentScorer.isProse(paragraph, inLists: true) ? paragraph.span : 0
            pageProse += prose
            pageListProse += listProse
            sentencesBefore.append(sentencesBefore[index] + sentences)
            // A paragraph's text counts as its parent's, as its points do below.
            let holder = prose > 0 ? (ContentScorer.isParagraphTag(paragraph.tag) ? 1 : 0) : -1
            for (level, ancestor) in paragraph.ancestors.enumerated() {
                // One lookup per ancestor: this loop runs for every run and every level above it.
                totals[ancestor, default: Totals()].add(
                    index, text: paragraph.span, links: paragraph.linkSpan, weightedLinks: weightedLinks, prose: prose, sentences: sentences,
                    listProse: listProse, holdsIt: level == holder)
            }
        }
        for paragraph in paragraphs where paragraph.span >= Tuning.scoredSpan && paragraph.linkDensity < Tuning.scoredLinkDensity
            && 2 * paragraph.addressSpan < paragraph.span {
            let commas = paragraph.text.unicodeScalars.reduce(0) { $0 + (TextMeasure.isComma($1) ? 1 : 0) }
            let points = 1 + Double(commas) + min(Double(paragraph.span) / Tuning.lettersPerPoint, Tuning.maximumLengthPoints)
            let chain = ContentScorer.isParagraphTag(paragraph.tag) ? paragraph.ancestors.dropFirst() : paragraph.ancestors[...]
            // Points decay with every level up, but a wrapper that holds nothing beside the block
            // below it is the same box: it takes the block's points and no level (a page builder
            // puts every paragraph four divs deep, and the column holding them all would be out
            // of reach).
            var level = 0
            var inner = 0
            for ancestor in chain {
                // Every ancestor has its totals from the loop above: one lookup reads and adds.
                guard let slot = totals.index(forKey: ancestor) else { continue }
                let text = totals.values[slot].text
                if inner > 0 && text > inner { level += 1 }
                if level >= Tuning.scoredLevels { break }
                inner = text
                let divisor = level == 0 ? 1 : (level == 1 ? 2 : Double(level) * 3)
                totals.values[slot].score += points / divisor
            }
        }
        // A page written mostly as lists (release notes, a weekly roundup) has its prose in its
        // items: the share a container must hold is counted in them, or a footer's lone
        // sentence would out-share the post.
        let inLists = ContentScorer.isWrittenAsLists(prose: pageProse, listProse: pageListProse)
        var best: (node: MarkupNode, score: Double)?
        // The winner without the headline's points: the headline decides between blocks apart
        // (a story and a box beside it), never between a block and its own wrapper.
        var plainBest: (node: MarkupNode, score: Double)?
        var finalScores: [MarkupNode: Double] = [:]
        // What a block scores before its share of the page's prose is weighed: a sibling of the
        // winner that holds prose belongs to the article by what it is, not by how much of the
        // page it holds (a summary box beside the body).
        var siblingScores: [MarkupNode: Double] = [:]
        for (node, total) in totals where total.score > 0 {
            let density = total.text == 0 ? 0 : total.weightedLinks / Double(total.text)
            // A container must hold a real share of the page's prose: a class name or a tag
            // cannot make a byline box or a teaser the article.
            let share = inLists ? Double(total.listProse) / Double(max(1, pageListProse))
                : pageProse == 0 ? 1 : Double(total.prose) / Double(pageProse)
            let points = total.score + ContentScorer.weight(node)
            let unscaled = points * (1 - density)
            // The headline's points rank containers; they make no sibling of the winner part of
            // the article (a byline or a standfirst right under the headline is not the body).
            let scale = (1 - density) * min(1, share / Tuning.fullShare)
            let score = (points + headlineWeight(node, total)) * scale
            finalScores[node] = score
            siblingScores[node] = unscaled
            if ContentScorer.ranks((node, score), above: best, totals) { best = (node, score) }
            if ContentScorer.ranks((node, points * scale), above: plainBest, totals) { plainBest = (node, points * scale) }
        }
        guard var top = best else { return Selection() }
        if let plain = plainBest, !plain.node.isSameNode(as: top.node),
           plain.node.isWithin([top.node]) || top.node.isWithin([plain.node]) && holdsMoreOfTheSame(plain.node, as: top.node) {
            top = (plain.node, finalScores[plain.node] ?? plain.score)
        }
        // A wrapper and the block it holds are one box and score alike but for their tags and
        // class words: the choice is the block, whose siblings are the article's parts.
        while let here = totals[top.node], let child = top.node.elements.first(where: { totals[$0]?.text == here.text }),
              !ContentScorer.isParagraphTag(child.localName) {
            top = (child, finalScores[child] ?? top.score)
        }
        // The ten best, kept in order as they come: a page has thousands of containers, and
        // sorting them all (ties broken by walking up the tree) is work for ten names.
        var leaders: [(node: MarkupNode, score: Double)] = []
        for (node, score) in finalScores where leaders.count < Tuning.rankedCandidates || ContentScorer.ranks((node, score), above: leaders.last, totals) {
            let at = leaders.firstIndex { !ContentScorer.ranks($0, above: (node, score), totals) } ?? leaders.count
            leaders.insert((node, score), at: at)
            if leaders.count > Tuning.rankedCandidates { leaders.removeLast() }
        }
        let ranked = leaders.map { node, score in
            Candidate(node: node, score: score, text: totals[node]?.text ?? 0, links: totals[node]?.links ?? 0, prose: totals[node]?.prose ?? 0)
        }
        // A body split over sibling blocks (one paragraph per card, ads between) leaves the
        // winner holding only a part: climb while the parent adds much more prose without
        // adding links.
        // Wrappers that add (almost) nothing are passed through on the way up.
        var probe = top.node
        while let parent = probe.parent, !["body", "html"].contains(parent.localName),
              let current = totals[top.node], let here = totals[probe], let above = totals[parent] {
            if endsBeforeEndMatter(current, in: above, sentencesBefore: sentencesBefore) { break }
            // A table row's other cells are columns beside the story (a promotion box, a list
            // of the most read), not the rest of it: a story split by a layout table runs down
            // its rows, not across.
            if parent.localName == "tr", here.text < above.text { break }
            // The gain is counted in sentences: a column of unlinked teaser headlines below the
            // story is prose by length, but it is not more of the story. Only blocks that read
            // as a body's parts count (``climbGain(_:besides:_:)``): the winner's own prose
            // must not dilute the links of a block it would take in.
            if Double(current.sentences + climbGain(parent, besides: probe, totals)) >= Tuning.climbProseGain * Double(current.sentences),
               above.linkDensity <= max(Tuning.climbLinkDensity, current.linkDensity + Tuning.climbLinkDensityGain),
               Double(above.prose) >= Tuning.climbProseShare * Double(above.text) {
                top = (parent, finalScores[parent] ?? top.score)
                probe = parent
            } else if addsOnlyParagraphs(parent, besides: probe, totals) {
                top = (parent, finalScores[parent] ?? top.score)
                probe = parent
            } else if Double(above.text) <= Tuning.wrapperSlack * Double(here.text) {
                probe = parent
            } else {
                break
            }
        }
        var chosen = [top.node]
        let threshold = max(Tuning.minimumSiblingScore, (siblingScores[top.node] ?? top.score) * Tuning.siblingScoreShare)
        // Siblings that score close to the winner, or read as prose, belong to the article too.
        if let parent = top.node.parent {
            for sibling in parent.elements where sibling != top.node {
                if let score = siblingScores[sibling], score >= threshold, totals[sibling].map({ $0.prose > 0 }) == true {
                    chosen.append(sibling)
                    continue
                }
                if let total = totals[sibling], total.text > Tuning.proseSiblingLength {
                    let density = Double(total.links) / Double(total.text)
                    if density < Tuning.climbLinkDensity && ContentScorer.isParagraphTag(sibling.localName) { chosen.append(sibling) }
                }
            }
        }
        // A body cut into parts, each in a wrapper of its own (an advertisement between them),
        // or a blog's page of whole posts, is joined again: the winner's outermost wrapper is
        // repeated beside it, same tag and class, and the repeats that score join. The wrapper
        // may add a heading and a footer of its own (a post's title and "Posted by … | 3
        // comments"), but no sentences and not much text.
        var part = top.node
        if let winner = totals[top.node] {
            while let parent = part.parent, !["body", "html"].contains(parent.localName), let above = totals[parent],
                  Double(above.sentences) <= Tuning.wrapperSlack * Double(winner.sentences),
                  Double(above.text) <= Tuning.partWrapperSlack * Double(winner.text) {
                part = parent
            }
        }
        if !part.isSameNode(as: top.node), let winner = totals[top.node], let parent = part.parent {
            // Wrappers alike by tag and first class, numbers aside (WordPress's `post-7 post
            // category-news` beside `post-8 post category-tools`), or by their whole class.
            let classes = part.attribute("class")
            let shape = BlocksAlike.Shape(part.localName, classes: classes)
            let winnerClasses = top.node.attribute("class")
            for sibling in parent.elements where sibling != part && sibling.localName == part.localName {
                let siblingClasses = sibling.attribute("class")
                let same = classes != nil && siblingClasses == classes
                guard same || (shape.named && BlocksAlike.Shape(sibling.localName, classes: siblingClasses) == shape) else { continue }
                // Of each, what stands where the winner stands in its wrapper, dressed exactly
                // as it is (the posts' bodies, without their titles and footers): a layout
                // grid's cells share a first class too, and hold anything. The whole wrapper
                // stands for it only where the two wrappers are dressed the same.
                let counterpart = winnerClasses == nil ? nil : sibling.descendants(limit: Tuning.counterpartSearch).first {
                    $0.localName == top.node.localName && $0.attribute("class") == winnerClasses
                }
                guard let joining = counterpart ?? (same ? sibling : nil),
                      let score = siblingScores[joining], score >= threshold, let total = totals[joining] else { continue }
                // A part of the body, not a dateline or a share bar dressed the same way.
                if Double(total.prose) >= Tuning.climbProseShare * Double(total.text) && Double(total.prose) >= Tuning.repeatedPartShare * Double(winner.prose)
                    && total.prose >= Tuning.repeatedPartProse {
                    chosen.append(joining)
                }
            }
        }
        return Selection(containers: chosen, ranked: ranked)
    }

    /// The sentences a parent adds to the branch holding the winner that read as more of a
    /// body: those in blocks that are mostly prose with few links, and those written in the
    /// parent itself. A block mixing a few summaries into lists of links (a page's rail of
    /// teasers, its footer) adds none, however much prose it holds in all.
    private func climbGain(_ parent: MarkupNode, besides branch: MarkupNode, _ totals: [MarkupNode: Totals]) -> Int {
        guard let above = totals[parent] else { return 0 }
        var inBlocks = 0, gain = 0
        for child in parent.elements {
            guard let block = totals[child] else { continue }
            inBlocks += block.sentences
            guard !child.isSameNode(as: branch) else { continue }
            if Double(block.prose) >= Tuning.climbProseShare * Double(block.text), block.linkDensity <= Tuning.climbLinkDensity {
                gain += block.sentences
            }
        }
        return gain + max(0, above.sentences - inBlocks)
    }

    /// Whether `parent` adds to the branch holding the winner nothing but more of its
    /// paragraphs: runs of its own, or paragraphs, headings and quotations as its children,
    /// mostly sentences and with few links. A body whose every paragraph opens an element it never
    /// closes (`<font><p>…` on pages written by hand, a `<div>` a paragraph in a broken
    /// template) nests the rest of the story in each paragraph: every level up adds one, too
    /// little for the climb above, and the scorer's winner is wherever four long paragraphs
    /// happen to follow each other.
    private func addsOnlyParagraphs(_ parent: MarkupNode, besides branch: MarkupNode, _ totals: [MarkupNode: Totals]) -> Bool {
        guard let above = totals[parent], let below = totals[branch] else { return false }
        for child in parent.elements where !child.isSameNode(as: branch) && totals[child] != nil {
            guard ContentScorer.paragraphElements.contains(child.localName) else { return false }
        }
        let added = above.text - below.text
        return added > 0 && Double(above.links - below.links) <= Tuning.climbLinkDensity * Double(added)
            && Double(above.sentences - below.sentences) >= Tuning.climbProseShare * Double(added)
    }

    /// The elements a body's paragraphs are written in, beside the blocks that hold them.
    static let paragraphElements: Set<String> = ["p", "blockquote", "pre", "h2", "h3", "h4", "h5", "h6"]

    /// Whether a winner that is a story already (``Tuning/storyRuns`` prose runs, and
    /// ``Tuning/storySpan`` letters of sentences) would gain only what follows its last line
    /// after links: a share bar or a list of tags, then the author's bio, readers' comments or
    /// the site's disclaimer. That is the page's end matter, whatever it is called; a body
    /// split over blocks goes on without a row of links first, or starts before the winner.
    private func endsBeforeEndMatter(_ winner: Totals, in parent: Totals, sentencesBefore: [Int]) -> Bool {
        guard winner.proseRuns >= Tuning.storyRuns, winner.sentences >= Tuning.storySpan, winner.last < parent.last else { return false }
        let before = sentencesBefore[winner.first] - sentencesBefore[parent.first]
        let after = sentencesBefore[parent.last + 1] - sentencesBefore[winner.last + 1]
        guard after > Tuning.endMatterShare * before else { return false }
        var linksBetween = 0
        for index in (winner.last + 1)...parent.last {
            // A run of sentences adds to the running count: the first one ends the search.
            if sentencesBefore[index + 1] > sentencesBefore[index] { return false }
            linksBetween += paragraphs[index].linkSpan
            if linksBetween >= Tuning.endMatterLinks { return true }
        }
        return false
    }

    /// Whether `candidate` ranks above `other`. Equal scores are common (a wrapper and the block
    /// it holds score alike) and go to the earlier block in the page, then to the inner one, so
    /// the choice never depends on the order a dictionary happens to hold them in.
    private static func ranks(_ candidate: (node: MarkupNode, score: Double), above other: (node: MarkupNode, score: Double)?, _ totals: [MarkupNode: Totals]) -> Bool {
        guard let other else { return true }
        if candidate.score != other.score { return candidate.score > other.score }
        let first = totals[candidate.node]?.first ?? .max, otherFirst = totals[other.node]?.first ?? .max
        if first != otherFirst { return first < otherFirst }
        return candidate.node.isWithin([other.node]) && !candidate.node.isSameNode(as: other.node)
    }

    /// Whether the sentences `wrapper` holds outside `block` are more of the same: written in
    /// a box on the way from `block` up to the wrapper, or in blocks dressed as the one holding
    /// `block` where the two branches part (tag and first class, ``BlocksAlike/Shape``; above
    /// the block, where they leave the wrapper). A body split over sibling blocks is; a
    /// promotion box, a sidebar essay, or a disclaimer and teasers set below a brief in its own
    /// column are blocks of another kind, and must not make the page's wrapper the article.
    private func holdsMoreOfTheSame(_ wrapper: MarkupNode, as block: MarkupNode) -> Bool {
        func shape(_ node: MarkupNode) -> BlocksAlike.Shape { BlocksAlike.Shape(node.localName, classes: node.attribute("class")) }
        // The boxes from the block up to the wrapper, each with its child that holds the block.
        var line: [MarkupNode: MarkupNode] = [:]
        var node = block
        while let parent = node.parent {
            line[parent] = node
            if parent.isSameNode(as: wrapper) { break }
            node = parent
        }
        guard line[wrapper] != nil else { return true }
        var afterBlock = false
        for run in paragraphs where run.ancestors.contains(wrapper) {
            if run.ancestors.contains(block) {
                afterBlock = true
                continue
            }
            guard ContentScorer.isProse(run) && ContentScorer.isSentences(run) else { continue }
            // After the block, a run is compared where its branch leaves the block's: a
            // disclaimer or a teaser box set below a brief inside the story's own column is
            // another kind of block, not the column's more of the same. Before it (a
            // standfirst over the body) the run is compared where it leaves the wrapper: a
            // part of the story's own column.
            var other = run.owner
            while let parent = other.parent, afterBlock ? line[parent] == nil : !parent.isSameNode(as: wrapper) { other = parent }
            guard let fork = other.parent, let own = line[fork], !ContentScorer.isParagraphTag(other.localName), !other.isSameNode(as: run.owner) else { continue }
            if shape(other) != shape(own) { return false }
        }
        return true
    }

    /// Points for a container that starts right after the headline (see ``Headline``), or
    /// opens with it and holds the story's paragraphs or text itself, beside it (an `h1` and
    /// the `p`s after it in one `div`, or a `<p class=titulo>` and then text cut by `<br>`s):
    /// no block inside it starts after the headline to earn them.
    /// Only a container of paragraphs earns them, or of one paragraph of sentences longer than
    /// a standfirst: a short lone run right under the headline is a photo's caption, a
    /// standfirst or a byline, never the body, but a news brief is one long paragraph.
    private func headlineWeight(_ node: MarkupNode, _ total: Totals) -> Double {
        guard let headline, total.proseRuns >= 2 || total.sentences >= Tuning.loneParagraphSpan, total.first < paragraphs.count else { return 0 }
        if total.holdsProse && headline.opens(first: total.first, of: node) { return Tuning.headlineWeight }
        guard let distance = headline.distance(first: total.first, of: node) else { return 0 }
        return distance <= Headline.reach ? Tuning.headlineWeight : 0
    }

    /// The scorer's numbers, each with why. They were set on the ScrapingHub set and checked
    /// on Readability's test pages (or the other way round); a change that helps one and
    /// hurts the other is not made.
    enum Tuning {
        /// Containers `extract --explain` lists.
        static let rankedCandidates = 10
        /// Runs shorter than this (in spans, see ``Paragraph/span``) or mostly links score
        /// nothing: labels, bylines and link lists say nothing about where the article is.
        static let scoredSpan = 25
        static let scoredLinkDensity = 0.5
        /// A run earns a point per this many letters, up to `maximumLengthPoints`, besides one
        /// per comma: length counts, but a single long run cannot outvote many paragraphs.
        static let lettersPerPoint = 100.0
        static let maximumLengthPoints = 3.0
        /// How far up a run's points reach: its container, then decaying to the grandparents'
        /// parents (Readability's scheme). Levels are counted in boxes: a wrapper adding no text
        /// to the block it holds is not a level.
        static let scoredLevels = 4
        /// A container holding less than this share of the page's prose has its score scaled
        /// down in proportion.
        static let fullShare = 0.2
        /// The winner climbs to a parent holding this much more prose, with links no denser
        /// than `climbLinkDensity` (or the winner's plus `climbLinkDensityGain`), and at least
        /// `climbProseShare` of its text in prose: the body was split over sibling blocks.
        static let climbProseGain = 1.25
        static let climbLinkDensity = 0.25
        static let climbLinkDensityGain = 0.1
        static let climbProseShare = 0.5
        /// A winner of this many prose runs and letters of sentences is a story: it climbs no
        /// more to take in what follows it after links
        /// (``endsBeforeEndMatter(_:in:sentencesBefore:)``), unless the parent adds before it at
        /// least a `1 / endMatterShare` of what it adds after. A row of links is
        /// `endMatterLinks` letters of link text or more (a share bar's names).
        static let storyRuns = 3
        static let storySpan = 1000
        static let endMatterShare = 3
        static let endMatterLinks = 10
        /// A parent that adds no more than this factor of text is a wrapper, passed through.
        static let wrapperSlack = 1.1
        /// A wrapper that adds no sentences may add this factor of text (a post's title, date
        /// and comment count) and still be one part of a body cut into repeated parts.
        static let partWrapperSlack = 1.5
        /// Elements of a repeated part searched for the winner's counterpart.
        static let counterpartSearch = 200
        /// Siblings join when they score this share of the winner (and at least the minimum),
        /// or are paragraphs of prose longer than `proseSiblingLength` characters.
        static let siblingScoreShare = 0.2
        static let minimumSiblingScore = 10.0
        static let proseSiblingLength = 80
        /// A container that follows the headline is worth a class word: position tips a close
        /// call between a short story and a longer box beside it, never a body against a byline
        /// (the share of the page's prose still scales it).
        static let headlineWeight = 25.0
        /// The letters of sentences one paragraph needs to earn the headline's points alone:
        /// more than a standfirst or a caption says.
        static let loneParagraphSpan = 400
        /// A repeated wrapper joins as a part of the body when it holds this share of the
        /// winner's prose and at least this many characters of it (not a dateline dressed the
        /// same way).
        static let repeatedPartShare = 0.2
        static let repeatedPartProse = 140
        /// A prose run this long is a paragraph whatever its last character.
        static let paragraphSpan = 150
        /// A run is prose from this span, with links below this density.
        static let proseSpan = 40
        static let proseLinkDensity = 0.3
        /// Runs are written as lists when their prose in list items is over this many times
        /// their prose outside them (``isWrittenAsLists(prose:listProse:)``).
        static let listsOverProse = 2
    }

    /// Whether a prose run reads as sentences: it ends like one, or it is a paragraph's length
    /// (a headline is short and ends bare).
    static func isSentences(_ paragraph: Paragraph) -> Bool {
        paragraph.span >= Tuning.paragraphSpan || paragraph.text.last.map(TextMeasure.closesSentence) == true
    }

    /// Whether runs whose prose outside list items is `prose` letters, and whose prose with
    /// them is `listProse`, are written as lists (release notes, a weekly roundup): more than
    /// twice as much of it in items as outside them. Their items then stand for their prose,
    /// in the share a container must hold and in where the body's prose starts and ends.
    static func isWrittenAsLists(prose: Int, listProse: Int) -> Bool {
        listProse > Tuning.listsOverProse * prose
    }

    /// ``isWrittenAsLists(prose:listProse:)`` of `runs`.
    static func isWrittenAsLists(_ runs: [Paragraph]) -> Bool {
        var prose = 0, listProse = 0
        for run in runs {
            if isProse(run) { prose += run.span }
            if isProse(run, inLists: true) { listProse += run.span }
        }
        return isWrittenAsLists(prose: prose, listProse: listProse)
    }

    /// Whether a run reads as prose: long enough for a sentence, few links, not a heading, not
    /// mostly web addresses written out, and not a list item unless `inLists`.
    static func isProse(_ paragraph: Paragraph, inLists: Bool = false) -> Bool {
        paragraph.span >= Tuning.proseSpan && paragraph.linkDensity < Tuning.proseLinkDensity && !paragraph.isHeading
            && 2 * paragraph.addressSpan < paragraph.span && (inLists || !["li", "dt", "dd"].contains(paragraph.tag))
    }

    static func isParagraphTag(_ tag: String) -> Bool {
        ["p", "pre", "blockquote", "li", "td", "tr", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6"].contains(tag)
    }

    /// Points for what an element's tag, role and class/id say about it. The scale is
    /// Readability's: a class word is worth 25, about what five solid paragraphs earn, so it
    /// tips a close call but cannot beat a body; `itemprop=articleBody` is the publisher saying
    /// where the body is, worth more; tags nudge (an `article` up, a list or heading down).
    static func weight(_ node: MarkupNode) -> Double {
        var weight = 0.0
        switch node.localName {
        case "article": weight += 10
        case "main": weight += 5
        case "div", "section": weight += 3
        case "pre", "td", "blockquote": weight += 3
        case "ol", "ul", "dl", "dd", "dt", "li", "form", "address": weight -= 3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": weight -= 5
        default: break
        }
        if node.attribute("itemprop")?.lowercased().contains("articlebody") == true { weight += 30 }
        let hints = (node.attribute("class") ?? "") + " " + (node.attribute("id") ?? "")
        let (negative, positive) = BoilerplatePatterns.classAndID(hints)
        if positive { weight += 25 }
        if negative { weight -= 25 }
        return weight
    }
}
