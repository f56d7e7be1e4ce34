import AsyncHTTPClient
import Foundation

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
        HubForm.encode(fields(topics))
    }

    private static func fields(_ topics: [String]) -> [(String, String)] {
        [("hub.mode", "publish")] + topics.map { ("hub.url", $0) }
    }

    public func announce(_ topics: [String]) async -> [String] {
        guard !topics.isEmpty else { return [] }
        var problems: [String] = []
        for hub in hubs {
            if let problem = await HubForm.post(WebSubPing.fields(topics), to: hub, client: client, timeout: timeout, asking: "the publish ping") {
                problems.append(problem)
            }
        }
        return problems
    }
}
