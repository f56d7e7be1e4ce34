import FeedwrightCore
import Foundation
import Markup

/// Turns the article's part of a page into HTML that is safe to put in a feed.
///
/// An allowlist of elements and attributes; scripts, styles, forms and event handlers are gone
/// because nothing outside the list is written; `javascript:` and `data:` URLs are dropped
/// (`data:image/…` is kept for images); iframes survive only from known video hosts; relative
/// URLs are made absolute; lazy-loaded images (`data-src`, `srcset`, `<picture><source>`,
/// the `<noscript>` copy) get a real `src`, each image once; a figure keeps its caption.
struct HTMLSanitizer {
    let baseURL: String?
    /// Elements whose runs the extractor rejected; they are left out here too.
    let rejected: Set<MarkupNode>
    /// Image URLs written so far: a lazy image and its `<noscript>` fallback are one image.
    private var writtenImages: Set<String> = []

    /// Elements whose own text run the extractor dropped: their text is left out, their
    /// blocks are judged one by one.
    let droppedRuns: Set<MarkupNode>
    /// Hidden elements the extractor read as the page itself (``PageWalker/shownHidden``).
    let shown: Set<MarkupNode>

    /// Whether the body came from a reading of the page's landmarks
    /// (``PageWalker/readsLandmarks``), which are then written as the walker read them.
    let readsLandmarks: Bool

    init(baseURL: String?, rejected: Set<MarkupNode>, droppedRuns: Set<MarkupNode> = [], shown: Set<MarkupNode> = [], readsLandmarks: Bool = false) {
        self.droppedRuns = droppedRuns
        self.shown = shown
        self.readsLandmarks = readsLandmarks
        self.baseURL = baseURL
        self.rejected = rejected
    }

    static let keptElements: Set<String> = [
        "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "b", "i",
        "u", "s", "sub", "sup", "a", "img", "figure", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
        "dl", "dt", "dd", "hr", "abbr", "q", "cite", "mark", "small", "del", "ins", "iframe", "figcaption",
    ]
    static let keptAttributes: [String: Set<String>] = [
        "a": ["href", "title"], "img": ["src", "alt", "title", "width", "height"], "td": ["colspan", "rowspan"],
        "th": ["colspan", "rowspan", "scope"], "abbr": ["title"], "q": ["cite"], "blockquote": ["cite"],
        "iframe": ["src", "width", "height", "allowfullscreen"], "ol": ["start"],
    ]
    static let videoHosts: [String] = ["youtube.com", "youtube-nocookie.com", "player.vimeo.com", "dailymotion.com", "players.brightcove.net"]

    private func isLeftOut(_ node: MarkupNode, name: String) -> Bool {
        switch PageWalker.verdict(node, name: name, readsLandmarks: readsLandmarks) {
        case .chrome: true
        case .hidden: !shown.contains(node)
        // A card set into a sentence is out of its text (``PageWalker/isInlineCard(_:name:)``).
        case .suspect, .comments, .content: PageWalker.inlineElements.contains(name) && PageWalker.isInlineCard(node, name: name)
        }
    }

    func html(of containers: [MarkupNode]) -> String {
        var writer = self
        var output = ""
        for container in containers {
            if droppedRuns.contains(container) {
                writer.writeBlocks(of: container, into: &output, depth: 0)
                continue
            }
            // Of several containers, one that holds its text itself (a paragraph beside the
            // story, a post's body written with `<br>`s) stays a block of its own.
            if containers.count > 1, let tag = HTMLSanitizer.blockTag(holding: container) {
                writer.writeChildren(of: container, as: tag, into: &output, depth: 0)
                continue
            }
            writer.writeChildren(of: container, into: &output, depth: 0)
        }
        return output
    }

    /// The layout elements that stand for a block of their own in a page, whatever they hold.
    /// An element this sanitizer does not know (`acronym`, `nobr`, a custom tag) may sit
    /// inside a sentence, and is written as its content only.
    static let layoutBlocks: Set<String> = ["div", "section", "article", "main", "center", "header", "footer", "aside", "address", "form", "details"]

