import Foundation

/// Request headers a site asked for: a site rule's `http_header(user-agent|referer|cookie)`,
/// sent with the requests to that site made inside ``withHeaders(_:for:_:)``.
///
/// They travel as a task-local value rather than a parameter so that every decorator of the
/// one-method ``DocumentFetcher`` passes them on without knowing about them; only
/// ``HTTPFetcher`` reads them, and only for requests to the site they were given for (a
/// redirect to another host does not carry a cookie away).
public struct SiteRequestHeaders: Sendable, Hashable {
    /// The host the headers are for, lowercased, without `www.`.
    public var host: String
    /// Header names (lowercased) and values; only ``allowedNames`` are kept.
    public var headers: [String: String]

    /// The headers a rule may set: the three the ftr-site-config format allows, the ones sites
    /// gate content on. Anything else (`host`, `content-length`, `authorization`) would let a
    /// rule file break or redirect the request; the rule parser refuses them too, and this
    /// check holds for headers that come from anywhere else.
    public static let allowedNames: Set<String> = ["user-agent", "referer", "cookie"]

    /// Headers for `host`; names outside ``allowedNames`` are dropped.
    public init(host: String, headers: [String: String]) {
        self.host = SiteRequestHeaders.siteName(host)
        self.headers = headers.reduce(into: [:]) { kept, pair in
            let name = pair.key.lowercased()
            if SiteRequestHeaders.allowedNames.contains(name), !pair.value.isEmpty, !pair.value.contains(where: \.isNewline) { kept[name] = pair.value }
        }
    }

    /// The headers of the requests made in this task, if any.
    @TaskLocal public static var current: SiteRequestHeaders?

    /// Runs `body` with `headers` sent on its requests to their site.
    public static func withHeaders<T>(_ headers: SiteRequestHeaders?, _ body: () async throws -> T) async rethrows -> T {
        try await $current.withValue(headers, operation: body)
    }

    /// The headers to send to `host`: none for another site.
    public func headers(forHost host: String) -> [String: String] {
        SiteRequestHeaders.siteName(host) == self.host ? headers : [:]
    }

    private static func siteName(_ host: String) -> String {
        let lowered = host.lowercased()
        return lowered.hasPrefix("www.") ? String(lowered.dropFirst(4)) : lowered
    }
}
