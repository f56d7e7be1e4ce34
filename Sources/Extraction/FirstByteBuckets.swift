/// Words as bytes, grouped by their first byte: a scan over a text compares each position
/// with the few words that can start there, not with all of them.
struct FirstByteBuckets: Sendable {
    private let buckets: [[[UInt8]]]

    init(_ words: some Sequence<String>) {
        var buckets = [[[UInt8]]](repeating: [], count: 256)
        for word in words {
            guard let first = word.utf8.first else { continue }
            buckets[Int(first)].append(Array(word.utf8))
        }
        self.buckets = buckets
    }

    /// The words that start with `byte`.
    subscript(byte: UInt8) -> [[UInt8]] { buckets[Int(byte)] }
}
