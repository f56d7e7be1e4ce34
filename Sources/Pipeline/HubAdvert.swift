import FeedwrightCore
import Syndication

/// Where a source says it is pushed from (W3C WebSub §4): its hubs and its topic URL.
///
/// The HTTP `Link` headers of the response come first; only when they do not name both a hub
/// and the topic are the document's own links read (`atom:link` in Atom and RSS, `hubs` and
/// `feed_url` in JSON Feed). A source that names a hub but no `self` is subscribed under the
/// URL it was fetched from.
public struct HubAdvert: Sendable, Hashable {
    /// The hubs, in the order named (the first is asked).
    public var hubs: [String]
    /// The topic URL, the one the hub knows the feed by.
    public var topic: String

    /// A hub and topic.
    public init(hubs: [String], topic: String) {
        self.hubs = hubs
        self.topic = topic
    }

    /// The advert of a fetched feed, or nil when it names no web hub.
    /// - Parameters:
    ///   - linkHeaders: the response's `Link` header values.
    ///   - documentURL: where the document was fetched from (after redirects).
    ///   - feed: the document, parsed.
    public static func find(linkHeaders: [String], documentURL: String, feed: Feed) -> HubAdvert? {
        let headers = LinkHeader.links(linkHeaders, base: documentURL)
        if let advert = advert(in: headers, fallbackTopic: nil) { return advert }
        let headerSelf = headers.first { relations($0).contains("self") }?.href
        return advert(in: headers + feed.links, fallbackTopic: headerSelf ?? documentURL)
    }

    private static func advert(in links: [Link], fallbackTopic: String?) -> HubAdvert? {
        var hubs: [String] = []
        for link in links where relations(link).contains("hub") && WebURL.isHTTP(link.href) && !hubs.contains(link.href) {
            hubs.append(link.href)
        }
        let topic = links.first { relations($0).contains("self") && WebURL.isHTTP($0.href) }?.href ?? fallbackTopic
        guard !hubs.isEmpty, let topic, WebURL.isHTTP(topic) else { return nil }
        return HubAdvert(hubs: hubs, topic: topic)
    }

    /// A link's relations: `rel` may list several, separated by spaces (RFC 8288 §3.3).
    private static func relations(_ link: Link) -> [Substring] {
        link.relation.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
    }
}
