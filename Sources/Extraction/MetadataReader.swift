import FeedwrightCore
import Foundation
import Markup
import Syndication

/// Reads an article's metadata from meta tags, OpenGraph, JSON-LD, `<time>` and the URL.
struct MetadataReader {
    private var meta: [String: String] = [:]
    private(set) var jsonLD: [[String: Any]] = []
    private(set) var canonical: String?
    private(set) var documentTitle: String?
    private(set) var language: String?
    private(set) var firstTime: String?
    private(set) var firstHeading: String?
    /// The body's own marks of title, author and dates (hAtom, microdata, RDFa).
    private(set) var inline = InlineMetadata()

    init(root: MarkupNode) {
        language = root.attribute("lang").flatMap(MetadataReader.nonEmpty)
        collect(root, depth: 0, inEntry: false)
    }

    private mutating func collect(_ node: MarkupNode, depth: Int, inEntry: Bool) {
        guard depth < 200 else { return }
        for child in node.elements {
            let inEntry = inline.note(child, inEntry: inEntry)
            switch child.localName {
            case "meta":
                let key = (child.attribute("property") ?? child.attribute("name") ?? child.attribute("itemprop") ?? child.attribute("http-equiv"))?.lowercased()
                if let key, let content = child.attribute("content").flatMap(MetadataReader.nonEmpty), meta[key] == nil {
                    meta[key] = content
                }
            case "link":
                if child.attribute("rel")?.lowercased().split(separator: " ").contains("canonical") == true, canonical == nil {
                    canonical = child.attribute("href").flatMap(MetadataReader.nonEmpty)
                }
            case "title":
                if documentTitle == nil { documentTitle = HTMLText.collapseWhitespace(child.textContent) }
            case "script":
                if child.attribute("type")?.lowercased().contains("ld+json") == true {
                    appendJSONLD(child.textContent)
                }
            case "time":
                if firstTime == nil { firstTime = child.attribute("datetime") ?? HTMLText.collapseWhitespace(child.textContent) }
                collect(child, depth: depth + 1, inEntry: inEntry)
            case "h1":
                if firstHeading == nil, !MetadataReader.isHomeLink(child) {
                    // Documentation generators end a heading with its own permalink (`¶`).
                    firstHeading = HTMLText.plainText(of: child).map { String($0.reversed().drop { $0 == "¶" || $0 == " " }.reversed()) }
                }
                collect(child, depth: depth + 1, inEntry: inEntry)
            default:
                if child.hasAttributes, child.attribute("itemprop") == "datePublished", meta["itemprop:datepublished"] == nil {
                    meta["itemprop:datepublished"] = child.attribute("datetime") ?? child.attribute("content")
                }
                collect(child, depth: depth + 1, inEntry: inEntry)
            }
        }
    }

