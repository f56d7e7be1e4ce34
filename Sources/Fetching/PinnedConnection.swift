import AsyncHTTPClient
import Foundation

/// A request sent to the address an ``AddressPolicy`` checked, not to whatever the name
/// resolves to when the client connects: a name that answers differently the second time
/// (DNS rebinding) cannot lead the request anywhere unchecked.
public enum PinnedConnection {
    /// Runs `exchange` with `request` arranged to reach `pinned`.
    ///
    /// Plain HTTP names the address in the URL and the name in `Host`. HTTPS keeps the name in
    /// the URL (SNI, the certificate) and connects through a client from `makeClient` told to
    /// resolve the name to the address, shut down afterwards. Nil `pinned` (a policy that
    /// allows everything) or a URL that already names the address: `request` as it is,
    /// through `client`.
    public static func exchange<Value, Failure: Error>(
        _ request: HTTPClientRequest, pinnedTo pinned: IPAddress?, client: HTTPClient,
        makeClient: (_ dnsOverride: [String: String]) -> HTTPClient,
        _ exchange: (HTTPClientRequest, HTTPClient) async throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        guard let pinned, let components = URLComponents(string: request.url), let host = components.host, IPAddress(host) != pinned else {
            return try await exchange(request, client)
        }
        var request = request
        if components.scheme?.lowercased() == "http" {
            request.url = replacingHost(of: components, with: pinned)
            request.headers.replaceOrAdd(name: "Host", value: host + (components.port.map { ":\($0)" } ?? ""))
            return try await exchange(request, client)
        }
        let pinnedClient = makeClient([host: pinned.description])
        let result: Result<Value, Failure>
        do throws(Failure) {
            result = .success(try await exchange(request, pinnedClient))
        } catch {
            result = .failure(error)
        }
        try? await pinnedClient.shutdown()
        return try result.get()
    }

    /// `components` as a URL string with the host replaced by `address` (user information
    /// and fragment dropped: neither is sent).
    static func replacingHost(of components: URLComponents, with address: IPAddress) -> String {
        let scheme = components.scheme?.lowercased() ?? "http"
        let port = components.port.map { ":\($0)" } ?? ""
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let query = components.percentEncodedQuery.map { "?\($0)" } ?? ""
        return "\(scheme)://\(address.urlHost)\(port)\(path)\(query)"
    }
}
