import Foundation

/// Reads a rule file in the ftr-site-config format: one `directive: value` per line,
/// `directive(argument): value` for the directives that take one, `#` comments.
///
/// Reading never fails: a directive Feedwright does not act on is kept in
/// ``SiteRule/ignored``, a line it does not understand in ``SiteRule/unknown``.
public enum SiteRuleParser {
    /// Directives of the format that Feedwright reads and does not act on: logging in needs
    /// the user's credentials, `tidy` and `parser` name PHP libraries, the rest are peers'
    /// heuristics the generic extractor has its own answer to.
    static let ignoredDirectives: Set<String> = [
        "tidy", "parser", "login_uri", "login_username_field", "login_password_field", "login_extra_fields",
        "not_logged_in_xpath", "requires_login", "insert_detected_image", "convert_double_br_tags", "native_ad_clue",
        "footnotes", "autodetect_next_page", "move_into", "strip_comments", "skip_id_or_class", "test_contains_not",
    ]

    /// The rule a file's text describes.
    public static func parse(_ text: String) -> SiteRule {
        var rule = SiteRule()
        var pendingFind: String?
        var lastPageLink: WritableKeyPath<SiteRule, [SiteRule.PageLink]>?
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            guard let colon = line.firstIndex(of: ":") else {
                rule.unknown.append((index + 1, line))
                continue
            }
            var name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            var argument: String?
            if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                // The argument keeps its case: it is a header name or a string to find.
                let rawName = line[..<colon].trimmingCharacters(in: .whitespaces)
                let rawOpen = rawName.firstIndex(of: "(")!
                argument = String(rawName[rawName.index(after: rawOpen)..<rawName.index(before: rawName.endIndex)])
                name = String(name[..<open])
            }
            // An argument may itself hold a colon (`replace_string(a:b): c`): the directive
            // ends at the colon after the closing parenthesis.
            if argument == nil, let open = line.firstIndex(of: "("), open < colon,
               let close = line[open...].firstIndex(of: ")"), close > colon,
               let after = line[close...].firstIndex(of: ":") {
                name = line[..<open].trimmingCharacters(in: .whitespaces).lowercased()
                argument = String(line[line.index(after: open)..<close])
                let rest = line[line.index(after: after)...].trimmingCharacters(in: .whitespaces)
                apply(name, argument: argument, value: rest, line: index + 1, to: &rule, pendingFind: &pendingFind, lastPageLink: &lastPageLink)
                continue
            }
            apply(name, argument: argument, value: value, line: index + 1, to: &rule, pendingFind: &pendingFind, lastPageLink: &lastPageLink)
        }
        return rule
    }

    private static func apply(
        _ name: String, argument: String?, value: String, line: Int, to rule: inout SiteRule,
        pendingFind: inout String?, lastPageLink: inout WritableKeyPath<SiteRule, [SiteRule.PageLink]>?
    ) {
        func flag() -> Bool? {
            switch value.lowercased() {
            case "yes", "true", "1", "on": return true
            case "no", "false", "0", "off": return false
            default: return nil
            }
        }
        switch name {
        case "title": rule.title.append(value)
        case "body": rule.body.append(value)
        case "author": rule.author.append(value)
        case "date": rule.date.append(value)
        case "strip": rule.strip.append(value)
        case "strip_id_or_class": rule.stripIDOrClass.append(value.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")))
        case "strip_image_src": rule.stripImageSource.append(value)
        case "strip_attr": rule.stripAttribute.append(value)
        case "dissolve": rule.dissolve.append(value)
        case "wrap_in":
            guard let tag = argument, !tag.isEmpty else {
                rule.unknown.append((line, "wrap_in needs a tag: wrap_in(tag): XPath"))
                return
            }
            rule.wrapIn.append((tag.lowercased(), value))
        case "find_string": pendingFind = value
        case "replace_string":
            if let argument {
                rule.replacements.append((argument, value))
            } else if let find = pendingFind {
                rule.replacements.append((find, value))
                pendingFind = nil
            } else {
                rule.unknown.append((line, "replace_string without a find_string before it"))
            }
        case "http_header":
            guard let header = argument?.lowercased(), ["user-agent", "referer", "cookie"].contains(header) else {
                rule.unknown.append((line, "http_header(\(argument ?? "")): only user-agent, referer and cookie are sent"))
                return
            }
            rule.httpHeaders[header] = value
        case "single_page_link":
            rule.singlePageLink.append(.init(xpath: value))
            lastPageLink = \.singlePageLink
        case "next_page_link":
            rule.nextPageLink.append(.init(xpath: value))
            lastPageLink = \.nextPageLink
        case "if_page_contains":
            guard let key = lastPageLink, !rule[keyPath: key].isEmpty else {
                rule.unknown.append((line, "if_page_contains without a single_page_link or next_page_link before it"))
                return
            }
            rule[keyPath: key][rule[keyPath: key].count - 1].condition = value
        case "src_lazy_load_attr": rule.lazyLoadAttribute = value
        case "prune": rule.prune = flag()
        case "skip_json_ld": rule.skipJSONLD = flag()
        case "autodetect_on_failure": rule.autodetectOnFailure = flag()
        case "test_url": rule.tests.append((value, []))
        case "test_contains":
            if rule.tests.isEmpty { rule.unknown.append((line, "test_contains without a test_url before it")) } else { rule.tests[rule.tests.count - 1].contains.append(value) }
        default:
            if ignoredDirectives.contains(name) { rule.ignored.insert(name) } else { rule.unknown.append((line, "unknown directive \(name)")) }
        }
    }
}
