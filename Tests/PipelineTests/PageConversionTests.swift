import Foundation
import Pipeline
import Syndication
import Testing

/// `convert`'s work: pages, dumps and archives from a directory tree into one merged feed.
@Suite("Converting pages into a feed")
struct PageConversionTests {
    static var shared: URL {
        ProcessInfo.processInfo.environment["FEEDWRIGHT_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// A directory holding two real pages (one gzipped, in a subdirectory), the seed dump, a
    /// page with no article, and a file that is not a page.
    static func tree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convert-\(UUID().uuidString)")
        let nested = root.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let pages = shared.appendingPathComponent("corpus/extraction/readability-tests/input")
        try FileManager.default.copyItem(at: pages.appendingPathComponent("wapo-1.html"), to: root.appendingPathComponent("wapo-1.html"))
        let aeb = shared.appendingPathComponent("corpus/extraction/scrapinghub/html")
        let gz = try #require(try FileManager.default.contentsOfDirectory(atPath: aeb.path).sorted().first)
        try FileManager.default.copyItem(at: aeb.appendingPathComponent(gz), to: nested.appendingPathComponent(gz))
        try FileManager.default.copyItem(at: shared.appendingPathComponent("seeds/000_aef7aa59a3d918ea.txt"), to: root.appendingPathComponent("seed.txt"))
        try Data("<html><body><nav><a href=\"/\">Home</a></nav></body></html>".utf8).write(to: root.appendingPathComponent("empty.html"))
        try Data("not a page".utf8).write(to: root.appendingPathComponent("notes.md"))
        return root
    }

    @Test("a tree of pages: every page found, sorted, other files left alone")
    func pagesInTree() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let pages = try PageConversion.pages(in: [root.path])
        #expect(pages.count == 4, "\(pages)")
        #expect(pages == pages.sorted())
        #expect(pages.contains { $0.hasSuffix(".html.gz") })
        #expect(!pages.contains { $0.hasSuffix("notes.md") })
        #expect(throws: PipelineError.self) { try PageConversion.pages(in: [root.appendingPathComponent("nowhere").path]) }
    }

    @Test("pages become entries, a page without an article is reported, and converting again adds nothing")
    func convertAndMerge() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let pages = try PageConversion.pages(in: [root.path])
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let first = PageConversion.convert(pages, into: nil, details: .init(link: "https://example.org/"), fallbackTitle: "archive", now: now)
        #expect(first.converted == 3)
        #expect(first.failures.map(\.path) == [root.appendingPathComponent("empty.html").path])
        #expect(first.failures.first?.problem == "no article text found")
        #expect(first.feed.entries.count == 3)
        #expect(first.feed.title?.value == "archive")
        #expect(first.feed.entries.contains { $0.title?.value == "US Officials Believe Sanctions Lead to Boost in DPRK's Cyberattacks - Reports" }, "the seed dump is read as a dump")

        let second = PageConversion.convert(pages, into: first.feed, details: .init(title: "My archive"), fallbackTitle: "archive", now: now.addingTimeInterval(60))
        #expect(second.feed.entries.count == 3, "nothing duplicated")
        #expect(second.feed.title?.value == "My archive")
        #expect(second.feed.links.filter { $0.relation == "alternate" }.count == 1)
    }
}
