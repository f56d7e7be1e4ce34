// libFuzzer entry point for Feedwright's parsers. Built by `scripts/fuzz` with
// `-sanitize=fuzzer,address`, `main` hands the process to libFuzzer's driver; built plainly (as
// `swift test` builds every target), the driver is not linked and `main` says how to fuzz.
//
// One binary serves every target, chosen by FEEDWRIGHT_FUZZ_TARGET: each would otherwise link
// the same modules again.

import Extraction
import FeedwrightCore
import Foundation
import Markup
import RobotsTxt
import Syndication

/// What one fuzz input is fed to.
enum FuzzTarget: String, CaseIterable {
    /// Feed parsing, XML and JSON Feed (the format is detected from the bytes).
    case feed
    /// Article extraction from HTML.
    case html
    /// Article extraction from a text dump.
    case dump
    /// The sanitizer's output: well-formed, and no script, handler or `javascript:` left.
    case sanitizer
    /// OPML subscription lists, and writing back what was read.
    case opml
    /// robots.txt rules.
    case robots
    /// Feed dates in every format the parser knows.
    case dates
    /// Listing pages read as feeds: found automatically, and by XPath; every entry a web link.
    case listing
    /// Feed discovery: the first line is a `Link` header value, the rest the page.
    case discovery
    /// Site rules: the input is a rule file, applied to a fixed page (its XPath, edits and
    /// byte replacements), and the page links it names.
    case siterule

    /// The page site rules are applied to: an article with the usual chrome around it.
    static let rulePage = Array("""
        <html><head><title>Story</title></head><body><nav class="menu"><a href="/">Home</a></nav>
        <article class="story"><h1>A story</h1><p class="lead">The first paragraph, long enough to read as prose, with commas.</p>
        <div class="ad">Advertisement</div><p>A second paragraph <a href="/next" class="next">next page</a> and <img data-src="/i.jpg" src="x.gif">.</p></article>
        <footer><a href="/about">About</a></footer></body></html>
        """.utf8)

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["FEEDWRIGHT_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("set FEEDWRIGHT_FUZZ_TARGET to one of: \(allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        return target
    }()

    func run(_ bytes: [UInt8]) {
        switch self {
        case .feed:
            // The command line's whole path: the contract strips markup (by SAX) and writes JSON.
            guard let parsed = try? FeedParser.parse(bytes, url: "https://fuzz.example/feed") else { return }
            let line = FeedContract(parsed).jsonLineBytes()
            FuzzFailure.expect((try? JSONSerialization.jsonObject(with: Data(line))) != nil, "a feed's contract line is not JSON")
        case .html:
            _ = try? ArticleExtractor.extract(bytes, url: "https://fuzz.example/page")
        case .dump:
            _ = try? ArticleReader.read(bytes, path: "fuzz.txt", url: "https://fuzz.example/page", textDump: true)
        case .sanitizer:
            guard let article = try? ArticleExtractor.extract(bytes, url: "https://fuzz.example/page") else { return }
            SanitizedHTMLCheck.verify(article.html)
        case .opml:
            guard let subscriptions = try? Subscriptions.parse(bytes) else { return }
            guard let written = try? subscriptions.opml(title: "fuzz"), let again = try? Subscriptions.parse(written) else {
                FuzzFailure.report("OPML that was read could not be written and read back")
            }
            FuzzFailure.expect(again.groups.map(\.sources) == subscriptions.groups.map(\.sources), "OPML round trip changed the sources")
        case .robots:
            let rules = RobotsRules(parsing: String(decoding: bytes, as: UTF8.self), userAgent: "feedwright")
            for path in ["/", "/a", "/a/b?c=d", "/%E2%82%AC", "/*$"] { _ = rules.allows(path) }
        case .dates:
            _ = DateParser.parse(String(decoding: bytes, as: UTF8.self))
        case .listing:
            for listing in [PageListing(), PageListing(item: "//article | //li", title: ".//h2", link: ".//a/@href", date: ".//time/@datetime", summary: ".//p")] {
                guard let feed = try? PageListingReader.read(bytes, url: "https://fuzz.example/list/", listing: listing) else { continue }
                FuzzFailure.expect(feed.entries.count <= PageListingReader.maximumEntries, "a listing gave more entries than its cap")
                FuzzFailure.expect(feed.entries.allSatisfy { WebURL.isHTTP($0.alternateLink ?? "") }, "a listing entry without a web link")
            }
        case .discovery:
            let split = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
            let header = String(decoding: bytes[..<split], as: UTF8.self)
            let page = Array(bytes[split...])
            let found = FeedLinks.candidates(in: page, url: "https://fuzz.example/blog/", linkHeaders: [header])
            FuzzFailure.expect(Set(found.map(\.url)).count == found.count, "discovery named a feed twice")
            FuzzFailure.expect(found.allSatisfy { WebURL.isHTTP($0.url) }, "discovery named a feed that is not a web address")
        case .siterule:
            let rule = SiteRuleParser.parse(String(decoding: bytes, as: UTF8.self))
            _ = try? ArticleExtractor.extract(FuzzTarget.rulePage, url: "https://fuzz.example/story", rule: rule)
            _ = RulePageLinks.find(in: FuzzTarget.rulePage, url: "https://fuzz.example/story", rule: rule)
        }
    }
}

/// What the sanitizer promises about its output, checked on every input that extracts.
enum SanitizedHTMLCheck {
    static func verify(_ html: String) {
        guard !html.isEmpty else { return }
        let wrapped = Array("<div>\(html)</div>".utf8)
        let document: MarkupDocument
        do {
            document = try MarkupDocument.parseXML(wrapped)
        } catch {
            FuzzFailure.report("sanitized HTML is not a well-formed fragment: \(error)")
        }
        if let broken = document.diagnostics.first(where: { $0.severity == .error }) {
            FuzzFailure.report("sanitized HTML is not well-formed XHTML: \(broken)")
        }
        guard let root = document.root else { FuzzFailure.report("sanitized HTML has no root") }
        check(root)
    }

