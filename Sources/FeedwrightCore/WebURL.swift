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
}
