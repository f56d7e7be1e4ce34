import Foundation
import Testing

@testable import Extraction

@Suite("Readers' comments at the end of a text dump")
struct DumpThreadTests {
    static func lines(_ name: String) throws -> [DumpLineFeatures.Line] {
        DumpLineChooser.lines(of: String(decoding: try Fixture.bytes("dumps/\(name)"), as: UTF8.self))
    }

    @Test("a thread of many names after the post is cut where its count line starts; the post stays whole")
    func threadCut() throws {
        let lines = try Self.lines("post-with-readers-thread.txt")
        let start = try #require(DumpThread.start(of: Array(lines.indices), in: lines))
        #expect(lines[start].text.hasPrefix("Posted in Travel | Permalink"), "\(lines[start].text)")
        let article = try TextDumpExtractor.extract(String(decoding: try Fixture.bytes("dumps/post-with-readers-thread.txt"), as: UTF8.self))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.first?.hasPrefix("For twenty years the sleeper trains") == true, "\(paragraphs)")
        #expect(paragraphs.last?.hasPrefix("Whether the revival lasts") == true, "\(paragraphs)")
        for comment in ["Vienna sleeper", "said:", "6 thoughts", "Leave a Reply"] {
            #expect(!article.text.contains(comment), "kept: \(comment)")
        }
    }

    @Test("a name above each dated line, or in it, is the reader's; the date's own words are not",
          arguments: [
              ("fmcshan", "2 days ago at 07:52 am", "fmcshan ago"),
              ("Reply", "Milan on September 12, 2018 at 4:47 pm said:", "reply milan on said:"),
              ("I liked it.", "Milan Griffes on September 12, 2018 at 4:47 pm said:", "milan griffes on said:"),
              ("It was late.", "Thomas schrieb am 12. März 2011 um 14:20:", "thomas schrieb"),
              ("It was late.", "March 3, 2013", nil),
          ])
    func voices(above: String, header: String, voice: String?) {
        let lines = [above, header].map { DumpLineFeatures.Line(Array($0.utf8)[...]) }
        #expect(DumpThread.isHeader(lines[1]))
        #expect(DumpThread.voice(of: 1, in: [0, 1], lines) == voice)
    }

    @Test("dated lines that name nobody are the article's: a live blog's times, a timeline's dates, a quoted post's attribution",
          arguments: ["live-blog-times.txt", "story-ending-in-timeline.txt"])
    func noThread(name: String) throws {
        let lines = try Self.lines(name)
        #expect(DumpThread.start(of: Array(lines.indices), in: lines) == nil)
    }

    @Test("a quoted post's attribution opens with a dash and is no header")
    func attribution() {
        let line = DumpLineFeatures.Line(Array("— Road Watcher (@roadwatcher) November 18, 2019".utf8)[...])
        #expect(!DumpThread.isHeader(line))
    }
}
