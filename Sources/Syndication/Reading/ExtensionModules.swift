import Foundation
import Markup

/// RSS 1.0's syndication module: `sy:updatePeriod` × `sy:updateFrequency`.
///
/// The two are siblings that arrive one at a time when a channel is streamed, so they are
/// collected as they come and combined once the channel is read.
struct SyndicationSchedule {
    private var period: TimeInterval?
    private var frequency: Double?

    mutating func read(_ node: MarkupNode, name: String) {
        switch name {
        case "updateperiod":
            switch node.textContent.trimmed().lowercased() {
            case "hourly": period = 3600
            case "daily": period = 86_400
            case "weekly": period = 7 * 86_400
            case "monthly": period = 30 * 86_400
            case "yearly": period = 365 * 86_400
            default: return
            }
        case "updatefrequency":
            if let value = Double(node.textContent.trimmed()), value > 0 {
                frequency = value
            }
        default:
            return
        }
    }

    /// The publisher's polling interval combined with `current` (from `ttl`) by keeping the
    /// longer of the two: neither statement asks to be polled more often than it says.
    func hint(combinedWith current: UpdateHint?) -> UpdateHint? {
        guard period != nil || frequency != nil else { return current }
        let interval = (period ?? 86_400) / (frequency ?? 1)
        return UpdateHint(interval: max(interval, current?.interval ?? 0))
    }
}

/// iTunes podcast extension values.
enum ITunesModule {
    /// `itunes:duration` as seconds: `HH:MM:SS`, `MM:SS` or a plain number of seconds.
    static func duration(_ text: String) -> TimeInterval? {
        let parts = text.trimmed().split(separator: ":")
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        var total: Double = 0
        for part in parts {
            guard let value = Double(part), value >= 0 else { return nil }
            total = total * 60 + value
        }
        return total
    }
}

extension ITunesModule {
    /// `itunes:category text="…"`, nested subcategories included.
    static func categories(_ node: MarkupNode, into categories: inout [Category]) {
        if let term = node.attribute("text")?.trimmed(), !term.isEmpty {
            categories.append(Category(term: term, scheme: "http://www.itunes.com/"))
        }
        for child in node.elements where child.bareName == "category" {
            ITunesModule.categories(child, into: &categories)
        }
    }
}

/// Media RSS (`media:content`, `media:thumbnail`, `media:group`).
enum MediaModule {
    static func read(_ node: MarkupNode, name: String, into entry: inout Entry) {
        switch name {
        case "content":
            if let url = node.attribute("url")?.trimmed(), !url.isEmpty {
                let medium = node.attribute("medium")
                let type = node.attribute("type") ?? medium.map { $0 + "/*" }
                entry.media.append(Enclosure(url: node.resolve(url), mediaType: type, length: node.integer(node.attribute("fileSize"))))
                if medium == "image" || (type?.hasPrefix("image/") ?? false) {
                    entry.images.append(Image(url: node.resolve(url), width: node.integer(node.attribute("width")), height: node.integer(node.attribute("height"))))
                }
            }
            for child in node.elements where Namespace(node: child) == .media {
                read(child, name: child.localName.lowercased(), into: &entry)
            }
        case "thumbnail":
            if let url = node.attribute("url")?.trimmed(), !url.isEmpty {
                entry.images.append(Image(url: node.resolve(url), width: node.integer(node.attribute("width")), height: node.integer(node.attribute("height"))))
            }
        case "group":
            for child in node.elements where Namespace(node: child) == .media {
                read(child, name: child.localName.lowercased(), into: &entry)
            }
        case "title":
            if entry.title == nil, let text = node.trimmedText { entry.title = Text(text) }
        case "description":
            if entry.summary == nil { entry.summary = node.rssText(plainByDefault: node.attribute("type") != "html") }
        case "category":
            if let term = node.trimmedText { entry.categories.append(Category(term: term, scheme: node.attribute("scheme"), label: node.attribute("label"))) }
        case "keywords":
            for keyword in node.textContent.split(separator: ",") {
                let term = keyword.trimmed()
                if !term.isEmpty { entry.categories.append(Category(term: term)) }
            }
        default:
            return
        }
    }
}
