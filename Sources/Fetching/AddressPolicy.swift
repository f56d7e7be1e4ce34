import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which network addresses a fetch may reach.
///
/// Feeds are untrusted: a link in a feed must not make Feedwright fetch from the machine
/// itself, the local network, or a cloud metadata service. Hosts are resolved and every address
/// checked before connecting, and again after every redirect.
public struct AddressPolicy: Sendable {
    /// Allow loopback, private and link-local addresses (for local sources and tests).
    public var allowPrivate: Bool

    public init(allowPrivate: Bool = false) {
        self.allowPrivate = allowPrivate
    }

    /// The first forbidden address `host` resolves to, or nil when all are public.
    public func forbiddenAddress(host: String) -> String? {
        if allowPrivate { return nil }
        let addresses = AddressPolicy.resolve(host)
        if addresses.isEmpty { return nil }
        return addresses.first(where: AddressPolicy.isNonPublic)
    }

    /// Numeric addresses of `host` (IPv4 dotted and IPv6 text forms).
    static func resolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let trimmed = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard getaddrinfo(trimmed, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(info.pointee.ai_addr, info.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                addresses.append(String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            cursor = info.pointee.ai_next
        }
        return addresses
    }

    /// Loopback, private (RFC 1918, ULA), link-local, CGNAT, unspecified, and metadata ranges.
    static func isNonPublic(_ address: String) -> Bool {
        let lower = address.lowercased()
        if lower.contains(":") {
            if lower == "::1" || lower == "::" { return true }
            if lower.hasPrefix("fe80:") || lower.hasPrefix("fc") || lower.hasPrefix("fd") { return true }
            if lower.hasPrefix("::ffff:") { return isNonPublic(String(lower.dropFirst(7))) }
            return false
        }
        let parts = address.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 4 else { return true }
        switch (parts[0], parts[1]) {
        case (0, _), (10, _), (127, _): return true
        case (169, 254): return true  // link-local and cloud metadata (169.254.169.254)
        case (172, 16...31), (192, 168): return true
        case (100, 64...127): return true  // carrier-grade NAT
        default: return false
        }
    }
}