    private static func check(_ node: MarkupNode) {
        for element in node.elements {
            let name = element.localName.lowercased()
            FuzzFailure.expect(!["script", "style", "object", "embed", "form", "input", "base", "meta", "link"].contains(name), "sanitized HTML keeps <\(name)>")
            for attribute in element.attributes {
                let key = attribute.localName.lowercased()
                FuzzFailure.expect(!key.hasPrefix("on"), "sanitized HTML keeps the handler \(key)")
                let value = attribute.value.lowercased().filter { !$0.isWhitespace && $0 != "\u{0}" }
                FuzzFailure.expect(!value.hasPrefix("javascript:") && !value.hasPrefix("vbscript:"), "sanitized HTML keeps a script URL in \(key)")
                if value.hasPrefix("data:") {
                    FuzzFailure.expect(name == "img" && key == "src" && value.hasPrefix("data:image/"), "sanitized HTML keeps a data: URL in <\(name) \(key)>")
                }
            }
            check(element)
        }
    }
}

/// A broken promise: printed, then an abort, which libFuzzer records as a crash with its input.
enum FuzzFailure {
    static func report(_ message: String) -> Never {
        FileHandle.standardError.write(Data("fuzz check failed: \(message)\n".utf8))
        abort()
    }

    static func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { report(message()) }
    }
}

/// The process: libFuzzer's driver when it is linked in, otherwise a hint.
@main
enum FuzzMain {
    typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    typealias Driver = @convention(c) (UnsafeMutablePointer<CInt>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>, TestOneInput) -> CInt

    static func main() {
        // SwiftPM names this function the executable's entry point, so libFuzzer's own `main`
        // is never linked; its driver (LLVM 11 and later) is called instead, found at run time
        // so that the plain build links without it.
        guard let symbol = dlsym(nil, "LLVMFuzzerRunDriver") else {
            FileHandle.standardError.write(Data("not built for fuzzing: run scripts/fuzz TARGET SECONDS\n".utf8))
            exit(2)
        }
        let driver = unsafeBitCast(symbol, to: Driver.self)
        var argc = CommandLine.argc
        var argv = Optional(CommandLine.unsafeArgv)
        exit(driver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.selected.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
