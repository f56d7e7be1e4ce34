import Foundation

/// A gradient-boosted ensemble of full binary decision trees, read from the text that
/// `scripts/dump-model/train.py` writes (``DumpLineModel``), answering a probability for a row of
/// features.
///
/// Each tree has the same depth; node `i`'s children are `2i + 1` and `2i + 2`, a row goes right
/// when its feature is greater than the node's threshold, and a node that does not split
/// (feature `-1` in the text) sends every row left, to a leaf that holds the same value either way.
struct BoostedTrees: Sendable {
    let base: Double
    let depth: Int
    let featureCount: Int
    /// Per tree, `2^depth - 1` split features and thresholds, `2^depth` leaf values.
    let features: [Int32]
    let thresholds: [Double]
    let leaves: [Double]
    /// Every split again, grouped by feature and sorted by threshold (``SplitIndex``).
    let splitIndex: SplitIndex

    /// Why a model's text cannot be read: a generated file was edited or cut.
    struct FormatError: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "dump model, line \(line): \(reason)" }
    }

    /// Reads `model <trees> <depth> <features> <base>` and then one tree per line:
    /// split features, thresholds and leaves, each group separated by `;`.
    init(text: Substring) throws(FormatError) {
        var lines = text.split(separator: "\n").makeIterator()
        guard let header = lines.next()?.split(separator: " "), header.count == 5, header[0] == "model",
              let trees = Int(header[1]), let depth = Int(header[2]), let featureCount = Int(header[3]),
              let base = Double(header[4]), depth > 0, depth <= 4, trees <= Int(UInt16.max)
        else { throw FormatError(line: 1, reason: "expected `model <trees> <trees, at most 65,535> <depth 1…4> <features> <base>`") }
        let inner = (1 << depth) - 1
        var features: [Int32] = [], thresholds: [Double] = [], leaves: [Double] = []
        for tree in 0..<trees {
            guard let line = lines.next() else { throw FormatError(line: tree + 2, reason: "missing tree") }
            let groups = line.split(separator: ";", omittingEmptySubsequences: false)
            guard groups.count == 3 else { throw FormatError(line: tree + 2, reason: "expected three groups") }
            let split = groups[0].split(separator: " ").compactMap { Int32($0) }
            let cut = groups[1].split(separator: " ").compactMap { Double($0) }
            let leaf = groups[2].split(separator: " ").compactMap { Double($0) }
            guard split.count == inner, cut.count == inner, leaf.count == inner + 1,
                  split.allSatisfy({ $0 >= -1 && $0 < featureCount })
            else { throw FormatError(line: tree + 2, reason: "wrong number of nodes or a feature out of range") }
            // A node that does not split reads feature 0 against +∞: every row goes left, with no
            // test for it on the hot path.
            for (feature, threshold) in zip(split, cut) {
                features.append(max(feature, 0))
                thresholds.append(feature < 0 ? .infinity : threshold)
            }
            leaves += leaf
        }
        self.base = base
        self.depth = depth
        self.featureCount = featureCount
        self.features = features
        self.thresholds = thresholds
        self.leaves = leaves
        splitIndex = SplitIndex(features: features, thresholds: thresholds, depth: depth, featureCount: featureCount)
    }

    /// The ensemble's probability for one row of `featureCount` values, by walking each tree
    /// from its root: the plain reading of the model, which ``probabilities(_:rows:stride:)``
    /// must agree with exactly.
    func probability(_ row: ArraySlice<Double>) -> Double {
        let row = Array(row)
        let inner = (1 << depth) - 1
        var margin = base
        for tree in 0..<(features.count / max(inner, 1)) {
            var node = 0
            for _ in 0..<depth {
                let split = tree * inner + node
                node = 2 * node + (row[Int(features[split])] > thresholds[split] ? 2 : 1)
            }
            margin += leaves[tree * (inner + 1) + node - inner]
        }
        return 1 / (1 + exp(-margin))
    }

    /// The probabilities of `rows` rows laid out one after another, `stride` values apart.
    ///
    /// Walking a tree is a chain of dependent loads, each waiting for the one before; the
    /// walks were most of a dump's reading. This reads the trees the other way round
    /// (Lucchese et al.'s QuickScorer): for each feature of a row, the splits on it in
    /// ascending threshold order, and each split the row passes to the right strikes the leaves
    /// on its left from its tree's set. A tree's exit is the leftmost leaf left standing. The
    /// strikes do not depend on one another, so the processor runs many at once.
    func probabilities(_ values: UnsafeBufferPointer<Double>, rows: Int, stride: Int) -> [Double] {
        precondition(rows == 0 || (rows - 1) * stride + featureCount <= values.count, "rows out of the buffer")
        let index = splitIndex
        let leafCount = 1 << depth
        let trees = index.treeCount
        var margins = [Double](repeating: base, count: rows)
        var standing = [UInt16](repeating: 0, count: trees)
        let all = UInt16.max >> (16 - leafCount)
        index.starts.withUnsafeBufferPointer { starts in
            index.thresholds.withUnsafeBufferPointer { thresholds in
                index.strikes.withUnsafeBufferPointer { strikes in
                    leaves.withUnsafeBufferPointer { leaves in
                        standing.withUnsafeMutableBufferPointer { standing in
                            for row in 0..<rows {
                                let offset = row &* stride
                                for tree in 0..<trees { standing[tree] = all }
                                for feature in 0..<featureCount {
                                    let value = values[offset &+ feature]
                                    var split = starts[feature]
                                    // `threshold < value`, so that a NaN goes left everywhere, as
                                    // the walk sends it; the feature's sentinel ends the loop.
                                    while thresholds[split] < value {
                                        let strike = strikes[split]
                                        standing[Int(strike >> 16)] &= UInt16(truncatingIfNeeded: strike)
                                        split &+= 1
                                    }
                                }
                                var margin = base
                                for tree in 0..<trees {
                                    margin += leaves[tree &* leafCount &+ standing[tree].trailingZeroBitCount]
                                }
                                margins[row] = margin
                            }
                        }
                    }
                }
            }
        }
        return margins.map { 1 / (1 + exp(-$0)) }
    }
}
