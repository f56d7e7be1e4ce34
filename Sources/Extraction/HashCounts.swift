/// Counts of 64-bit hashes (``WordScan``'s word hashes, a dump's line hashes), in an
/// open-addressed table.
///
/// The keys are FNV-1a hashes already, so they are used as their own slot: a `Set<UInt64>` or
/// `[UInt64: Int]` would hash each one again through SipHash, which was a tenth of the time a
/// dump took to read.
struct HashCounts {
    private var keys: [UInt64]
    private var counts: [Int32]
    private var mask: Int
    /// The distinct hashes counted.
    private(set) var distinct = 0
    /// Whether the zero hash was counted (zero marks an empty slot).
    private var zeroCount: Int32 = 0

    /// A table for about `capacity` distinct hashes before it grows.
    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        counts = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    /// Counts `hash` once more.
    mutating func add(_ hash: UInt64) {
        if hash == 0 {
            if zeroCount == 0 { distinct += 1 }
            zeroCount += 1
            return
        }
        var slot = Self.slot(hash, mask)
        while true {
            if keys[slot] == hash {
                counts[slot] += 1
                return
            }
            if keys[slot] == 0 { break }
            slot = (slot + 1) & mask
        }
        keys[slot] = hash
        counts[slot] = 1
        distinct += 1
        if distinct * 2 > keys.count { grow() }
    }

    /// How many times `hash` was counted.
    @inline(__always)
    func count(_ hash: UInt64) -> Int {
        if hash == 0 { return Int(zeroCount) }
        var slot = Self.slot(hash, mask)
        while true {
            let key = keys[slot]
            if key == hash { return Int(counts[slot]) }
            if key == 0 { return 0 }
            slot = (slot + 1) & mask
        }
    }

    /// Whether `hash` was counted at all.
    @inline(__always)
    func contains(_ hash: UInt64) -> Bool { count(hash) > 0 }

    /// Every counted hash with its count, in no particular order.
    var all: [(hash: UInt64, count: Int)] {
        var result: [(hash: UInt64, count: Int)] = []
        result.reserveCapacity(distinct)
        if zeroCount > 0 { result.append((0, Int(zeroCount))) }
        for slot in keys.indices where keys[slot] != 0 { result.append((keys[slot], Int(counts[slot]))) }
        return result
    }

    // The high bits: FNV-1a's low bits vary least with a word's last characters.
    private static func slot(_ hash: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: ((hash ^ (hash >> 32)) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask }

    private mutating func grow() {
        let old = all.filter { $0.hash != 0 }
        let zero = zeroCount
        self = HashCounts(capacity: keys.count)
        zeroCount = zero
        distinct = zero > 0 ? 1 : 0
        for (hash, count) in old {
            var slot = Self.slot(hash, mask)
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = hash
            counts[slot] = Int32(count)
            distinct += 1
        }
    }
}
