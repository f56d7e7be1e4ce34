import Foundation
import Markup

/// How readers turn an element into a ``Text`` construct, a string, a person or a link.
extension MarkupNode {
    /// The trimmed text content, or nil when empty.
    var trimmedText: String? {
        let text = textContent.trimmed()
        return text.isEmpty ? nil : text
    }

    /// An RSS-style text: escaped HTML as a string, or inline markup serialised as HTML.
    /// - Parameter plainByDefault: titles are plain text unless they look like markup;
    ///   descriptions are always HTML.
    func rssText(plainByDefault: Bool) -> Text? {
        if elements.contains(where: { _ in true }) {
            let html = innerHTML.trimmed()
            return html.isEmpty ? nil : Text(html, kind: .html)
        }
        let text = textContent
        guard !text.trimmed().isEmpty else { return nil }
        if plainByDefault && !Text.looksLikeHTML(text) {
            return Text(text.trimmed(), kind: .text)
        }
        return Text(text.trimmed(), kind: .html)
    }

    /// The text directly inside the element, ignoring child elements' text; nil when empty.
    var ownText: String? {
        // The usual category is one text child: its own text is all of its text.
        if children.allSatisfy({ $0.kind == .text }) { return trimmedText }
        let text = children.filter { $0.kind == .text }.map(\.textContent).joined()
            .trimmed()
        return text.isEmpty ? nil : text
    }

    /// An Atom text construct (RFC 4287 §3.1, and Atom 0.3's `type`/`mode`).
    func atomText() -> Text? {
        let type = (attribute("type") ?? "text").lowercased().trimmed()
        let mode = attribute("mode")?.lowercased()
        if mode == "base64" || Text.isBase64MediaType(type) {
            let decoded = Data(base64Encoded: textContent, options: .ignoreUnknownCharacters).map { String(decoding: $0, as: UTF8.self) }
            guard let decoded, !decoded.isEmpty else { return nil }
            return Text(decoded, kind: type.contains("html") ? .html : .text)
        }
        switch type {
        case "xhtml", "application/xhtml+xml":
            let container = elements.first(where: { $0.hasName("div") && Namespace(node: $0) == .xhtml })
            let html = (container ?? self).innerHTML.trimmed()
            return html.isEmpty ? nil : Text(html, kind: .html)
        case "html", "text/html":
            if mode == "xml" || elements.contains(where: { _ in true }) {
                let html = innerHTML.trimmed()
                return html.isEmpty ? nil : Text(html, kind: .html)
            }
            let html = textContent.trimmed()
            return html.isEmpty ? nil : Text(html, kind: .html)
        default:
            if mode == "xml" || elements.contains(where: { _ in true }) {
                let html = innerHTML.trimmed()
                return html.isEmpty ? nil : Text(html, kind: .html)
            }
            let text = textContent.trimmed()
            guard !text.isEmpty else { return nil }
            if type == "text" || type == "text/plain" { return Text(text, kind: .text) }
            return Text(text, kind: Text.looksLikeHTML(text) ? .html : .text)
        }
    }

    /// An integer attribute or text, tolerating white space; nil for anything else.
    func integer(_ value: String?) -> Int? {
        guard let value = value?.trimmed(), !value.isEmpty else { return nil }
        return Int(value)
    }
}

extension Text {
    /// RFC 4287 §4.1.3.3: content of a media type that is neither textual nor XML is Base64.
    static func isBase64MediaType(_ type: String) -> Bool {
        // Searching the bytes: `contains(Character)` walks grapheme clusters, and this runs
        // for every text construct of an Atom feed.
        guard type.utf8.contains(UInt8(ascii: "/")) else { return false }
        return !(type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml"))
    }

    /// Whether a string that should be plain text carries HTML (a tag or an entity), the test
    /// feedparser applies to RSS titles.
    static func looksLikeHTML(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            let letter = byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A
            if previous == 0x3C && (byte == 0x2F || byte == 0x21 || letter) { return true }
            if previous == 0x26 && (byte == 0x23 || letter) { return true }
            previous = byte
        }
        return false
    }
}

/// Splits RSS author strings: `jo@example.com (Jo Smith)`, `Jo Smith <jo@example.com>`, a bare
/// address, or a bare name.
enum AuthorString {
    static func person(_ raw: String) -> Person? {
        let text = raw.trimmed()
        guard !text.isEmpty else { return nil }
        // Most bylines are just a name: no address to look for.
        if !text.utf8.contains(UInt8(ascii: "@")) { return Person(name: text) }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        if let address = words.first(where: { $0.contains(Character("@")) && $0.contains(Character(".")) }) {
            let email = address.trimmingCharacters(in: CharacterSet(charactersIn: "()<>[]\"',;:"))
            // The name is the other words, without brackets left empty by the address.
            // (The standard library's `replacing`: Foundation's bridges every call through
            // NSString, which was a twentieth of parsing a feed whose items all name one.)
            let rest = text.replacing(address, with: " ").replacing("()", with: " ").replacing("<>", with: " ")
            var name = rest.trimmingCharacters(in: CharacterSet(charactersIn: " \t\n()<>[]\"',;:-"))
            name = name.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
            if email.contains(Character("@")) {
                return Person(name: name.isEmpty ? nil : name, email: email)
            }
        }
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            let name = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmed()
            let email = text[..<open].trimmed()
            if email.contains(Character("@")) {
                return Person(name: name.isEmpty ? nil : name, email: email)
            }
        }
        if let open = text.firstIndex(of: "<"), text.hasSuffix(">") {
            let email = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmed()
            let name = text[..<open].trimmed()
            if email.contains(Character("@")) {
                return Person(name: name.isEmpty ? nil : name, email: email)
            }
        }
        if !text.contains(Character(" ")) && text.contains(Character("@")) {
            return Person(email: text)
        }
        return Person(name: text)
    }
}
