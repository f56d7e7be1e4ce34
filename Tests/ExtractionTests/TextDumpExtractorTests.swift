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

    @Test("dumps of the 181 benchmark pages: most of the body, little else")
    func corpus() throws {
        let root = Fixture.shared.appendingPathComponent("corpus/extraction/textdumps-aeb")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("input").path).filter { $0.hasSuffix(".txt") }
        try #require(names.count == 181)
        var precisions: [Double] = []
        var recalls: [Double] = []
        for name in names {
            let input = try String(contentsOf: root.appendingPathComponent("input/\(name)"), encoding: .utf8)
            let gold = try String(contentsOf: root.appendingPathComponent("GoldStandard/\(name)"), encoding: .utf8)
            let text = (try? TextDumpExtractor.extract(input).text) ?? ""
            let score = TokenScore.score(predicted: text, gold: gold)
            if let precision = score.precision { precisions.append(precision) }
            recalls.append(score.recall)
        }
        let precision = precisions.reduce(0, +) / Double(precisions.count)
        let recall = recalls.reduce(0, +) / Double(recalls.count)
        #expect(2 * precision * recall / (precision + recall) >= 0.84, "P \(precision) R \(recall)")
    }
}
