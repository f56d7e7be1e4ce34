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
              let base = Double(header[4]), depth > 0, depth < 16
        else { throw FormatError(line: 1, reason: "expected `model <trees> <depth> <features> <base>`") }
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
    }

    /// The ensemble's probability for one row of `featureCount` values.
    func probability(_ row: ArraySlice<Double>) -> Double {
        Array(row).withUnsafeBufferPointer { probabilities($0, rows: 1, stride: featureCount)[0] }
    }

    /// The probabilities of `rows` rows laid out one after another, `stride` values apart.
    func probabilities(_ values: UnsafeBufferPointer<Double>, rows: Int, stride: Int) -> [Double] {
        precondition(rows == 0 || (rows - 1) * stride + featureCount <= values.count, "rows out of the buffer")
        let inner = (1 << depth) - 1
        let depth = self.depth
        var margins = [Double](repeating: base, count: rows)
        // Tree by tree, row by row: each row's walk down a tree is a chain of dependent loads,
        // and walking many rows through the same tree lets those chains overlap.
        features.withUnsafeBufferPointer { features in
            thresholds.withUnsafeBufferPointer { thresholds in
                leaves.withUnsafeBufferPointer { leaves in
                    margins.withUnsafeMutableBufferPointer { margins in
                        var splitBase = 0, leafBase = 0
                        while splitBase < features.count {
                            for row in 0..<rows {
                                let offset = row &* stride
                                // Without a branch on the comparison (which way a row goes is as
                                // good as random to the branch predictor), and unrolled for the
                                // depths the dump model uses.
                                @inline(__always) func step(_ node: Int) -> Int {
                                    let split = splitBase &+ node
                                    let right = values[offset &+ Int(features[split])] > thresholds[split]
                                    return 2 &* node &+ 1 &+ Int(UInt8(truncatingIfNeeded: right ? 1 : 0))
                                }
                                var node: Int
                                switch depth {
                                case 3: node = step(step(step(0)))
                                case 4: node = step(step(step(step(0))))
                                default:
                                    node = 0
                                    for _ in 0..<depth { node = step(node) }
                                }
                                margins[row] += leaves[leafBase &+ node &- inner]
                            }
                            splitBase += inner
                            leafBase += inner + 1
                        }
                    }
                }
            }
        }
        let out = margins.map { 1 / (1 + exp(-$0)) }
        return out
    }
}
