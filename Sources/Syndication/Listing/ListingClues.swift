import FeedwrightCore
import Foundation
import Markup

/// What an address on a listing page says about the link: which site it is on, where in the
/// page it sits, and whether it looks like an article rather than a section, tag or file.
enum ListingAddress {
    /// Path segments of pages that list or describe, never one article.
    static let sectionWords: Set<String> = [
        "tag", "tags", "category", "categories", "topic", "topics", "author", "authors", "page", "search", "login",
        "signin", "signup", "register", "about", "contact", "privacy", "terms", "feed", "rss", "archive", "archives",
        "subscribe", "newsletter", "account", "cart", "help", "faq", "label",
    ]
    /// File endings that are not pages.
    static let fileEndings = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".zip", ".mp3", ".mp4", ".xml", ".json", ".css", ".js"]

    /// The site of an address: its host, lowercased, without `www.`.
    static func site(_ address: String) -> String? {
        guard let host = URL(string: address)?.host?.lowercased(), !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    static func withoutFragment(_ address: String) -> String {
        address.firstIndex(of: "#").map { String(address[..<$0]) } ?? address
    }

    /// Whether the address has an article's shape: a path that is not a section or a file,
    /// with a slug (a hyphen, a date, an id, `.html`) or several segments.
    static func looksLikeArticle(_ address: String) -> Bool {
        guard let components = URLComponents(string: address.lowercased()) else { return false }
        let segments = components.path.split(separator: "/").map(String.init)
        guard let last = segments.last else { return components.query?.contains("p=") ?? false }
        if fileEndings.contains(where: { last.hasSuffix($0) }) { return false }
        if segments.contains(where: { sectionWords.contains($0) }) { return false }
        let slug = last.contains("-") || last.contains("_") || last.hasSuffix(".html") || last.hasSuffix(".htm")
        let numbered = segments.contains { segment in segment.count >= 3 && segment.allSatisfy(\.isNumber) } || last.contains(where: \.isNumber)
        return slug || numbered || segments.count >= 3
    }

    /// Where an element sits: the names of it and the elements above it, up to `body`.
    /// Links of one repeated block share it. Class names are left out: a blog's posts carry
    /// their id and categories in them (`post-311 category-gear`), and a news page marks its
    /// lead story (`teaser teaser--big`), which would split one list into many.
    static func signature(of node: MarkupNode) -> String {
        var parts: [String] = []
        var current: MarkupNode? = node
        while let element = current, !element.hasName("body"), parts.count < 16 {
            parts.append(element.localName.lowercased())
            current = element.parent
        }
        return parts.joined(separator: "<")
    }
}

/// What the text of a listing says: headlines, dates, summaries.
enum ListingText {
    /// Whether link text reads as a headline: several words (or, in scripts written without
    /// spaces, several characters), not a long paragraph, not a "read more".
    static func isHeadline(_ text: String) -> Bool {
        guard text.count <= 300 else { return false }
        let words = text.split { $0.isWhitespace }.count
        let letters = text.unicodeScalars.filter { CharacterSet.letters.contains($0) }.count
        let spaceless = text.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) || (0xAC00...0xD7AF).contains($0.value) || (0x0E00...0x0E7F).contains($0.value) }
        return spaceless ? letters >= 6 : (words >= 3 && letters >= 12)
    }

    /// The headline of a link: the heading inside it when it wraps a whole teaser (image,
    /// heading, text), else its text.
    static func headline(of anchor: MarkupNode, document: MarkupDocument) -> String? {
        let heading = (try? document.select("(.//h1 | .//h2 | .//h3 | .//h4 | .//h5 | .//h6)[1]", from: anchor))?.first
        return (heading ?? anchor).textContent.collapsedOrNil
    }

    /// The item's date: a `<time datetime>`, else a short text node a date parser reads.
    static func date(in item: MarkupNode, document: MarkupDocument) -> Date? {
        for time in (try? document.select(".//time", from: item)) ?? [] {
            if let date = (time.attribute("datetime") ?? HTMLText.collapseWhitespace(time.textContent)).flatMap(DateParser.parse) { return date }
        }
        for text in (try? document.select(".//text()[string-length(normalize-space(.)) > 5 and string-length(normalize-space(.)) < 48]", from: item)) ?? [] {
            if let line = HTMLText.collapseWhitespace(text.textContent), let date = DateParser.parse(line) ?? dottedDate(line) { return date }
        }
        return nil
    }

    /// `1.12.2026` and `01.12.2026, 10:00`: day first, as most of Europe writes dates.
    static func dottedDate(_ text: String) -> Date? {
        guard let match = text.firstMatch(of: #/(\d{1,2})\.(\d{1,2})\.(\d{4})/#),
              let day = Int(match.1), let month = Int(match.2), let year = Int(match.3),
              (1...31).contains(day), (1...12).contains(month) else { return nil }
        var components = DateComponents(year: year, month: month, day: day)
        components.timeZone = TimeZone(identifier: "UTC")
        return Calendar(identifier: .gregorian).date(from: components)
    }

    /// The item's first paragraph of prose other than its title.
    static func summary(in item: MarkupNode, document: MarkupDocument, title: String) -> String? {
        for paragraph in (try? document.select(".//p | .//div[not(*)]", from: item)) ?? [] {
            guard let text = HTMLText.collapseWhitespace(paragraph.textContent), text.count >= 40, text != title else { continue }
            return text
        }
        return nil
    }
}

extension String {
    /// White space collapsed; nil when nothing is left.
    var collapsedOrNil: String? {
        HTMLText.collapseWhitespace(self).flatMap { $0.isEmpty ? nil : $0 }
    }
}
