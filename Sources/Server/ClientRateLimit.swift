import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// A token bucket per client address: `burst` requests at once, refilled at `perMinute`.
/// Full text costs the server fetches on a caller's behalf; a caller who asks faster gets 429
/// with `Retry-After`, so that the server is never a free crawler.
final class ClientRateLimit: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    let perMinute: Double
    let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])
    /// Clients whose buckets are full are forgotten past this many, so memory stays bounded.
    private static let remembered = 10_000

    init(perMinute: Int, burst: Int? = nil) {
        self.perMinute = Double(max(1, perMinute))
        self.burst = Double(max(1, burst ?? min(perMinute, 10)))
    }

    /// Takes a token for `client` at `now`; the seconds to wait when there is none.
    func take(_ client: String, now: Date = Date()) -> Double? {
        buckets.withLock { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + now.timeIntervalSince(bucket.updated) * perMinute / 60)
            bucket.updated = now
            if buckets.count > Self.remembered {
                buckets = buckets.filter { $0.value.tokens + now.timeIntervalSince($0.value.updated) * perMinute / 60 < burst }
            }
            guard bucket.tokens >= 1 else {
                buckets[client] = bucket
                return (1 - bucket.tokens) * 60 / perMinute
            }
            bucket.tokens -= 1
            buckets[client] = bucket
            return nil
        }
    }
}

/// The middleware that applies a ``ClientRateLimit`` by the connection's peer address.
struct RateLimited: RouterMiddleware {
    typealias Context = FeedRequestContext
    let limit: ClientRateLimit

    func handle(_ request: Request, context: FeedRequestContext, next: (Request, FeedRequestContext) async throws -> Response) async throws -> Response {
        let client = context.remoteAddress?.ipAddress ?? "unknown"
        if let wait = limit.take(client) {
            var response = APIResponse.error(.tooManyRequests, "too many full-text requests from \(client); try again in \(Int(wait.rounded(.up))) s")
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        return try await next(request, context)
    }
}
