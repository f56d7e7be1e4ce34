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
    ///   - maxEntries: the most entries kept, the newest where dates tell (see
    ///     ``defaultMaxEntries``); a warning says how many were dropped.
    public static func parse(
        _ bytes: consuming [UInt8], url: String? = nil, charset: String? = nil, maxBytes: Int = MarkupOptions.defaultMaxBytes,
        maxEntries: Int = FeedParser.defaultMaxEntries
    ) throws(SyndicationError) -> ParsedFeed {
        var newest = NewestEntries(limit: maxEntries)
        if JSONFeedReader.looksLikeJSON(bytes) {
            var parsed = try JSONFeedReader.read(bytes, url: url)
            if let dropped = newest.finish(&parsed.feed) { parsed.warnings.append(dropped) }
            return parsed
        }
        let reading = ReadingContext()
        var builder: FeedBuilder?
        var rootProblem: SyndicationError?
        let summary: MarkupStream.Summary
        do {
            summary = try MarkupStream.readXML(
                consume bytes,
                options: MarkupOptions(encoding: charset, baseURL: url, maxBytes: maxBytes),
                root: { root in
                    switch FeedParser.detect(root) {
                    case .atom(let format): builder = .atom(AtomReader(context: reading, format: format), Feed(format: format, language: root.language))
                    case .rss(let format): builder = .rss(RSSReader(context: reading, format: format, rdfRoot: root.localName.lowercased() == "rdf"), Feed(format: format, language: root.language), rootIsChannel: root.localName.lowercased() == "channel")
                    case nil: rootProblem = .notAFeed(root: root.localName, line: root.line)
                    }
                },
                descend: { name, namespace, depth in
                    // RSS 0.9x and 2.0 keep their items inside <channel>: walk into it. RSS 1.0
                    // keeps them beside it, and Atom's entries are children of the root.
                    guard case .rss(_, _, let rootIsChannel)? = builder, !rootIsChannel, depth == 1 else { return false }
                    let vocabulary = Namespace(uri: namespace)
                    return name.lowercased() == "channel" && (vocabulary == .none || vocabulary == .rss10 || vocabulary == .rss090) && !isRDF(builder)
                },
                visit: { node, depth in
                    builder?.consume(node, depth: depth, keeping: &newest)
                }
            )
        } catch {
            throw .unreadableMarkup(error)
        }
        if let rootProblem { throw rootProblem }
        guard let builder else { throw .notAFeed(root: "", line: 0) }
        var warnings = summary.diagnostics.map { ParseWarning($0.message, line: $0.line, column: $0.column) }
        if summary.suppressedDiagnostics > 0 {
            warnings.append(ParseWarning("\(summary.suppressedDiagnostics) more problem(s) not listed"))
        }
        var feed = builder.finish()
        if let dropped = newest.finish(&feed) { warnings.append(dropped) }
        return ParsedFeed(feed: feed, warnings: warnings + reading.warnings)
    }

    /// A thousand entries: ten times what the busiest news feeds carry, and what a reader can
    /// use; past it a feed is an archive dump or an attack, and only memory grows.
    public static let defaultMaxEntries = 1_000

    private static func isRDF(_ builder: FeedBuilder?) -> Bool {
        guard case .rss(let reader, _, _)? = builder else { return false }
        return reader.format == .rss10 || (reader.format == .rss09x && reader.isRDF)
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
            let version = root.attribute("version")?.trimmed() ?? ""
            if version.hasPrefix("0.9") { return .rss(.rss09x) }
            return .rss(.rss20)
        case "rdf":
            if namespace == .rss090 || root.namespaceDeclarations.contains(where: { Namespace(uri: $0.uri) == .rss090 }) {
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

/// The feed being assembled as subtrees stream in.
enum FeedBuilder {
    case atom(AtomReader, Feed)
    case rss(RSSReader, Feed, rootIsChannel: Bool)

    mutating func consume(_ node: MarkupNode, depth: Int, keeping newest: inout NewestEntries) {
        switch self {
        case .atom(let reader, var feed):
            self = .atom(reader, Feed(format: feed.format))
            reader.consume(node, into: &feed)
            newest.admit(&feed)
            self = .atom(reader, feed)
        case .rss(let reader, var feed, let rootIsChannel):
            self = .rss(reader, Feed(format: feed.format), rootIsChannel: rootIsChannel)
            reader.consume(node, depth: depth, rootIsChannel: rootIsChannel, into: &feed)
            newest.admit(&feed)
            self = .rss(reader, feed, rootIsChannel: rootIsChannel)
        }
    }

    func finish() -> Feed {
        switch self {
        case .atom(let reader, let feed): return reader.finish(feed)
        case .rss(let reader, let feed, _): return reader.finish(feed)
        }
    }
}

/// Warnings a reader collects as it goes (dates it could not read, numbers that were not).
final class ReadingContext {
    private(set) var warnings: [ParseWarning] = []
    /// The channel's `sy:` schedule, gathered across the streamed channel children.
    var schedule = SyndicationSchedule()
    private var keys: [ElementIdentity: MarkupNodeKey] = [:]
    /// The last key seen in each of a few slots, picked by identity: answers nearly every
    /// element without hashing (the dictionary lookup was 2 % of reading a large feed).
    private var recent = [(identity: ElementIdentity, key: MarkupNodeKey)?](repeating: nil, count: 64)

    private struct ElementIdentity: Hashable {
        var namespace: Int
        var name: Int
        var family: Int

        /// Interned names sit packed in libxml2's string pools, a few bytes apart: a
        /// multiplicative hash spreads neighbours over the 64 slots.
        var slot: Int {
            let mixed = UInt(bitPattern: name &* 31 &+ namespace &* 7 &+ family) &* 0x9E37_79B9_7F4A_7C15
            return Int(mixed >> 58)
        }
    }

    /// The element's dispatch key, computed once per distinct (namespace declaration, name)
    /// pair: a feed of thousands of items has a few dozen such pairs.
    func key(_ node: MarkupNode, family: Int, compute: (MarkupNode) -> MarkupNodeKey) -> MarkupNodeKey {
        let identity = ElementIdentity(namespace: node.namespaceIdentity, name: node.nameIdentity, family: family)
        let slot = identity.slot
        if let cached = recent[slot], cached.identity == identity { return cached.key }
        let key: MarkupNodeKey
        if let known = keys[identity] {
            key = known
        } else {
            key = compute(node)
            keys[identity] = key
        }
        recent[slot] = (identity, key)
        return key
    }

    func warn(_ message: String, at node: MarkupNode) {
        if warnings.count < 50 {
            warnings.append(ParseWarning(message, line: node.line))
        }
    }

    /// The date in `node`'s text, with a warning when there is text but no date in it.
    func date(_ node: MarkupNode) -> Date? {
        let text = node.textContent
        if let date = DateParser.parse(text) { return date }
        if !text.trimmed().isEmpty {
            warn("unreadable date '\(text.prefix(60))' in <\(node.localName)>", at: node)
        }
        return nil
    }
}
