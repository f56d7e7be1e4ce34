import Foundation

/// Decides which lines of a text dump are the article's body, as `scripts/dump-model` trained it:
/// stage one (``DumpLineModel/lineStage``) weighs each line's own evidence and its neighbours';
/// stage two (``DumpLineModel/contextStage``) weighs stage one's probabilities around the line;
/// then the body is taken as one stretch of the dump (the run that stage two's probabilities,
/// weighted by words, favour most), every likely line inside it and only sure lines outside.
enum DumpLineChooser {
    static let lineStage = load(DumpLineModel.lineStage, inputs: DumpLineFeatures.count)
    static let contextStage = load(DumpLineModel.contextStage, inputs: secondCount)

    /// Inside the body's stretch a line needs this probability…
    static let inside = 0.4
    /// …and outside it this much.
    static let outside = 0.9
    /// Stage one's probabilities of this many lines on each side are stage two's inputs…
    static let secondContext = [-5, -4, -3, -2, -1, 1, 2, 3, 4, 5]
    /// …and their mean over this many lines on each side.
    static let secondWindow = 10
    /// A line's own features that stage two sees again.
    static let secondOwn: [DumpLineFeatures.Own] = [.logWords, .proseShape, .endsSentence, .repeated]
    static let secondCount = 1 + secondContext.count + 3 + secondOwn.count
    /// Lines are matched against the starts of others by this many bytes.
    static let repeatKey = 20

    private static func load(_ text: String, inputs: Int) -> BoostedTrees {
        do {
            let trees = try BoostedTrees(text: Substring(text))
            precondition(trees.featureCount == inputs, "DumpLineModel was trained on \(trees.featureCount) features, not \(inputs): retrain it")
            return trees
        } catch {
            // The text is generated and checked by DumpLineModelTests; a failure here is a
            // broken build, not bad input.
            preconditionFailure("\(error)")
        }
    }

