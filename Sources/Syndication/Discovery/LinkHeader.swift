import Foundation
import Markup

/// HTTP `Link` header values (RFC 8288): `<uri>; rel="a b"; type="…"; title="…"`, several
/// per value separated by commas. A comma or semicolon inside `<…>` or a quoted string does
/// not split.
public enum LinkHeader {
    /// The links of `values`, relative targets resolved against `base`.
    public static func links(_ values: [String], base: String) -> [Link] {
        values.flatMap { value in splitting(value, on: ",").compactMap { link($0, base: base) } }
    }

    private static func link(_ text: Substring, base: String) -> Link? {
        let parts = splitting(text, on: ";")
        guard let target = parts.first?.trimmingCharacters(in: .whitespaces), target.hasPrefix("<"), target.hasSuffix(">") else { return nil }
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard let name = pair.first?.trimmingCharacters(in: .whitespaces).lowercased(), !name.isEmpty else { continue }
            var value = pair.count > 1 ? pair[1].trimmingCharacters(in: .whitespaces) : ""
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            // The first occurrence of a parameter counts (RFC 8288 §3).
            if parameters[name] == nil { parameters[name] = value }
        }
        let href = URLResolver.resolve(String(target.dropFirst().dropLast()), against: base)
        return Link(href: href, relation: parameters["rel"]?.lowercased() ?? "", mediaType: parameters["type"]?.lowercased(), title: parameters["title"])
    }

    /// `text` split on `separator` outside `<…>` and quoted strings.
    private static func splitting(_ text: some StringProtocol, on separator: Character) -> [Substring] {
        let text = Substring(text)
        var parts: [Substring] = []
        var start = text.startIndex
        var inTarget = false, inQuotes = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" && inQuotes {
                index = text.index(after: index)
                if index < text.endIndex { index = text.index(after: index) }
                continue
            }
            switch character {
            case "<" where !inQuotes: inTarget = true
            case ">" where !inQuotes: inTarget = false
            case "\"" where !inTarget: inQuotes.toggle()
            case separator where !inTarget && !inQuotes:
                parts.append(text[start..<index])
                start = text.index(after: index)
            default: break
            }
            index = text.index(after: index)
        }
        parts.append(text[start..<text.endIndex])
        return parts.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
