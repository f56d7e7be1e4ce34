import Foundation

/// The evidence the text-dump line model weighs for each line of a dump, computed exactly as
/// `scripts/dump-model/features.py` computes it: the weights in ``DumpLineModel`` were trained on
/// that script's numbers, so a feature that drifts here silently degrades every dump
/// (`DumpLineModelTests` holds the two together on the dev sets).
///
/// Nothing here knows a language: lengths are counted in script-aware words (a character of an
/// unspaced script is a word), punctuation is that of many scripts, and the page's own most
/// frequent short words stand in for a stopword list.
struct DumpLineFeatures {
    /// The features of every line, `count` per line, line after line.
    let values: [Double]
    /// How many features each line has (``count``).
    static let count = Own.count + Neighbour.all.count * context.count + 6

    /// One line of the dump, scanned once.
    struct Line {
        /// The line's bytes, valid UTF-8 (a dump's invalid bytes are repaired to U+FFFD first).
        let bytes: [UInt8]
        let scalars: [Unicode.Scalar]
        /// Each word as the hash of its lower-case form (``WordScan``): what the stopword and
        /// title matches compare, without a String per word.
        let wordHashes: [UInt64]
        /// Each word's length in characters.
        let wordLengths: [Int]
        /// Words that start with a cased letter, and those of them that start upper-case.
        let casedWords: Int
        let capitalisedWords: Int

        var wordCount: Int { wordHashes.count }
        /// The line as text; made when asked (for the few lines that are shown or parsed).
        var text: String { String(decoding: bytes, as: UTF8.self) }

        /// `slice` is valid UTF-8: a line of a String's bytes, cut at ASCII bytes.
        init(_ slice: ArraySlice<UInt8>) {
            let scan: WordScan
            if slice.allSatisfy({ $0 < 0x80 }) {
                // ASCII, as most lines are: the bytes are the scalars.
                bytes = Array(slice)
                scalars = bytes.map { Unicode.Scalar($0) }
                scan = WordScan(ascii: bytes)
            } else {
                // Cut from a String's bytes at ASCII bytes, a line is valid UTF-8 already.
                bytes = Array(slice)
                var decoded: [Unicode.Scalar] = []
                decoded.reserveCapacity(bytes.count)
                var iterator = bytes.makeIterator()
                var codec = UTF8()
                while case .scalarValue(let scalar) = codec.decode(&iterator) { decoded.append(scalar) }
                scalars = decoded
                scan = WordScan(scalars)
            }
            wordHashes = scan.hashes
            wordLengths = scan.lengths
            casedWords = scan.cased
            capitalisedWords = scan.capitalised
        }
    }

    /// The ` - Site Name` ending that the page's captions and title share, if any.
    let siteSuffix: [UInt8]?

    init(lines: [Line]) {
        siteSuffix = Self.siteSuffix(lines)
        let own = Self.ownFeatures(lines, siteSuffix: siteSuffix)
        values = Self.withContext(own, lineCount: lines.count)
    }

    // MARK: - Constants shared with features.py

    // The punctuation classes are switches, not sets: they are asked of every character.

