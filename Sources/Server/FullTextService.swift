import Foundation
import HTTPTypes

/// Full text on demand, as the server offers it at `/fulltext` and `/extract`; the command
/// line hands it one backed by the fetchers, the extractor and the store.
public protocol FullTextService: Sendable {
    /// The full-text feed of the feed at `url` (Atom, or JSON Feed when `json`), with at most
    /// `entries` entries (nil: the service's default); `selfURL` is the request's own URL.
    func fullText(url: String, entries: Int?, json: Bool, selfURL: String) async throws(FullTextRefusal) -> [UInt8]
    /// The article at `url` as the `extract --json` contract.
    func extract(url: String) async throws(FullTextRefusal) -> [UInt8]
}

/// Why a full-text request is refused: the status to answer and a message for the caller.
public struct FullTextRefusal: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    public var message: String

    /// A refusal with `status` (403 for addresses and hosts that are not allowed, 400 for a bad
    /// request, 502 when the feed or page could not be fetched or read).
    public init(status: HTTPResponse.Status, message: String) {
        self.status = status
        self.message = message
    }
}
