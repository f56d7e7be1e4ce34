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

    /// The shared corpora: `$FEEDWRIGHT_SHARED` when set (a checkout elsewhere), else
    /// `../shared` beside the package checkout.
    static var shared: URL {
        if let path = ProcessInfo.processInfo.environment["FEEDWRIGHT_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
    }

    static func date(_ text: String) -> Date? {
        DateParser.parse(text)
    }
}
