#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address, and whether the public internet may be reached through it.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6, in network order.
    public let bytes: [UInt8]

    /// An address from its 4 or 16 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// An address in its standard text form (`192.0.2.1`, `2001:db8::1`, `[::1]`).
    public init?(_ text: String) {
        let bare = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 {
            self.bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 {
            self.bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }

    /// The address a URL's host names without DNS, as browsers read it (the WHATWG URL
    /// standard's IPv4 parser): besides the dotted form, one to four parts in decimal, octal
    /// (`0177`) or hex (`0x7f`), so `2130706433`, `0177.0.0.1` and `0x7f.1` are all 127.0.0.1.
    /// Nil for a host name.
    public init?(hostLiteral host: String) {
        if let address = IPAddress(host) {
            self = address
            return
        }
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        guard (1...4).contains(parts.count) else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            let text = part.lowercased()
            let value: UInt64?
            if text.hasPrefix("0x") {
                value = text.count == 2 ? 0 : UInt64(text.dropFirst(2), radix: 16)
            } else if text.count > 1, text.hasPrefix("0") {
                value = UInt64(text.dropFirst(), radix: 8)
            } else {
                value = UInt64(text, radix: 10)
            }
            guard let value, value <= UInt64(UInt32.max) else { return nil }
            numbers.append(value)
        }
        // Every part but the last is one byte; the last fills the bytes that are left.
        guard numbers.dropLast().allSatisfy({ $0 <= 255 }), let last = numbers.last,
              last < (UInt64(1) << (8 * UInt64(5 - numbers.count))) else { return nil }
        var value = last
        for (index, byte) in numbers.dropLast().enumerated() {
            value |= byte << (8 * UInt64(3 - index))
        }
        self.bytes = [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// Whether this is an IPv4 address.
    public var isIPv4: Bool { bytes.count == 4 }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = isIPv4 ? AF_INET : AF_INET6
        _ = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The form a URL's host takes (IPv6 in brackets).
    public var urlHost: String { isIPv4 ? description : "[\(description)]" }

    /// Whether the address belongs to the public internet: not the machine itself, a private
    /// or link-local network, carrier-grade NAT, a cloud metadata service, multicast, or a
    /// reserved or documentation range. IPv6 forms that carry an IPv4 address (mapped,
    /// compatible, NAT64, 6to4) are judged by that address.
    public var isPublic: Bool {
        if isIPv4 { return Self.isPublicIPv4(bytes) }
        let b = bytes
        let prefix96Zero = b[0..<10].allSatisfy { $0 == 0 }
        if prefix96Zero && b[10] == 0xFF && b[11] == 0xFF { return Self.isPublicIPv4(Array(b[12..<16])) }  // ::ffff:a.b.c.d
        if prefix96Zero && b[10] == 0 && b[11] == 0 { return Self.isPublicIPv4(Array(b[12..<16])) }  // ::a.b.c.d, ::, ::1
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B {
            // 64:ff9b::/96 translates to IPv4; 64:ff9b:1::/48 is for local use.
            if b[4..<12].allSatisfy({ $0 == 0 }) { return Self.isPublicIPv4(Array(b[12..<16])) }
            return false
        }
        if b[0] == 0x20 && b[1] == 0x02 { return Self.isPublicIPv4(Array(b[2..<6])) }  // 6to4
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00 { return false }  // Teredo tunnels
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return false }  // documentation
        if b[0] == 0x01 && b[1] == 0x00 && b[2..<8].allSatisfy({ $0 == 0 }) { return false }  // discard 100::/64
        if b[0] & 0xFE == 0xFC { return false }  // unique local fc00::/7
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return false }  // link-local fe80::/10
        if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return false }  // site-local fec0::/10
        if b[0] == 0xFF { return false }  // multicast
        // Only global unicast (2000::/3) is routed on the internet today.
        return b[0] & 0xE0 == 0x20
    }

    private static func isPublicIPv4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1], b[2]) {
        case (0, _, _), (10, _, _), (127, _, _): return false  // "this network", private, loopback
        case (100, 64...127, _): return false  // carrier-grade NAT
        case (169, 254, _): return false  // link-local, cloud metadata (169.254.169.254)
        case (172, 16...31, _), (192, 168, _): return false  // private
        case (192, 0, 0), (192, 0, 2), (198, 51, 100), (203, 0, 113): return false  // IETF, documentation
        case (192, 88, 99): return false  // deprecated 6to4 relays
        case (198, 18...19, _): return false  // benchmarking
        case (224...255, _, _): return false  // multicast, reserved, broadcast
        default: return true
        }
    }
}
