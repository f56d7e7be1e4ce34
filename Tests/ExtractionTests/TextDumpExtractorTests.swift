import Foundation
import Extraction
import Testing

@Suite("Text dumps")
struct TextDumpExtractorTests {
    struct Expected: Decodable {
        var title: String
        var body_paragraphs: [String]
        var boilerplate_lines: [String]
    }

    @Test("the seed gives exactly its title and its 8 body paragraphs, and no boilerplate")
    func seed() throws {
        let seeds = Fixture.shared.appendingPathComponent("seeds")
        let text = try String(contentsOf: seeds.appendingPathComponent("000_aef7aa59a3d918ea.txt"), encoding: .utf8)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: seeds.appendingPathComponent("000_aef7aa59a3d918ea.expected.json")))
        let article = try TextDumpExtractor.extract(text)
        #expect(article.title == expected.title)
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs == expected.body_paragraphs)
        for line in expected.boilerplate_lines where line.count > 3 {
            #expect(!paragraphs.contains(line), "boilerplate kept: \(line)")
        }
    }
}
