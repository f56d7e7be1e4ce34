import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a host name into addresses. The HTTP fetcher resolves once, checks every address
/// against its ``AddressPolicy`` and connects to the address it checked, so a name that answers
/// differently the second time (DNS rebinding) cannot lead it anywhere unchecked. Tests
/// substitute their own.
public protocol HostResolver: Sendable {
    /// Every address `host` has; throws ``FetchError/connectionFailed(url:reason:)`` for a name
    /// that does not resolve.
    func addresses(of host: String) async throws(FetchError) -> [IPAddress]
}

/// The system's resolver (`getaddrinfo`: `/etc/hosts`, then DNS), run on NIO's blocking-I/O
/// thread pool so that a slow name server never holds a thread of Swift's cooperative pool.
public struct SystemResolver: HostResolver {
    /// The system resolver.
    public init() {}

    public func addresses(of host: String) async throws(FetchError) -> [IPAddress] {
        let found: [IPAddress]
        do {
            found = try await NIOThreadPool.singleton.runIfActive { SystemResolver.lookUp(host) }
        } catch {
            throw .cancelled(url: host)
        }
        guard !found.isEmpty else { throw .connectionFailed(url: host, reason: "cannot resolve host \(host)") }
        return found
    }

    static func lookUp(_ host: String) -> [IPAddress] {
        var hints = addrinfo()
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor, let socket = info.pointee.ai_addr {
            switch Int32(socket.pointee.sa_family) {
            case AF_INET:
                let v4 = UnsafeRawPointer(socket).load(as: sockaddr_in.self)
                if let address = withUnsafeBytes(of: v4.sin_addr, { IPAddress(bytes: Array($0)) }) { addresses.append(address) }
            case AF_INET6:
                let v6 = UnsafeRawPointer(socket).load(as: sockaddr_in6.self)
                if let address = withUnsafeBytes(of: v6.sin6_addr, { IPAddress(bytes: Array($0)) }) { addresses.append(address) }
            default:
                break
            }
            cursor = info.pointee.ai_next
        }
        var seen: Set<IPAddress> = []
        return addresses.filter { seen.insert($0).inserted }
    }
}
