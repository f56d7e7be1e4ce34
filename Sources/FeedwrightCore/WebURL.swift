import Foundation

/// The one test for "is this a web address" (as opposed to a path, a `file:` URL, a URN).
public enum WebURL {
    /// The schemes Feedwright fetches over the network.
    public static let schemes: Set<String> = ["http", "https"]

    /// Whether `reference` starts with `http://` or `https://`, in any case.
    public static func isHTTP(_ reference: some StringProtocol) -> Bool {
        let head = reference.prefix(8).lowercased()
        return head.hasPrefix("http://") || head.hasPrefix("https://")
    }

    /// Whether `scheme` (as a URL parser gives it) is one Feedwright fetches.
    public static func isHTTPScheme(_ scheme: String?) -> Bool {
        scheme.map { schemes.contains($0.lowercased()) } ?? false
    }

    /// `scheme://host[:port]` of a web URL (no path, no trailing slash), or nil when it is
    /// not one: where a server's other routes live, given the URL of one of them.
    public static func origin(of url: String) -> String? {
        guard isHTTP(url), let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host, !host.isEmpty else {
            return nil
        }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return "\(scheme.lowercased())://\(bracketed)" + (components.port.map { ":\($0)" } ?? "")
    }
}
