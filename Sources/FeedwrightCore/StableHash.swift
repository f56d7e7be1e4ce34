/// 64-bit FNV-1a: a hash that is the same on every run and platform (Swift's `Hasher` is seeded
/// per process), for ETags, schedule jitter and derived identifiers that must not change.
public struct FNV1a64: Sendable {
    /// The standard offset basis.
    public static let standardBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    /// The 64-bit FNV prime.
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The hash of what was mixed in so far.
    public private(set) var value: UInt64

    /// A hash starting from `basis` (the standard one unless a caller keeps an older basis so
    /// that values it stored stay the same).
    public init(basis: UInt64 = FNV1a64.standardBasis) {
        value = basis
    }

    /// Mixes in `bytes`.
    public mutating func mix(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { value = (value ^ UInt64(byte)) &* Self.prime }
    }

    /// The hash of `bytes` from the standard basis.
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = FNV1a64()
        hash.mix(bytes)
        return hash.value
    }
}