    /// The element a layout block (`div`, `section`, a `p`'s text) that holds text of its own
    /// is written as, so that its text stays a paragraph apart from the next one's: `p` when
    /// all it holds is inline, `div` when it holds blocks too; `nil` when it holds no text
    /// of its own (its blocks keep it apart).
    static func blockTag(holding node: MarkupNode) -> String? {
        var ownText = false, blocks = false
        for child in node.children {
            switch child.kind {
            case .text: if !(child.ownContent ?? "").isBlank { ownText = true }
            case .element: if !PageWalker.inlineElements.contains(child.localName) { blocks = true }
            default: continue
            }
        }
        return ownText ? (blocks ? "div" : "p") : nil
    }

    /// `node`'s children inside a `tag` of their own (``blockTag(holding:)``).
    private mutating func writeChildren(of node: MarkupNode, as tag: String, into output: inout String, depth: Int) {
        output += "<\(tag)>"
        writeChildren(of: node, into: &output, depth: depth)
        output += "</\(tag)>"
    }

    private mutating func writeChildren(of node: MarkupNode, into output: inout String, depth: Int) {
        for child in node.children {
            switch child.kind {
            case .text:
                output += escape(child.ownContent ?? "", attribute: false)
            case .element:
                write(child, into: &output, depth: depth + 1)
            default:
                continue
            }
        }
    }

    /// The block children of an element whose own text run the filter dropped (a blog
    /// engine's category line beside the post's paragraphs): its text is left out as the
    /// extractor left it out, its blocks are judged one by one.
    private mutating func writeBlocks(of node: MarkupNode, into output: inout String, depth: Int) {
        for child in node.elements where !PageWalker.inlineElements.contains(child.localName) {
            write(child, into: &output, depth: depth + 1)
        }
    }

    private mutating func write(_ node: MarkupNode, into output: inout String, depth: Int) {
        guard depth < 200 else { return }
        let name = node.localName
        if name == "iframe" {
            writeIframe(node, into: &output)
            return
        }
        if name == "noscript" && !readsLandmarks {
            // The fallback copy of a lazy-loaded image: its images only, those not yet written.
            for image in node.elements where image.localName == "img" {
                write(image, into: &output, depth: depth + 1)
            }
            return
        }
        // A caption belongs to its figure; elsewhere a figcaption is chrome as the walker says.
        let isCaption = name == "figcaption" && node.parent?.localName == "figure"
        if name != "img" && !isCaption && (isLeftOut(node, name: name) || rejected.contains(node)) { return }
        if name != "img" && !isCaption && droppedRuns.contains(node) {
            writeBlocks(of: node, into: &output, depth: depth)
            return
        }
        guard HTMLSanitizer.keptElements.contains(name) else {
            // Unknown or layout elements (div, span, section…) keep their content only; a
            // block holding text of its own is a paragraph (old pages write `<div>`s for them).
            let block = !PageWalker.inlineElements.contains(name)
            if HTMLSanitizer.layoutBlocks.contains(name), let tag = HTMLSanitizer.blockTag(holding: node) {
                writeChildren(of: node, as: tag, into: &output, depth: depth)
                return
            }
            if block { output += "\n" }
            writeChildren(of: node, into: &output, depth: depth)
            return
        }
        var attributes: [(String, String)] = []
        for attribute in HTMLSanitizer.keptAttributes[name] ?? [] {
            guard var value = node.attribute(attribute) else { continue }
            if attribute == "href" || attribute == "src" || attribute == "cite" {
                guard let safe = safeURL(value, image: name == "img") else { continue }
                value = safe
            }
            attributes.append((attribute, value))
        }
        if name == "img" {
            guard let source = imageSource(node) ?? pictureSource(of: node), writtenImages.insert(source).inserted else { return }
            attributes.removeAll { $0.0 == "src" }
            attributes.insert(("src", source), at: 0)
        }
        if name == "a" && !attributes.contains(where: { $0.0 == "href" }) {
            writeChildren(of: node, into: &output, depth: depth)
            return
        }
        output += "<" + name
        for (attribute, value) in attributes.sorted(by: { $0.0 < $1.0 }) {
            output += " " + attribute + "=\"" + escape(value, attribute: true) + "\""
        }
        // Void elements close themselves, so that the output is well-formed XHTML as well as
        // HTML: feeds carry it as `type="html"`, readers and XML tools both read it.
        if name == "img" || name == "br" || name == "hr" {
            output += "/>"
            return
        }
        output += ">"
        writeChildren(of: node, into: &output, depth: depth)
        output += "</" + name + ">"
    }