    /// `SENTENCE_ENDS`: the characters of ``TextMeasure/sentenceEnds`` (Latin, CJK, Arabic,
    /// Urdu, Devanagari, Armenian, Ethiopic, Myanmar, Khmer, Tibetan), as a switch.
    @inline(__always)
    static func isSentenceEnd(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "!", "?", "…", "‼", "。", "！", "？", "؟", "۔", "।", "॥", "։", "።", "፧", "။", "។", "།", "｡": return true
        default: return false
        }
    }

    /// `CLOSERS`: quotes and brackets that may follow a sentence end.
    @inline(__always)
    static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "”", "’", "'", ")", "）", "」", "』", "»", "›", "]": return true
        default: return false
        }
    }

    /// `COMMAS`.
    @inline(__always)
    static func isComma(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ",", "，", "、", "،", "؛", "﹐", "､": return true
        default: return false
        }
    }

    /// `SEPARATORS`: what menus, breadcrumbs and bylines put between their parts.
    @inline(__always)
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "|", "›", "»", "«", "·", "•", "/", "\\", ">", "–", "—", ":": return true
        default: return false
        }
    }
    /// Lines a neighbour is looked at on each side.
    static let context = [-3, -2, -1, 1, 2, 3]
    /// Lines on each side of the window whose shares are measured.
    static let window = 5
    /// Lines of other kinds the main run of prose may span.
    static let mainRunGap = 3
    /// A line of at most this many words is short (a byline, a date, a "Reply").
    static let shortWords = 12
    /// The page's stopwords: its most frequent words of at most this many characters…
    static let stopwordLength = 4
    /// …this many of them, each seen at least `stopwordMinimum` times.
    static let stopwordCount = 20
    static let stopwordMinimum = 3

    /// The own features, in the order of `OWN` in features.py.
    enum Own: Int, CaseIterable {
        case logChars, logWords, endsSentence, sentenceEnds, commas, capitalised, digits, separators, url, repeated,
            position, stopwords, titleWords, startsLower, proseShape, headingShape, credit, siteSuffix, proseBefore,
            inMainRun, runDistance, relativeLength, endsColon, overlapsNeighbour, afterHeadline,
            proseSinceHeadline, glued, runShare, firstRun

        static let count = allCases.count
    }

    /// The features of the lines around a line, in the order of `NEIGHBOUR` in features.py.
    enum Neighbour {
        static let all: [Own] = [.logWords, .endsSentence, .proseShape, .stopwords, .digits, .repeated, .credit, .siteSuffix, .headingShape]
    }

    // MARK: - Words

    /// Words as features.py's `words` makes them: runs of letters, digits and marks, each
    /// character of an unspaced script a word of its own.
    static func words(_ scalars: [Unicode.Scalar]) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in scalars {
            if TextMeasure.isUnspacedScript(scalar) {
                if !current.isEmpty { words.append(String(current)); current = String.UnicodeScalarView() }
                words.append(String(scalar))
            } else if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// A letter, a digit or a combining mark, by general category (as Python's `unicodedata`).
    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        return ScalarTraits.of(scalar).contains(.word)
    }

    // ASCII first, then ``ScalarTraits``: the standard library's property lookups are a table
    // search each, and these run for every character of a dump.

    @inline(__always)
    static func isUpper(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value >= 0x41 && scalar.value <= 0x5A) : ScalarTraits.of(scalar).contains(.uppercase)
    }
    @inline(__always)
    static func isLower(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value >= 0x61 && scalar.value <= 0x7A) : ScalarTraits.of(scalar).contains(.lowercase)
    }
    @inline(__always)
    static func isCased(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isUpper(scalar) || isLower(scalar) }
        return ScalarTraits.of(scalar).contains(.cased)
    }
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D)) : ScalarTraits.of(scalar).contains(.whitespace)
    }

    /// Whether the line ends like a sentence, closing quotes and brackets aside.
    static func endsSentence(_ scalars: [Unicode.Scalar]) -> Bool {
        var end = scalars.count
        while end > 0 && isWhitespace(scalars[end - 1]) { end -= 1 }
        while end > 0 && isCloser(scalars[end - 1]) { end -= 1 }
        return end > 0 && isSentenceEnd(scalars[end - 1])
    }

    /// The page's own stopwords: its most frequent short words in lines of five words or more
    /// (ties broken by the word's hash, as features.py breaks them).
    static func pageStopwords(_ lines: [Line]) -> HashCounts {
        var counts = HashCounts(capacity: 256)
        for line in lines where line.wordCount >= 5 {
            for (hash, length) in zip(line.wordHashes, line.wordLengths) where length <= stopwordLength {
                counts.add(hash)
            }
        }
        let ranked = counts.all.sorted { left, right in left.count != right.count ? left.count > right.count : left.hash < right.hash }
        var stopwords = HashCounts(capacity: stopwordCount)
        for (hash, count) in ranked.prefix(stopwordCount) where count >= stopwordMinimum { stopwords.add(hash) }
        return stopwords
    }

    /// A ` - Site Name` (or ` | Site`) ending of at most five words that two lines or more share.
    static func siteSuffix(_ lines: [Line]) -> [UInt8]? {
        var counts: [[UInt8]: Int] = [:]
        for line in lines {
            guard let start = suffixStart(line.bytes) else { continue }
            // The separator is ASCII's space first: the scalars before it are the lead bytes before it.
            let scalarStart = line.bytes[..<start].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            let count = WordScan.count(line.scalars[scalarStart...])
            if count >= 1 && count <= 5 { counts[Array(line.bytes[start...]), default: 0] += 1 }
        }
        var best: (tail: [UInt8], count: Int)?
        for (tail, count) in counts where count >= 2 {
            if let current = best, current.count > count || (current.count == count && !tail.lexicographicallyPrecedes(current.tail)) {
                continue
            }
            best = (tail, count)
        }
        return best?.tail
    }

    /// Where a line's suffix starts: the last ` - ` if it has one, else the last ` | `, else the
    /// last ` – ` (features.py's order), never at the line's very start. One pass from the end.
    static func suffixStart(_ bytes: [UInt8]) -> Int? {
        var hyphen: Int?, bar: Int?, dash: Int?
        var index = bytes.count - 3
        while index >= 0 && hyphen == nil {
            if bytes[index] == 0x20 {
                let next = bytes[index + 1]
                if next == UInt8(ascii: "-") || next == UInt8(ascii: "|") {
                    if bytes[index + 2] == 0x20 {
                        if next == UInt8(ascii: "-") { hyphen = index } else if bar == nil { bar = index }
                    }
                } else if next == 0xE2 && index + 4 < bytes.count && bytes[index + 2] == 0x80 && bytes[index + 3] == 0x93 && bytes[index + 4] == 0x20 {
                    if dash == nil { dash = index }
                }
            }
            index -= 1
        }
        // A separator that opens the line is passed over for the next of the list, as in features.py.
        return [hyphen, bar, dash].lazy.compactMap { $0 }.first { $0 > 0 }
    }

    /// A run of prose-shaped lines at most ``mainRunGap`` other lines apart.
    struct Run {
        var first: Int
        var last: Int
        var words: Int
    }

    /// Every run of prose-shaped lines, in order.
    static func proseRuns(prose: [Bool], words: [Int]) -> [Run] {
        var runs: [Run] = []
        var current: Run?
        for index in prose.indices where prose[index] {
            if let run = current, index - run.last - 1 > mainRunGap {
                runs.append(run)
                current = nil
            }
            if current == nil { current = Run(first: index, last: index, words: 0) }
            current!.last = index
            current!.words += words[index]
        }
        if let current { runs.append(current) }
        return runs
    }

    /// The span of the run holding the most words (the first of equals), or (-1, -1).
    static func mainRun(prose: [Bool], words: [Int]) -> (Int, Int) {
        var best: Run?
        for run in proseRuns(prose: prose, words: words) where run.words > (best?.words ?? 0) { best = run }
        return best.map { ($0.first, $0.last) } ?? (-1, -1)
    }
}

