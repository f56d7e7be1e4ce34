import Fetching
import Testing

@Suite("Which addresses an untrusted link may reach", .timeLimit(.minutes(1)))
struct AddressPolicyTests {
    /// A resolver that must not be asked: every host below is an address in some spelling.
    struct NoDNS: HostResolver {
        func addresses(of host: String) async throws(FetchError) -> [IPAddress] {
            Issue.record("resolved \(host), an address literal")
            return []
        }
    }

    static let refused = [
        "127.0.0.1", "127.8.9.10", "0.0.0.0", "0.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "100.127.255.254", "192.0.0.8", "198.18.0.1", "224.0.0.1", "255.255.255.255",
        "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "2001:db8::1",
        "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::127.0.0.1", "::10.0.0.1",
        "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b:1::1", "2002:7f00:1::1", "2002:c0a8:101::1", "2001:0:4136:e378::1",
        // Decimal, octal and hex spellings of loopback and private addresses.
        "2130706433", "0177.0.0.1", "0x7f.1", "0x7f000001", "017700000001", "127.1", "10.1", "0xa9.0xfe.0xa9.0xfe", "3232235777",
    ]

    static let allowed = ["93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "134744072"]

    @Test("loopback, private, link-local, CGNAT, metadata, reserved and every disguise of them are refused", arguments: refused)
    func refusedForms(host: String) async {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        await #expect(throws: FetchError.self) {
            _ = try await AddressPolicy().checkedAddress(host: host, url: "http://\(bracketed)/x", resolver: NoDNS())
        }
        let address = IPAddress(hostLiteral: host)
        #expect(address != nil)
        #expect(address?.isPublic == false)
    }

    @Test("public addresses pass, in any spelling, and are connected to as decoded", arguments: allowed)
    func allowedForms(host: String) async throws {
        let chosen = try await AddressPolicy().checkedAddress(host: host, url: "http://h/x", resolver: NoDNS())
        #expect(chosen == IPAddress(hostLiteral: host))
    }

    @Test("the spellings decode as browsers read them")
    func spellings() {
        #expect(IPAddress(hostLiteral: "2130706433")?.description == "127.0.0.1")
        #expect(IPAddress(hostLiteral: "0177.0.0.1")?.description == "127.0.0.1")
        #expect(IPAddress(hostLiteral: "0x7f.1")?.description == "127.0.0.1")
        #expect(IPAddress(hostLiteral: "192.168.257")?.description == "192.168.1.1")
        #expect(IPAddress(hostLiteral: "example.com") == nil)
        #expect(IPAddress(hostLiteral: "1.2.3.4.5") == nil)
        #expect(IPAddress(hostLiteral: "256.1.1.1") == nil)
        #expect(IPAddress(hostLiteral: "0x100000000") == nil)
    }

    /// Answers with fixed addresses.
    struct FixedResolver: HostResolver {
        var answer: [String]
        func addresses(of host: String) async throws(FetchError) -> [IPAddress] { answer.compactMap { IPAddress($0) } }
    }

    @Test("a name with one private address among public ones is refused, naming the address")
    func mixedAnswer() async {
        do {
            _ = try await AddressPolicy().checkedAddress(host: "mixed.example", url: "http://mixed.example/", resolver: FixedResolver(answer: ["93.184.216.34", "10.0.0.7"]))
            Issue.record("a private address was allowed")
        } catch {
            #expect(error == .forbiddenAddress(url: "http://mixed.example/", address: "10.0.0.7"))
        }
    }

    @Test("an allowed private address and allowPrivate are honoured")
    func exceptions() async throws {
        let loopback = try #require(IPAddress("127.0.0.1"))
        let chosen = try await AddressPolicy(alsoAllowed: [loopback]).checkedAddress(host: "intranet", url: "http://intranet/", resolver: FixedResolver(answer: ["127.0.0.1"]))
        #expect(chosen == loopback)
        let unchecked = try await AddressPolicy(allowPrivate: true).checkedAddress(host: "intranet", url: "http://intranet/", resolver: NoDNS())
        #expect(unchecked == nil)
    }

    @Test("the system resolver finds localhost off the cooperative pool")
    func systemResolver() async throws {
        let addresses = try await SystemResolver().addresses(of: "localhost")
        #expect(addresses.contains { !$0.isPublic })
        await #expect(throws: FetchError.self) { _ = try await SystemResolver().addresses(of: "no-such-host.invalid") }
    }
}