    private mutating func appendJSONLD(_ text: String) {
        guard let data = text.data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return }
        func add(_ value: Any) {
            if let object = value as? [String: Any] {
                jsonLD.append(object)
                if let graph = object["@graph"] { add(graph) }
            } else if let list = value as? [Any] {
                list.forEach(add)
            }
        }
        add(value)
    }

    private static func nonEmpty(_ value: String) -> String? {
        let trimmed = value.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The JSON-LD object describing the article, if any.
    var articleObject: [String: Any]? {
        let articleTypes = ["article", "newsarticle", "blogposting", "reportage", "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "techarticle", "scholarlyarticle", "webpage"]
        func types(_ object: [String: Any]) -> [String] {
            if let type = object["@type"] as? String { return [type.lowercased()] }
            return (object["@type"] as? [String] ?? []).map { $0.lowercased() }
        }
        return jsonLD.first { object in types(object).contains { articleTypes.dropLast().contains($0) } }
            ?? jsonLD.first { types($0).contains("webpage") && $0["articleBody"] != nil }
    }

    var articleBody: String? {
        (articleObject?["articleBody"] as? String).flatMap(MetadataReader.nonEmpty)
    }

    func title(siteName: String?) -> String? {
        if let headline = (articleObject?["headline"] as? String).flatMap(MetadataReader.nonEmpty) { return HTMLText.collapseWhitespace(headline) }
        if let og = meta["og:title"] ?? meta["twitter:title"] { return HTMLText.collapseWhitespace(og) }
        if let marked = inline.headline(documentTitle: documentTitle), marked.count > 3 { return marked }
        if let heading = firstHeading, heading.count > 3 { return heading }
        guard let documentTitle else { return nil }
        return MetadataReader.strippingSiteName(documentTitle, siteName: siteName)
    }

    /// Whether a heading is nothing but a link to the site's home (its root or a blog's one
    /// path segment): the blog's name set as an `h1` above every post, not the post's title.
    static func isHomeLink(_ heading: MarkupNode) -> Bool {
        let links = heading.elements.filter { $0.localName == "a" }
        guard links.count == 1, let link = links.first, let href = link.attribute("href"),
              HTMLText.plainText(of: link) == HTMLText.plainText(of: heading) else { return false }
        var path = Substring(href)
        if let scheme = path.range(of: "://") {
            path = path[scheme.upperBound...]
            path = path.firstIndex(of: "/").map { path[$0...] } ?? ""
        }
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        return path.split(separator: "/").filter { !$0.isEmpty && !$0.hasPrefix("index.") }.count <= 1
    }

    /// `<title>` without the site name publishers append (`Story - Site`, `Site | Story`).
    static func strippingSiteName(_ title: String, siteName: String?) -> String {
        for separator in [" | ", " - ", " — ", " – ", " :: ", " » "] where title.contains(separator) {
            let parts = title.components(separatedBy: separator)
            if let siteName, let index = parts.firstIndex(where: { $0.caseInsensitiveCompare(siteName) == .orderedSame }) {
                var rest = parts
                rest.remove(at: index)
                return rest.joined(separator: separator)
            }
            let longest = parts.max { $0.count < $1.count } ?? title
            return parts.count == 2 || longest.split(separator: " ").count >= 4 ? longest : title
        }
        return title
    }

    var siteName: String? {
        meta["og:site_name"] ?? ((articleObject?["publisher"] as? [String: Any])?["name"] as? String) ?? meta["application-name"]
    }

    var authors: [String] {
        var names: [String] = []
        func add(_ value: Any?) {
            if let name = value as? String, let cleaned = MetadataReader.nonEmpty(name), !cleaned.lowercased().hasPrefix("http") {
                names.append(cleaned)
            } else if let object = value as? [String: Any] {
                add(object["name"])
            } else if let list = value as? [Any] {
                list.forEach(add)
            }
        }
        add(articleObject?["author"])
        if names.isEmpty { add(meta["author"] ?? meta["article:author"] ?? meta["parsely-author"] ?? meta["sailthru.author"] ?? meta["dc.creator"]) }
        if names.isEmpty { add(inline.author ?? inline.linkedAuthor) }
        var seen: Set<String> = []
        return names.compactMap { HTMLText.collapseWhitespace($0) }.filter { seen.insert($0.lowercased()).inserted }
    }

    func published(url: String?) -> Date? {
        let candidates: [String?] = [
            articleObject?["datePublished"] as? String, meta["article:published_time"], meta["og:published_time"],
            meta["datepublished"], meta["itemprop:datepublished"], meta["pubdate"], meta["publishdate"], meta["publish-date"],
            meta["date"], meta["dc.date.issued"], meta["dc.date"], meta["dcterms.created"], meta["sailthru.date"],
            meta["parsely-pub-date"], firstTime, inline.published, inline.printedDate, articleObject?["dateCreated"] as? String,
        ]
        for candidate in candidates.compactMap({ $0 }) {
            if let date = DateParser.parse(candidate) { return date }
        }
        return url.flatMap(MetadataReader.dateInURL)
    }

    var modified: Date? {
        let candidates: [String?] = [articleObject?["dateModified"] as? String, meta["article:modified_time"], meta["og:updated_time"], meta["dcterms.modified"], meta["last-modified"], inline.modified]
        return candidates.compactMap { $0 }.lazy.compactMap(DateParser.parse).first
    }

    var image: String? {
        if let og = meta["og:image"] ?? meta["og:image:url"] ?? meta["twitter:image"] ?? meta["twitter:image:src"] { return og }
        let value = articleObject?["image"]
        if let text = value as? String { return text }
        if let object = value as? [String: Any] { return object["url"] as? String }
        if let list = value as? [Any] {
            return list.lazy.compactMap { ($0 as? String) ?? (($0 as? [String: Any])?["url"] as? String) }.first
        }
        return nil
    }

    var description: String? {
        (meta["og:description"] ?? meta["description"] ?? meta["twitter:description"]).flatMap(HTMLText.collapseWhitespace)
    }

    var metaLanguage: String? {
        language ?? meta["og:locale"]?.replacingOccurrences(of: "_", with: "-") ?? meta["content-language"] ?? meta["language"]
    }

    var metaCanonical: String? {
        canonical ?? meta["og:url"]
    }

    /// `/2019/11/19/` or `/2019-11-19/` in a URL's path.
    static func dateInURL(_ url: String) -> Date? {
        let parts = url.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "_" }).map(String.init)
        for index in parts.indices.dropLast(2) {
            guard parts[index].count == 4, let year = Int(parts[index]), (1995...2100).contains(year),
                  parts[index + 1].count <= 2, let month = Int(parts[index + 1]), (1...12).contains(month),
                  parts[index + 2].count <= 2, let day = Int(parts[index + 2]), (1...31).contains(day) else { continue }
            return DateParser.parse(String(format: "%04d-%02d-%02d", year, month, day))
        }
        return nil
    }
}
