import ArgumentParser
import FeedwrightCore
import Fetching
import Foundation
import Pipeline
import Syndication

/// `feedwright discover`: the feeds a page offers, best first.
struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Print the feeds a web page offers, best first: URL, type, title and how it was found, tab-separated.",
        discussion: """
            Looks at the page's <link rel="alternate"> elements (head and body), its Link \
            headers, and <a> links whose address or text says feed, RSS or Atom, and fetches \
            each to check that it is a feed; when none is, tries the well-known paths (/feed/, \
            /rss.xml, /atom.xml, /index.xml, /feed.json, …). Comment feeds come after article \
            feeds. The exit status is 1 when the page offers no feed.
            """
    )

    @Argument(help: "The page (or feed) address.")
    var url: String

    @Flag(help: "Let the page's links lead to loopback and private addresses (automatic when the page itself is on one).")
    var allowPrivateAddresses = false

    func validate() throws {
        guard WebURL.isHTTP(url) else { throw ValidationError("\(url) is not an http(s) URL") }
    }

    func run() async throws {
        let found = try await DiscoverCommand.withDiscovery(for: url, allowPrivate: allowPrivateAddresses) { discovery in
            try await discovery.feeds(of: url)
        }
        for feed in found {
            print([feed.url, feed.mediaType ?? "", feed.title ?? "", feed.evidence.description].joined(separator: "\t"))
        }
        if found.isEmpty {
            FileHandle.standardError.write(Data("feedwright: \(url): offers no feed (no feed links, no feed at the usual paths); `sources add \(url) --page` reads the page itself as a feed\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Runs `body` with discovery over a polite HTTP fetcher; private addresses are reached
    /// when `allowPrivate` or when `url` itself names one (the user asked for it).
    static func withDiscovery<T>(for url: String, allowPrivate: Bool, _ body: (FeedDiscovery) async throws -> T) async throws -> T {
        var options = HTTPFetcher.Options()
        options.addresses = AddressPolicy(allowPrivate: allowPrivate || namesLocalAddress(url))
        return try await HTTPFetcher.withClient(options: options) { client in
            try await body(FeedDiscovery(fetcher: PoliteFetcher(HTTPFetcher(client: client, options: options), gate: HostGate(policy: HostGate.Policy()))))
        }
    }

    /// Whether the address's host is `localhost` or a non-public address literal.
    static func namesLocalAddress(_ url: String) -> Bool {
        guard let host = URL(string: url)?.host?.lowercased() else { return false }
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        return IPAddress(hostLiteral: host).map { !$0.isPublic } ?? false
    }
}