    private func writeIframe(_ node: MarkupNode, into output: inout String) {
        guard let source = node.attribute("src").flatMap({ safeURL($0, image: false) }),
              let host = URLComponents(string: source)?.host?.lowercased(),
              HTMLSanitizer.videoHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) }) else { return }
        output += "<iframe src=\"" + escape(source, attribute: true) + "\" allowfullscreen=\"\"></iframe>"
    }

    /// The real image URL of a possibly lazy-loaded image.
    private func imageSource(_ node: MarkupNode) -> String? {
        let lazy = ["data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src", "data-full-src"]
        for attribute in lazy {
            if let value = node.attribute(attribute), let url = safeURL(value, image: true) { return url }
        }
        if let srcset = node.attribute("data-srcset") ?? node.attribute("srcset"),
           let best = HTMLSanitizer.largestCandidate(srcset), let url = safeURL(best, image: true) {
            if let src = node.attribute("src"), !src.hasPrefix("data:"), let plain = safeURL(src, image: true) { return plain }
            return url
        }
        return node.attribute("src").flatMap { safeURL($0, image: true) }
    }

    /// For an `img` in a `<picture>` without a source of its own: the widest candidate of the
    /// picture's `<source>` elements.
    private func pictureSource(of image: MarkupNode) -> String? {
        guard let picture = image.parent, picture.localName == "picture" else { return nil }
        for source in picture.elements where source.localName == "source" {
            if let srcset = source.attribute("srcset") ?? source.attribute("data-srcset"),
               let best = HTMLSanitizer.largestCandidate(srcset), let url = safeURL(best, image: true) {
                return url
            }
        }
        return nil
    }

    /// The widest candidate of a `srcset`.
    static func largestCandidate(_ srcset: String) -> String? {
        var best: (url: String, width: Double)?
        for candidate in srcset.split(separator: ",") {
            let parts = candidate.split(separator: " ", omittingEmptySubsequences: true)
            guard let url = parts.first else { continue }
            let descriptor = parts.dropFirst().first.map(String.init) ?? "1x"
            let width = Double(descriptor.dropLast()) ?? 1
            if width > (best?.width ?? -.infinity) { best = (String(url), width) }
        }
        return best?.url
    }

    /// An absolute, harmless URL, or nil.
    func safeURL(_ raw: String, image: Bool) -> String? {
        let value = raw.trimmingWhitespace()
        guard !value.isEmpty else { return nil }
        // Judged as a browser reads it and as it is written out: URL parsers skip controls
        // and white space around and inside a scheme (WHATWG URL), and the output drops the
        // controls XML forbids, so `\u{19}javascript:` would reach a reader as `javascript:`.
        let lower = HTMLSanitizer.schemeHead(of: value)
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") { return nil }
        if lower.hasPrefix("data:") { return image && lower.hasPrefix("data:image/") && !lower.hasPrefix("data:image/svg") ? value : nil }
        guard let baseURL else { return value }
        let resolved = URLResolver.resolve(value, against: baseURL)
        // A page's own base (a hostile canonical `data:…` or `javascript:…`) can give a
        // relative reference a scheme it never had: the resolved address is judged again.
        guard resolved != value else { return resolved }
        return safeURL(resolved, image: false) == nil ? nil : resolved
    }

    /// The start of an address as a browser reads its scheme: lower-cased, without white space
    /// and controls, as long as the longest prefix judged (`data:image/svg`) needs. Only the
    /// start is read: an address can be as long as a page.
    static func schemeHead(of value: String) -> String {
        var head = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if byte <= 0x20 || byte == 0x7F { continue }
                head.append(Unicode.Scalar(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte))
            } else {
                if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control { continue }
                head.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
            if head.count >= schemeHeadLength { break }
        }
        return String(head)
    }

    static let schemeHeadLength = 16

    /// `text` escaped, without the characters XML forbids (control characters a page smuggles
    /// into an `alt` or a link): the output must read as XHTML too.
    private func escape(_ text: String, attribute: Bool) -> String {
        var result = ""
        HTMLSerializer.escape(XMLCharacters.cleaned(text), into: &result, attribute: attribute)
        return result
    }
}
