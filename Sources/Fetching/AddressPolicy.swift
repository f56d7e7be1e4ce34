/// Which network addresses a fetch may reach.
///
/// Feeds are untrusted: a link in a feed must not make Feedwright fetch from the machine
/// itself, the local network, or a cloud metadata service. The host is resolved once, every
/// address it has is checked, and the connection goes to the address that was checked; again
/// at every redirect.
public struct AddressPolicy: Sendable {
    /// Allow loopback, private and link-local addresses (for local sources and tests).
    public var allowPrivate: Bool
    /// Addresses allowed although they are not public: a trusted intranet host, or a test
    /// server standing in for a public one.
    public var alsoAllowed: Set<IPAddress>

    /// A policy refusing every non-public address unless `allowPrivate`.
    public init(allowPrivate: Bool = false, alsoAllowed: Set<IPAddress> = []) {
        self.allowPrivate = allowPrivate
        self.alsoAllowed = alsoAllowed
    }

    /// Whether a connection to `address` is allowed.
    public func permits(_ address: IPAddress) -> Bool {
        allowPrivate || address.isPublic || alsoAllowed.contains(address)
    }

    /// The address to connect to for `host`, once every address it has was checked: the host
    /// itself when it is an address in any spelling, else the first IPv4 address it resolves
    /// to (the first address when it has none). Nil when the policy allows everything, so the
    /// HTTP client may resolve (and fall back between addresses) itself.
    /// - Throws: ``FetchError/forbiddenAddress(url:address:)`` when any address is refused.
    public func checkedAddress(host: String, url: String, resolver: any HostResolver) async throws(FetchError) -> IPAddress? {
        if allowPrivate { return nil }
        let addresses: [IPAddress]
        if let literal = IPAddress(hostLiteral: host) {
            addresses = [literal]
        } else {
            do {
                addresses = try await resolver.addresses(of: host)
            } catch {
                if case let .connectionFailed(_, reason) = error { throw .connectionFailed(url: url, reason: reason) }
                throw error
            }
        }
        if let refused = addresses.first(where: { !permits($0) }) {
            throw .forbiddenAddress(url: url, address: refused.description)
        }
        guard let chosen = addresses.first(where: \.isIPv4) ?? addresses.first else {
            throw .connectionFailed(url: url, reason: "cannot resolve host \(host)")
        }
        return chosen
    }
}
