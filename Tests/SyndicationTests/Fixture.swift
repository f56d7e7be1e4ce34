import Foundation
import Syndication

/// Test fixtures and the shared corpus.
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        return Array(try Data(contentsOf: base.appendingPathComponent("Fixtures").appendingPathComponent(name)))
    }

    static func feed(_ name: String, url: String? = nil) throws -> ParsedFeed {
        try FeedParser.parse(try bytes(name), url: url)
    }

    /// `../shared` beside the package checkout, where the corpora live.
    static var shared: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
    }

    static func date(_ text: String) -> Date? {
        DateParser.parse(text)
    }
}
