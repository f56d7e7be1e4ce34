import HTTPTypes
import Hummingbird

/// Admits only requests with `Authorization: Bearer <token>` (RFC 6750); anything else gets
/// 401 with a `WWW-Authenticate` challenge and no hint of what the token is.
struct BearerToken<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let presented = request.headers[.authorization].flatMap { value -> Substring? in
            let parts = value.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
            return parts[1]
        }
        guard let presented, BearerToken.equal(Array(presented.utf8), Array(token.utf8)) else {
            var response = APIResponse.error(.unauthorized, "a valid bearer token is required")
            response.headers[.wwwAuthenticate] = "Bearer realm=\"feedwright\""
            return response
        }
        return try await next(request, context)
    }

    /// Compares in time that depends on the lengths only, not on where the bytes differ.
    static func equal(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }
}
