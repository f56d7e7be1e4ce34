import Foundation
import Syndication
import Testing

@Suite("The shared feed corpus")
struct CorpusTests {
    static let feedExtensions: Set<String> = ["xml", "json", "rss", "atom", "rdf"]

    static func corpusFiles() -> [URL] {
        let root = Fixture.shared.appendingPathComponent("corpus/feeds")
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { feedExtensions.contains($0.pathExtension.lowercased()) }.sorted { $0.path < $1.path }
    }

    @Test("every file reads or fails with a clear error, and nearly all read")
    func wholeCorpus() throws {
        let files = Self.corpusFiles()
        try #require(files.count > 2000, "the corpus at \(Fixture.shared.path) is missing")
        var read = 0
        var failures: [String] = []
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            do {
                let parsed = try FeedParser.parse(bytes)
                read += 1
                for entry in parsed.feed.entries {
                    // Dates are real instants or absent, never the time of parsing.
                    if let date = entry.published ?? entry.updated {
                        #expect(abs(date.timeIntervalSinceNow) > 60, "\(file.lastPathComponent)")
                    }
                }
            } catch {
                // A refusal names what was wrong: the root that is not a feed, or the parser's message.
                switch error {
                case .notAFeed(let root, _): #expect(!root.isEmpty, "\(file.lastPathComponent)")
                case .unreadableMarkup(.malformed(let message, _, _)), .invalidJSON(let message): #expect(!message.isEmpty, "\(file.lastPathComponent)")
                default: break
                }
                failures.append(file.lastPathComponent)
            }
        }
        #expect(Double(read) / Double(files.count) > 0.995, "failed: \(failures)")
    }
}