extension DumpLineFeatures {
    // What the own features count of each character, as bits: the ASCII characters' are
    // looked up (most characters of most dumps), the others' worked out.
    static let digitClass: UInt8 = 1, separatorClass: UInt8 = 2, sentenceEndClass: UInt8 = 4, commaClass: UInt8 = 8
    static let upperClass: UInt8 = 16, lowerClass: UInt8 = 32

    static func classes(_ scalar: Unicode.Scalar, upper: Bool, lower: Bool) -> UInt8 {
        var classes: UInt8 = 0
        if scalar.value >= 0x30 && scalar.value <= 0x39 { classes |= digitClass }
        if isSeparator(scalar) { classes |= separatorClass }
        if isSentenceEnd(scalar) { classes |= sentenceEndClass }
        if isComma(scalar) { classes |= commaClass }
        if upper { classes |= upperClass }
        if lower { classes |= lowerClass }
        return classes
    }

    static let asciiClasses: [UInt8] = (0..<128).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        return classes(scalar, upper: isUpper(scalar), lower: isLower(scalar))
    }

    /// The own features of each line (`OWN`), `Own.count` per line.
    static func ownFeatures(_ lines: [Line], siteSuffix suffix: [UInt8]?) -> [Double] {
        let n = lines.count
        let width = Own.count
        var rows = [Double](repeating: 0, count: n * width)
        let stopwords = pageStopwords(lines)
        // Lines compared by a hash of their bytes: hashing [UInt8] through Hasher goes byte by byte.
        let lineHashes = lines.map { line in line.bytes.reduce(WordScan.offsetBasis) { ($0 ^ UInt64($1)) &* WordScan.prime } }
        var seen = HashCounts(capacity: n)
        for hash in lineHashes { seen.add(hash) }
        var title = HashCounts()
        for hash in lines.first?.wordHashes ?? [] { title.add(hash) }
        var prose = [Bool](repeating: false, count: n)
        let wordCounts = lines.map(\.wordCount)
        for (index, line) in lines.enumerated() {
            let chars = line.scalars.count
            let words = line.wordCount
            let cased = line.casedWords, capitalised = line.capitalisedWords
            var digits = 0, separatorCount = 0, ends = 0, commaCount = 0, glued = 0
            // Glued: a capital right after a lower-case letter or a sentence end, where one
            // block's text ran into the next without a space (`Student-AthleteA 24`,
            // `Rise?Violence`), as a teaser card's headline and summary come out of a dump.
            var previousLower = false, previousEnd = false
            asciiClasses.withUnsafeBufferPointer { ascii in
                for scalar in line.scalars {
                    let value = scalar.value
                    let classes: UInt8
                    if value < 0x80 {
                        classes = ascii[Int(value)]
                    } else {
                        let traits = ScalarTraits.of(scalar)
                        classes = Self.classes(scalar, upper: traits.contains(.uppercase), lower: traits.contains(.lowercase))
                    }
                    if classes & Self.digitClass != 0 { digits += 1 }
                    if classes & Self.separatorClass != 0 { separatorCount += 1 }
                    let end = classes & Self.sentenceEndClass != 0
                    if end { ends += 1 }
                    if classes & Self.commaClass != 0 { commaCount += 1 }
                    if classes & Self.upperClass != 0 && (previousLower || previousEnd) { glued += 1 }
                    previousLower = classes & Self.lowerClass != 0
                    previousEnd = end
                }
            }
            let url = BoilerplatePatterns.containsAddress(line.bytes)
                || (line.bytes.contains(UInt8(ascii: "@")) && line.bytes.contains(UInt8(ascii: ".")) && words <= 6)
            var stopHits = 0, titleHits = 0
            for hash in line.wordHashes {
                if stopwords.contains(hash) { stopHits += 1 }
                if title.contains(hash) { titleHits += 1 }
            }
            let stopShare = words > 0 ? Double(stopHits) / Double(words) : 0
            let titleShare = words > 0 && index > 0 ? Double(titleHits) / Double(words) : 0
            let ended = endsSentence(line.scalars)
            let isProse = (words >= 8 && ended) || (words >= 16 && ends >= 2)
            prose[index] = isProse
            let capitalShare = cased > 0 ? Double(capitalised) / Double(cased) : 0
            var trailing = line.scalars.count
            while trailing > 0 && isWhitespace(line.scalars[trailing - 1]) { trailing -= 1 }
            let endsColon = trailing > 0 && (line.scalars[trailing - 1] == ":" || line.scalars[trailing - 1] == "：")
            let base = index * width
            func set(_ feature: Own, _ value: Double) { rows[base + feature.rawValue] = value }
            set(.logChars, log1p(Double(chars)))
            set(.logWords, log1p(Double(words)))
            set(.endsSentence, ended ? 1 : 0)
            set(.sentenceEnds, min(Double(ends) / Double(max(words, 1)) * 10, 3))
            set(.commas, min(Double(commaCount) / Double(max(words, 1)) * 10, 3))
            set(.capitalised, capitalShare)
            set(.digits, chars > 0 ? Double(digits) / Double(chars) : 0)
            set(.separators, min(Double(separatorCount) / Double(max(words, 1)), 1))
            set(.url, url ? 1 : 0)
            set(.repeated, seen.count(lineHashes[index]) > 1 ? 1 : 0)
            set(.position, Double(index) / Double(max(n - 1, 1)))
            set(.stopwords, stopShare)
            set(.titleWords, titleShare)
            set(.startsLower, line.scalars.first.map(isLower) ?? false ? 1 : 0)
            set(.proseShape, isProse ? 1 : 0)
            set(.headingShape, words >= 2 && words <= 15 && !ended && capitalShare >= 0.5 ? 1 : 0)
            set(.credit, line.scalars.contains("©") ? 1 : 0)
            set(.siteSuffix, suffix.map { line.bytes.count >= $0.count && line.bytes.suffix($0.count).elementsEqual($0) } ?? false ? 1 : 0)
            set(.endsColon, endsColon ? 1 : 0)
            set(.glued, min(Double(glued) / Double(max(words, 1)) * 10, 3))
        }
        let proseWords = zip(wordCounts, prose).reduce(0) { $0 + ($1.1 ? $1.0 : 0) }
        let (low, high) = mainRun(prose: prose, words: wordCounts)
        let proseLengths = zip(wordCounts, prose).filter(\.1).map(\.0).sorted()
        let typical = proseLengths.isEmpty ? 10 : proseLengths[proseLengths.count / 2]
        let headline = (1..<max(n, 1)).first { index in
            wordCounts[index] >= 2 && wordCounts[index] <= 30 && rows[index * width + Own.titleWords.rawValue] >= 0.6
        }
        // Each run's share of the page's prose; the first run after the headline is where a
        // post begins (the comments under it are later runs, often heavier).
        var firstSeen = false
        for run in proseRuns(prose: prose, words: wordCounts) {
            let first = !firstSeen && run.first > (headline ?? 0)
            if first { firstSeen = true }
            for index in run.first...run.last {
                rows[index * width + Own.runShare.rawValue] = proseWords > 0 ? Double(run.words) / Double(proseWords) : 0
                rows[index * width + Own.firstRun.rawValue] = first ? 1 : 0
            }
        }
        var since = 0
        var before = 0
        for index in 0..<n {
            let base = index * width
            func set(_ feature: Own, _ value: Double) { rows[base + feature.rawValue] = value }
            if let headline, index > headline {
                set(.afterHeadline, 1)
                set(.proseSinceHeadline, proseWords > 0 ? Double(since) / Double(proseWords) : 0)
                if prose[index] { since += wordCounts[index] }
            }
            set(.proseBefore, proseWords > 0 ? Double(before) / Double(proseWords) : 0)
            if prose[index] { before += wordCounts[index] }
            let inside = low <= index && index <= high
            set(.inMainRun, inside ? 1 : 0)
            if low < 0 {
                set(.runDistance, 1)
            } else {
                set(.runDistance, inside ? 0 : Double(min(index < low ? low - index : index - high, 20)) / 20)
            }
            set(.relativeLength, log1p(Double(wordCounts[index])) - log1p(Double(typical)))
            let line = lines[index]
            if line.scalars.count >= 20 {
                for other in max(0, index - 2)..<min(n, index + 3) where other != index && lines[other].scalars.count >= 20 {
                    // Only the shorter can stand inside the longer.
                    let (short, long) = line.bytes.count <= lines[other].bytes.count ? (line.bytes, lines[other].bytes) : (lines[other].bytes, line.bytes)
                    if BoilerplatePatterns.contains(long, short) {
                        set(.overlapsNeighbour, 1)
                        break
                    }
                }
            }
        }
        return rows
    }

    /// Own features, a few of each neighbour's (zeros beyond the ends), the shares of prose-shaped,
    /// short dated and repeated lines and the mean length around the line, and how far the
    /// nearest prose-shaped line is above and below.
    static func withContext(_ own: [Double], lineCount n: Int) -> [Double] {
        let width = Own.count
        let short = log1p(Double(shortWords))
        // Written in place: appending ninety values a line, each checked against the capacity,
        // cost more than computing them.
        return [Double](unsafeUninitializedCapacity: n * count) { out, written in
            own.withUnsafeBufferPointer { own in
                func value(_ line: Int, _ feature: Own) -> Double { own[line &* width &+ feature.rawValue] }
                var at = 0
                for index in 0..<n {
                    for feature in 0..<width { out[at &+ feature] = own[index &* width &+ feature] }
                    at &+= width
                    for offset in context {
                        let other = index + offset
                        let inside = other >= 0 && other < n
                        for feature in Neighbour.all {
                            out[at] = inside ? value(other, feature) : 0
                            at &+= 1
                        }
                    }
                    let low = max(0, index - window), high = min(n, index + window + 1)
                    let span = Double(high - low)
                    var proseShare = 0.0, wordsMean = 0.0, dated = 0.0, repeated = 0.0
                    for other in low..<high {
                        proseShare += value(other, .proseShape)
                        wordsMean += value(other, .logWords)
                        if value(other, .digits) > 0 && value(other, .proseShape) == 0 && value(other, .logWords) <= short { dated += 1 }
                        repeated += value(other, .repeated)
                    }
                    let up = (1...10).first { index - $0 >= 0 && value(index - $0, .proseShape) > 0 } ?? 11
                    let down = (1...10).first { index + $0 < n && value(index + $0, .proseShape) > 0 } ?? 11
                    for context in [proseShare / span, wordsMean / span, Double(up), Double(down), dated / span, repeated / span] {
                        out[at] = context
                        at &+= 1
                    }
                }
                precondition(at == n * count, "the context features are \(count) a line")
                written = at
            }
        }
    }
}
