import FeedwrightCore
import Foundation
import Markup

/// Reads JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/).
enum JSONFeedReader {
    /// Whether the first non-space byte (after a BOM) opens a JSON object.
    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
        return index < bytes.count && bytes[index] == UInt8(ascii: "{")
    }

    static func read(_ bytes: [UInt8], url: String?) throws(SyndicationError) -> ParsedFeed {
        var data = Data(bytes)
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw .invalidJSON((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)")
        }
        guard let document = object as? [String: Any] else { throw .invalidJSON("top level is not an object") }
        let version = document["version"] as? String ?? ""
        guard version.contains("jsonfeed.org/version") || document["items"] is [Any] else {
            throw .invalidJSON("no JSON Feed version and no items")
        }
        var warnings: [ParseWarning] = []
        let base = (document["feed_url"] as? String) ?? url
        func absolute(_ value: Any?) -> String? {
            guard let text = value as? String, !text.isEmpty else { return nil }
            if let base, !WebURL.isHTTP(text) {
                return URLResolver.resolve(text, against: base)
            }
            return text
        }
        var feed = Feed(format: .jsonfeed)
        feed.title = (document["title"] as? String).map { Text($0) }
        feed.subtitle = (document["description"] as? String).map { Text($0) }
        if let home = absolute(document["home_page_url"]) { feed.links.append(Link(href: home)) }
        if let feedURL = absolute(document["feed_url"]) { feed.links.append(Link(href: feedURL, relation: "self", mediaType: "application/feed+json")) }
        // WebSub hubs (JSON Feed 1.1 `hubs`), as the `rel="hub"` links Atom and RSS give.
        for hub in document["hubs"] as? [Any] ?? [] {
            if let url = absolute((hub as? [String: Any])?["url"]) { feed.links.append(Link(href: url, relation: "hub")) }
        }
        feed.icon = absolute(document["favicon"])
        if let icon = absolute(document["icon"]) { feed.image = Image(url: icon) }
        feed.language = document["language"] as? String
        feed.authors = people(in: document)
        let items = document["items"] as? [Any] ?? []
        for (index, value) in items.enumerated() {
            guard let item = value as? [String: Any] else {
                warnings.append(ParseWarning("item \(index) is not an object"))
                continue
            }
            var entry = Entry()
            if let id = item["id"] {
                entry.id = (id as? String) ?? (id as? NSNumber)?.stringValue
            }
            entry.title = (item["title"] as? String).map { Text($0) }
            if let link = absolute(item["url"]) { entry.links.append(Link(href: link)) }
            if let external = absolute(item["external_url"]) { entry.links.append(Link(href: external, relation: "related")) }
            if let html = item["content_html"] as? String {
                entry.content = Text(html, kind: .html)
            } else if let text = item["content_text"] as? String {
                entry.content = Text(text)
            }
            entry.summary = (item["summary"] as? String).map { Text($0) }
            entry.published = date(item["date_published"], field: "date_published", index: index, warnings: &warnings)
            entry.updated = date(item["date_modified"], field: "date_modified", index: index, warnings: &warnings)
            entry.authors = people(in: item)
            if entry.authors.isEmpty { entry.authors = feed.authors }
            entry.categories = (item["tags"] as? [Any] ?? []).compactMap { ($0 as? String).map { Category(term: $0) } }
            if let image = absolute(item["image"]) { entry.images.append(Image(url: image)) }
            if let banner = absolute(item["banner_image"]) { entry.images.append(Image(url: banner)) }
            entry.language = item["language"] as? String
            for attachment in item["attachments"] as? [Any] ?? [] {
                guard let attachment = attachment as? [String: Any], let link = absolute(attachment["url"]) else { continue }
                entry.enclosures.append(Enclosure(url: link, mediaType: attachment["mime_type"] as? String, length: (attachment["size_in_bytes"] as? NSNumber)?.intValue))
            }
            feed.entries.append(entry)
        }
        return ParsedFeed(feed: feed, warnings: warnings)
    }

    private static func people(in object: [String: Any]) -> [Person] {
        var found: [[String: Any]] = object["authors"] as? [[String: Any]] ?? []
        if found.isEmpty, let single = object["author"] as? [String: Any] { found = [single] }
        return found.compactMap { value in
            let person = Person(name: value["name"] as? String, uri: value["url"] as? String)
            return person.displayName == nil ? nil : person
        }
    }

    private static func date(_ value: Any?, field: String, index: Int, warnings: inout [ParseWarning]) -> Date? {
        guard let text = value as? String else { return nil }
        if let date = DateParser.parse(text) { return date }
        warnings.append(ParseWarning("item \(index): unreadable \(field) '\(text.prefix(60))'"))
        return nil
    }
}
