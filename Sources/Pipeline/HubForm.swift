import AsyncHTTPClient
import FeedwrightCore
import Fetching
import Foundation
import NIOCore

/// The one request WebSub sends to a hub, whatever it asks: a form POST
/// (`application/x-www-form-urlencoded`), taken when answered 2xx.
enum HubForm {
    /// `fields` as a form body, every value percent-encoded but for unreserved characters
    /// (RFC 3986 §2.3), in order (`hub.url` may repeat).
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\(encoded($0.1))" }.joined(separator: "&")
    }

    /// Posts `fields` to `hub`, connecting to `pinned` when an address policy checked the hub
    /// (``PinnedConnection``); nil when the hub took it, else why not (naming the hub and
    /// what was asked).
    static func post(_ fields: [(String, String)], to hub: String, pinnedTo pinned: IPAddress? = nil, client: HTTPClient, timeout: Duration, asking: String) async -> String? {
        var request = HTTPClientRequest(url: hub)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "User-Agent", value: Product.userAgent)
        request.body = .bytes(ByteBuffer(string: encode(fields)))
        do {
            return try await PinnedConnection.exchange(request, pinnedTo: pinned, client: client, makeClient: { HTTPFetcher.makeClient(dnsOverride: $0) }) { request, client in
                let response = try await client.execute(request, timeout: TimeAmount(timeout))
                let body = try? await response.body.collect(upTo: 64 << 10)
                guard (200...299).contains(Int(response.status.code)) else {
                    let said = body.map { String(buffer: $0).prefix(200).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
                    return "hub \(hub): answered \(response.status.code) to \(asking)" + (said.isEmpty ? "" : ": \(said)")
                }
                return nil
            }
        } catch {
            return "hub \(hub): \(asking) failed: \(error)"
        }
    }

    private static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
