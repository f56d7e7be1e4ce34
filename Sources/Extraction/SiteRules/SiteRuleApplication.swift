import FeedwrightCore
import Foundation
import Markup
import Syndication

/// What a site rule did to a page: the body it chose (empty when its `body` matched nothing)
/// and the metadata it read, for the extractor to prefer over its own guesses.
struct SiteRuleApplication {
    var body: [MarkupNode] = []
    var title: String?
    var authors: [String] = []
    var published: Date?
    /// XPath expressions that failed to compile or run, with why: a broken rule is reported,
    /// never fatal.
    var problems: [String] = []

    /// The page's bytes after the rule's `find_string`/`replace_string` pairs. The strings are
    /// matched as UTF-8 bytes, which is exact for UTF-8 pages and for ASCII strings on pages in
    /// any ASCII-compatible encoding.
    static func replacing(_ bytes: [UInt8], rule: SiteRule) -> [UInt8] {
        var output = bytes
        for (find, replace) in rule.replacements where !find.isEmpty {
            output = ByteReplacement.replacingAll(Array(find.utf8), with: Array(replace.utf8), in: output)
        }
        return output
    }

    /// Applies the rule's edits to the parsed page, then reads its body and metadata.
    ///
    /// The body is looked up before the edits too: a `strip` or `strip_id_or_class` never
    /// removes the body or an element holding it (a class word such as `ad` also matches
    /// `header`), it only removes what is inside or beside it.
    static func apply(_ rule: SiteRule, to document: MarkupDocument) -> SiteRuleApplication {
        var application = SiteRuleApplication()
        let bodyBefore = application.firstMatch(rule.body, in: document).filter { !$0.isAttribute }
        var kept = Set<MarkupNode>()
        for node in bodyBefore {
            var current: MarkupNode? = node
            while let element = current, kept.insert(element).inserted { current = element.parent }
        }
        if let attribute = rule.lazyLoadAttribute, MarkupNode.isElementName(attribute) {
            for image in application.nodes("//img[@\(attribute)]", in: document) {
                if let source = image.attribute(attribute), !source.isEmpty { image.setAttribute("src", to: source) }
            }
        }
        var removals = rule.strip
        removals += rule.stripIDOrClass.compactMap { word in
            XPathLiteral.quoted(word).map { "//*[contains(@class, \($0)) or contains(@id, \($0))]" }
        }
        removals += rule.stripImageSource.compactMap { part in XPathLiteral.quoted(part).map { "//img[contains(@src, \($0))]" } }
        for expression in removals {
            for node in application.nodes(expression, in: document) where !kept.contains(node) { node.remove() }
        }
        for expression in rule.stripAttribute {
            for node in application.nodes(expression, in: document) where node.isAttribute { node.remove() }
        }
        for expression in rule.dissolve {
            for node in application.nodes(expression, in: document) where !kept.contains(node) { node.dissolve() }
        }
        for (tag, expression) in rule.wrapIn {
            for node in application.nodes(expression, in: document) { node.wrap(in: tag) }
        }
        application.body = application.firstMatch(rule.body, in: document).filter { !$0.isAttribute && $0.parent != nil }
        application.title = application.firstStrings(rule.title, in: document).first
        application.authors = application.firstStrings(rule.author, in: document)
        application.published = application.firstStrings(rule.date, in: document).lazy.compactMap(DateParser.parse).first
        return application
    }

    private mutating func nodes(_ expression: String, in document: MarkupDocument) -> [MarkupNode] {
        do {
            return try document.select(expression)
        } catch {
            // The body is looked up twice (before and after the edits); one report is enough.
            if !problems.contains(error.description) { problems.append(error.description) }
            return []
        }
    }

    /// The nodes of the first expression that matches any.
    private mutating func firstMatch(_ expressions: [String], in document: MarkupDocument) -> [MarkupNode] {
        for expression in expressions {
            let found = nodes(expression, in: document)
            if !found.isEmpty { return found }
        }
        return []
    }

    /// The non-empty strings of the first expression that gives any, white space collapsed.
    private mutating func firstStrings(_ expressions: [String], in document: MarkupDocument) -> [String] {
        for expression in expressions {
            let value: XPathValue
            do { value = try document.evaluate(expression) } catch {
                problems.append(error.description)
                continue
            }
            let strings: [String]
            if case .nodes(let found) = value {
                strings = found.compactMap { HTMLText.collapseWhitespace($0.textContent) }
            } else {
                strings = value.firstString.flatMap(HTMLText.collapseWhitespace).map { [$0] } ?? []
            }
            var seen: Set<String> = []
            let distinct = strings.filter { !$0.isEmpty && seen.insert($0).inserted }
            if !distinct.isEmpty { return distinct }
        }
        return []
    }
}

/// XPath 1.0 string literals, which have no escapes: a string with both quote marks is built
/// with `concat`.
enum XPathLiteral {
    static func quoted(_ text: String) -> String? {
        guard !text.isEmpty else { return nil }
        if !text.contains("'") { return "'\(text)'" }
        if !text.contains("\"") { return "\"\(text)\"" }
        let parts = text.split(separator: "'", omittingEmptySubsequences: false).map { "'\($0)'" }
        return "concat(" + parts.joined(separator: ", \"'\", ") + ")"
    }
}

/// Every occurrence of a byte string replaced, left to right, without overlaps.
enum ByteReplacement {
    static func replacingAll(_ find: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard !find.isEmpty, bytes.count >= find.count else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        let first = find[0]
        var index = 0
        var changed = false
        bytes.withUnsafeBufferPointer { buffer in
            while index < buffer.count {
                if buffer[index] == first, index + find.count <= buffer.count,
                   buffer[index..<index + find.count].elementsEqual(find) {
                    output.append(contentsOf: replacement)
                    index += find.count
                    changed = true
                } else {
                    output.append(buffer[index])
                    index += 1
                }
            }
        }
        return changed ? output : bytes
    }
}
