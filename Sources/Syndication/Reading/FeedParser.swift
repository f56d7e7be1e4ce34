import Foundation
import Markup

/// A feed and the problems met while reading it.
public struct ParsedFeed: Sendable, Hashable {
    public var feed: Feed
    /// Recovered problems (feedparser's "bozo" conditions): empty for a clean document.
    public var warnings: [ParseWarning]

    public init(feed: Feed, warnings: [ParseWarning] = []) {
        self.feed = feed
        self.warnings = warnings
    }
}

/// Reads any supported feed format from bytes.
///
/// The format is detected from the content (a JSON object, or the root element and its
/// namespace), never from a file name or a `Content-Type`.
public enum FeedParser {
    /// Parses `bytes` into the feed model.
    /// - Parameters:
    ///   - url: the document's URL; relative links and `xml:base` resolve against it.
    ///   - charset: the transport's charset (HTTP `Content-Type`), which outranks the document's
    ///     own declaration but not a byte order mark.
    public static func parse(_ bytes: [UInt8], url: String? = nil, charset: String? = nil, maxBytes: Int = 256 << 20) throws(SyndicationError) -> ParsedFeed {
        if JSONFeedReader.looksLikeJSON(bytes) {
            return try JSONFeedReader.read(bytes, url: url)
        }
        let document: MarkupDocument
        do {
            document = try MarkupDocument.parseXML(bytes, options: MarkupOptions(encoding: charset, baseURL: url, maxBytes: maxBytes))
        } catch {
            throw .unreadableMarkup(error)
        }
        guard let root = document.root else {
            throw .notAFeed(root: "", line: 0)
        }
        var warnings = document.diagnostics.map { ParseWarning($0.message, line: $0.line, column: $0.column) }
        if document.suppressedDiagnostics > 0 {
            warnings.append(ParseWarning("\(document.suppressedDiagnostics) more problem(s) not listed"))
        }
        let reading = ReadingContext()
        let feed: Feed
        switch FeedParser.detect(root) {
        case .atom(let format):
            feed = AtomReader(context: reading, format: format).read(root)
        case .rss(let format):
            feed = RSSReader(context: reading, format: format).read(root)
        case nil:
            throw .notAFeed(root: root.localName, line: root.line)
        }
        return ParsedFeed(feed: feed, warnings: warnings + reading.warnings)
    }

    enum Family {
        case atom(FeedFormat)
        case rss(FeedFormat)
    }

    static func detect(_ root: MarkupNode) -> Family? {
        let name = root.localName.lowercased()
        let namespace = Namespace(uri: root.namespaceURI)
        switch name {
        case "feed":
            if namespace == .atom03 { return .atom(.atom03) }
            if namespace != .atom10, root.attribute("version")?.hasPrefix("0.") == true { return .atom(.atom03) }
            return .atom(.atom10)
        case "rss":
            let version = root.attribute("version")?.trimmingCharacters(in: .whitespaces) ?? ""
            if version.hasPrefix("0.9") { return .rss(.rss09x) }
            return .rss(.rss20)
        case "rdf":
            if root.elements.contains(where: { Namespace(uri: $0.namespaceURI) == .rss090 }) || namespace == .rss090 {
                return .rss(.rss09x)
            }
            return .rss(.rss10)
        case "channel":
            return .rss(namespace == .rss10 ? .rss10 : .rss20)
        default:
            return nil
        }
    }
}

/// Warnings a reader collects as it goes (dates it could not read, numbers that were not).
final class ReadingContext {
    private(set) var warnings: [ParseWarning] = []

    func warn(_ message: String, at node: MarkupNode) {
        if warnings.count < 50 {
            warnings.append(ParseWarning(message, line: node.line))
        }
    }

    /// The date in `node`'s text, with a warning when there is text but no date in it.
    func date(_ node: MarkupNode) -> Date? {
        let text = node.textContent
        if let date = DateParser.parse(text) { return date }
        if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            warn("unreadable date '\(text.prefix(60))' in <\(node.localName)>", at: node)
        }
        return nil
    }
}
