/// Growable bytes that a SAX handler fills a few at a time and a reader then slices.
///
/// Entity-dense text (`&lt;p&gt;…`) reaches the character handler a few bytes per call, so an
/// append must cost no more than a capacity check and a copy. `Array.append(contentsOf:)`
/// adds a uniqueness check and a generic copy routine to each call, which came to a tenth of
/// an Atom feed's parse.
struct RecordedBytes: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes the buffer holds.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Appends `count` bytes from `bytes`.
    mutating func append(_ bytes: UnsafePointer<UInt8>, count added: Int) {
        guard added > 0 else { return }
        if count + added > capacity { grow(toHold: count + added) }
        (base + count).initialize(from: bytes, count: added)
        count += added
    }

    /// Forgets the contents, keeping the storage for the next subtree.
    mutating func removeAll() {
        count = 0
    }

    /// Calls `body` with the bytes in `range` (which must lie within ``count``).
    func withBytes<T>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range outside the buffer")
        return body(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.initialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
