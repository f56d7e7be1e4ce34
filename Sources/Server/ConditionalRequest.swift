import FeedwrightCore
import Foundation

/// A request's validators (RFC 9110, 13.1), judged against a document: whether the reader's
/// copy is current, so that 304 can be answered without a body.
public struct ConditionalRequest: Sendable, Equatable {
    /// `If-None-Match`, as sent.
    public var ifNoneMatch: String?
    /// `If-Modified-Since`, as sent (any of HTTP's three date forms).
    public var ifModifiedSince: String?

    /// The validators of one request.
    public init(ifNoneMatch: String? = nil, ifModifiedSince: String? = nil) {
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
    }

    /// Whether the reader's copy of a representation tagged `etag` (or `alternate`, another
    /// name for it) and `modified` is current. `If-None-Match` wins over `If-Modified-Since`
    /// when both are present, and is compared weakly (`W/` ignored), as RFC 9110 asks for GET
    /// and HEAD.
    public func isCurrent(etag: String, or alternate: String? = nil, modified: Date) -> Bool {
        if let ifNoneMatch {
            // The common case first: one tag, sent back as it was received.
            if ifNoneMatch == etag || ifNoneMatch == alternate { return true }
            return ifNoneMatch.split(separator: ",").contains { candidate in
                var tag = candidate.trimmingCharacters(in: .whitespaces)
                if tag == "*" { return true }
                if tag.hasPrefix("W/") { tag.removeFirst(2) }
                return tag == etag || tag == alternate
            }
        }
        if let since = ifModifiedSince.flatMap(HTTPDate.date(from:)) {
            // HTTP dates have whole seconds; the file's time has a fraction.
            return modified.timeIntervalSince(since) < 1
        }
        return false
    }
}

/// What `Accept-Encoding` allows (RFC 9110, 12.5.3): only whether gzip may be sent, the one
/// coding the server keeps a copy in.
enum AcceptEncoding {
    /// Whether `header` accepts gzip: listed (or `x-gzip`, or `*`) with a non-zero q-value.
    static func allowsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var gzip: Bool?
        var any: Bool?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";")
            let coding = parts.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            let accepted = !parts.dropFirst().contains { parameter in
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                return pair.count == 2 && pair[0] == "q" && (Double(pair[1]) ?? 1) == 0
            }
            switch coding {
            case "gzip", "x-gzip": gzip = accepted
            case "*": any = accepted
            default: break
            }
        }
        return gzip ?? any ?? false
    }
}