    /// The dump's non-empty lines, trimmed as features.py trims them (spaces, tabs, carriage
    /// returns, form and line feeds; not other white space). Cut in bytes: splitting a String
    /// on Characters walks every grapheme of the dump.
    static func lines(of text: String) -> [DumpLineFeatures.Line] {
        let bytes = Array(text.utf8)
        func isTrimmed(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B }
        var lines: [DumpLineFeatures.Line] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var low = start, high = end
            while low < high && isTrimmed(bytes[low]) { low += 1 }
            while high > low && isTrimmed(bytes[high - 1]) { high -= 1 }
            if low < high { lines.append(DumpLineFeatures.Line(bytes[low..<high])) }
            start = end + 1
        }
        return lines
    }

    /// The indices of the body's lines, in order; empty only for a dump of one line or none.
    static func bodyLines(_ lines: [DumpLineFeatures.Line]) -> [Int] {
        bodyLines(lines, DumpLineFeatures(lines: lines))
    }

    /// The indices of the body's lines, from features already computed.
    static func bodyLines(_ lines: [DumpLineFeatures.Line], _ features: DumpLineFeatures) -> [Int] {
        guard !lines.isEmpty else { return [] }
        let first = features.values.withUnsafeBufferPointer { lineStage.probabilities($0, rows: lines.count, stride: DumpLineFeatures.count) }
        let inputs = secondStage(features, first, words: lines.map(\.wordCount))
        let second = inputs.withUnsafeBufferPointer { contextStage.probabilities($0, rows: lines.count, stride: secondCount) }
        return choose(lines, features, second)
    }

    static func logit(_ p: Double) -> Double {
        let clamped = min(max(p, 1e-4), 1 - 1e-4)
        return log(clamped / (1 - clamped))
    }

    /// The run of lines that maximises the sum of (probability − ½) × words.
    static func region(_ p: [Double], words: [Int]) -> (Int, Int) {
        var best = -Double.infinity, bestStart = 0, bestEnd = -1
        var current = 0.0, start = 0
        for index in p.indices {
            if current <= 0 { current = 0; start = index }
            current += (p[index] - 0.5) * Double(max(words[index], 1))
            if current > best { best = current; bestStart = start; bestEnd = index }
        }
        return (bestStart, bestEnd)
    }

    /// Stage two's inputs for each line: stage one's probabilities around it, where it stands
    /// against the body's stretch, and a few of its own features.
    static func secondStage(_ features: DumpLineFeatures, _ p: [Double], words: [Int]) -> [Double] {
        let n = p.count
        let (low, high) = region(p, words: words)
        let logits = p.map(logit)
        var rows: [Double] = []
        rows.reserveCapacity(n * secondCount)
        for index in 0..<n {
            rows.append(logits[index])
            for offset in secondContext {
                let other = index + offset
                rows.append(other >= 0 && other < n ? logits[other] : -6)
            }
            let from = max(0, index - secondWindow), to = min(n, index + secondWindow + 1)
            var sum = 0.0
            for other in from..<to { sum += p[other] }
            rows.append(sum / Double(to - from))
            let inside = low <= index && index <= high
            rows.append(inside ? 1 : 0)
            rows.append(inside ? 0 : Double(min(index < low ? low - index : index - high, 20)) / 20)
            let base = index * DumpLineFeatures.count
            for feature in secondOwn { rows.append(features.values[base + feature.rawValue]) }
        }
        return rows
    }

    /// Every likely line inside the body's stretch, sure lines outside it, never a line that
    /// merely strings together others kept (a page's summary block repeating the paragraphs).
    static func choose(_ lines: [DumpLineFeatures.Line], _ features: DumpLineFeatures, _ p: [Double]) -> [Int] {
        let (low, high) = region(p, words: lines.map(\.wordCount))
        let kept = p.indices.filter { p[$0] > (low <= $0 && $0 <= high ? inside : outside) && !isChrome($0, lines, features) }
        var starts: [ArraySlice<UInt8>: [Int]] = [:]
        for index in kept where lines[index].bytes.count >= repeatKey {
            starts[lines[index].bytes[0..<repeatKey], default: []].append(index)
        }
        var chosen = kept.filter { repeatedPrefix(of: $0, lines, starts) * 2 < lines[$0].bytes.count }
        if chosen.isEmpty && p.count > 1 {
            // Never nothing from a dump with text: its likeliest line beyond the title.
            var best = 1
            for index in 2..<p.count where p[index] > p[best] { best = index }
            chosen = [best]
        }
        return chosen
    }

    /// A short prompt is at most this many characters.
    static let promptLength = 200

    /// The chrome rules that hold whatever the model says: a caption or title carrying the site's
    /// suffix, a short prompt (`READ MORE: …`, `Subscribe`), a headline right below a caption or
    /// credit, or below a label of one or two words below one (a related story's card).
    static func isChrome(_ index: Int, _ lines: [DumpLineFeatures.Line], _ features: DumpLineFeatures) -> Bool {
        func has(_ line: Int, _ feature: DumpLineFeatures.Own) -> Bool {
            features.values[line * DumpLineFeatures.count + feature.rawValue] > 0
        }
        if has(index, .siteSuffix) { return true }
        let line = lines[index]
        if line.scalars.count < promptLength && BoilerplatePatterns.hasLinePrefix(line.bytes) { return true }
        guard has(index, .headingShape) else { return false }
        // A related story's card: its image caption or credit, perhaps a short section label,
        // then its headline.
        for above in [index - 1, index - 2] where above >= 0 {
            if has(above, .siteSuffix) || has(above, .credit) { return true }
            if lines[above].wordCount > cardLabelWords { break }
        }
        return false
    }

    /// The most words of the section label a related story's card may put above its headline.
    static let cardLabelWords = 2

    /// How many of a line's bytes, from its start, are two or more shorter kept lines one after
    /// another (0 when fewer match: a line that merely begins like another is its own).
    static func repeatedPrefix(of index: Int, _ lines: [DumpLineFeatures.Line], _ starts: [ArraySlice<UInt8>: [Int]]) -> Int {
        let line = lines[index].bytes
        var position = 0, pieces = 0
        while true {
            while position < line.count && line[position] == 0x20 { position += 1 }
            var best = 0
            if position + repeatKey <= line.count, let candidates = starts[line[position..<(position + repeatKey)]] {
                for other in candidates where other != index {
                    let bytes = lines[other].bytes
                    if bytes.count > best && bytes.count < line.count && position + bytes.count <= line.count
                        && line[position..<(position + bytes.count)].elementsEqual(bytes) {
                        best = bytes.count
                    }
                }
            }
            if best == 0 { return pieces >= 2 ? position : 0 }
            position += best
            pieces += 1
        }
    }
}
