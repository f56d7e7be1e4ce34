import AsyncHTTPClient
import FeedwrightCore
import Foundation
import NIOCore

/// Tells WebSub hubs that topics changed: what a publisher does after each publication
/// (W3C WebSub §4 leaves the ping to the hub's own convention; the one hubs share is a form
/// POST of `hub.mode=publish` and `hub.url=<topic>`).
public protocol HubNotifier: Sendable {
    /// Announces that `topics` were republished; returns one line per hub that refused or
    /// could not be reached (the publication stands either way).
    func announce(_ topics: [String]) async -> [String]
}

/// Pings hubs over HTTP: one form POST per hub, naming every topic (`hub.url` repeated),
/// answered 2xx when the hub took it.
public struct WebSubPing: HubNotifier {
    /// The hubs to tell.
    public var hubs: [String]
    private let client: HTTPClient
    /// How long a hub may take to answer.
    public var timeout: Duration = .seconds(10)

    /// Pings over `client` (shut down by its owner).
    public init(hubs: [String], client: HTTPClient) {
        self.hubs = hubs
        self.client = client
    }

    /// The form body for `topics` (`application/x-www-form-urlencoded`).
    public static func form(_ topics: [String]) -> String {
        (["hub.mode=publish"] + topics.map { "hub.url=" + formEncoded($0) }).joined(separator: "&")
    }

    public func announce(_ topics: [String]) async -> [String] {
        guard !topics.isEmpty else { return [] }
        var problems: [String] = []
        for hub in hubs {
            var request = HTTPClientRequest(url: hub)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.headers.add(name: "User-Agent", value: Product.userAgent)
            request.body = .bytes(ByteBuffer(string: WebSubPing.form(topics)))
            do {
                let response = try await client.execute(request, timeout: TimeAmount(timeout))
                _ = try? await response.body.collect(upTo: 64 << 10)
                if !(200...299).contains(Int(response.status.code)) { problems.append("hub \(hub): answered \(response.status.code) to the publish ping") }
            } catch {
                problems.append("hub \(hub): publish ping failed: \(error)")
            }
        }
        return problems
    }

    /// Percent-encoding for a form value: everything but unreserved characters (RFC 3986 §2.3).
    static func formEncoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
