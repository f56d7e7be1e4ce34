import FeedwrightCore
import Foundation
import RobotsTxt

/// Fetches article pages only where the site's robots.txt allows Feedwright. Each origin's
/// robots.txt is fetched once (through the same polite fetcher) and kept for a day; a missing
/// one (4xx) allows everything, one that fails with a server error disallows everything until
/// it is asked again, as RFC 9309 says.
public struct RobotsFetcher: DocumentFetcher {
    /// Fetches the pages and the robots.txt files.
    public var base: any DocumentFetcher
    /// Rules per origin; share one cache between fetchers of the same process.
    public var cache: RobotsCache

    /// Checks robots.txt before fetching with `base`.
    public init(_ base: any DocumentFetcher, cache: RobotsCache = RobotsCache()) {
        self.base = base
        self.cache = cache
    }

    public func fetch(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> FetchedDocument {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              WebURL.isHTTPScheme(scheme), let host = components.host else {
            return try await base.fetch(url, etag: etag, lastModified: lastModified)
        }
        let origin = "\(scheme)://\(host)\(components.port.map { ":\($0)" } ?? "")"
        let rules = try await cache.rules(for: origin, using: base)
        let path = components.percentEncodedPath + (components.percentEncodedQuery.map { "?\($0)" } ?? "")
        guard rules.allows(path) else { throw .disallowedByRobots(url: url) }
        return try await base.fetch(url, etag: etag, lastModified: lastModified)
    }
}

/// robots.txt rules per origin, fetched once however many pages are asked for at the same time.
public actor RobotsCache {
    /// The product token matched against `User-agent` lines.
    public let userAgent: String
    /// How long rules are kept.
    public let lifetime: Duration
    /// The part of a robots.txt that is read (RFC 9309 asks for at least 500 KiB).
    public let maximumBytes = 512 * 1024
    private let clock = ContinuousClock()
    private var known: [String: (rules: RobotsRules, expires: ContinuousClock.Instant)] = [:]
    private var pending: [String: Task<RobotsRules, any Error>] = [:]

    /// A cache matching `userAgent`'s groups and keeping rules for `lifetime`.
    public init(userAgent: String = "feedwright", lifetime: Duration = .seconds(24 * 3600)) {
        self.userAgent = userAgent
        self.lifetime = lifetime
    }

    func rules(for origin: String, using fetcher: any DocumentFetcher) async throws(FetchError) -> RobotsRules {
        if let cached = known[origin], cached.expires > clock.now { return cached.rules }
        let task: Task<RobotsRules, any Error>
        if let running = pending[origin] {
            task = running
        } else {
            let userAgent = self.userAgent, limit = maximumBytes
            task = Task { try await RobotsCache.download(origin: origin, userAgent: userAgent, limit: limit, using: fetcher) }
            pending[origin] = task
        }
        do {
            let rules = try await task.value
            pending[origin] = nil
            // A disallow-all that may stand for an unreachable server is asked again sooner.
            let keep = rules == .disallowAll ? min(lifetime, .seconds(3600)) : lifetime
            known[origin] = (rules, clock.now.advanced(by: keep))
            return rules
        } catch let error as FetchError {
            pending[origin] = nil
            throw error
        } catch {
            pending[origin] = nil
            throw .cancelled(url: origin + "/robots.txt")
        }
    }

    private static func download(origin: String, userAgent: String, limit: Int, using fetcher: any DocumentFetcher) async throws(FetchError) -> RobotsRules {
        let url = origin + "/robots.txt"
        do {
            let document = try await fetcher.fetch(url, etag: nil, lastModified: nil)
            let text = String(decoding: document.bytes.prefix(limit), as: UTF8.self)
            return RobotsRules(parsing: text, userAgent: userAgent)
        } catch {
            switch error {
            case .httpStatus(_, let status) where (400..<500).contains(status):
                return .allowAll
            case .gone, .tooLarge:
                return .allowAll
            case .forbiddenAddress, .cancelled, .connectionFailed, .hostUnavailable:
                // The page itself would fail the same way; say why (and let the host circuit
                // count a host that does not connect).
                throw error
            default:
                // 5xx, timeouts, unreachable: assume complete disallow for now.
                return .disallowAll
            }
        }
    }
}
