extension BoostedTrees {
    /// The splits of all trees by feature, as ``probabilities(_:rows:stride:)`` reads them: the
    /// splits on feature `f` start at `starts[f]`, in ascending threshold order up to a sentinel,
    /// each with its strike: its tree (the high 16 bits) and the mask that strikes the leaves
    /// of its left subtree (the low 16; trees are at most 4 deep). One word per strike keeps
    /// the whole index in the nearest cache.
    struct SplitIndex: Sendable {
        var starts: [Int] = []
        var thresholds: [Double] = []
        var strikes: [UInt32] = []
        var treeCount = 0

        init(features: [Int32], thresholds: [Double], depth: Int, featureCount: Int) {
            let inner = (1 << depth) - 1
            treeCount = features.count / inner
            precondition(depth <= 4 && treeCount <= Int(UInt16.max), "a strike holds a tree of at most 16 leaves and 65,535 trees")
            var splits: [(feature: Int, threshold: Double, tree: Int, mask: UInt32)] = []
            for tree in 0..<treeCount {
                for node in 0..<inner {
                    let split = tree * inner + node
                    // A node that does not split (+∞) sends every row left: it strikes nothing.
                    guard thresholds[split] < .infinity else { continue }
                    let level = (node + 1).bitWidth - (node + 1).leadingZeroBitCount - 1
                    let span = 1 << (depth - level)
                    let first = (node - ((1 << level) - 1)) * span
                    let left = (UInt32(1) << (span / 2)) - 1
                    splits.append((Int(features[split]), thresholds[split], tree, ~(left << first) & 0xFFFF))
                }
            }
            splits.sort { ($0.feature, $0.threshold, $0.tree) < ($1.feature, $1.threshold, $1.tree) }
            // Each feature's splits end with a sentinel at +∞ that no value passes (nor a NaN),
            // so that the strike loop asks one question per split, not two.
            var next = 0
            var sentinelled: [(feature: Int, threshold: Double, tree: Int, mask: UInt32)] = []
            sentinelled.reserveCapacity(splits.count + featureCount)
            for feature in 0..<featureCount {
                starts.append(sentinelled.count)
                while next < splits.count && splits[next].feature == feature {
                    sentinelled.append(splits[next])
                    next += 1
                }
                sentinelled.append((feature, .infinity, 0, 0xFFFF))
            }
            splits = sentinelled
            self.thresholds = splits.map(\.threshold)
            strikes = splits.map { UInt32($0.tree) << 16 | $0.mask }
        }
    }
}
