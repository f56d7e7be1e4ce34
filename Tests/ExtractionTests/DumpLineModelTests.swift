@testable import Extraction
import Testing

/// The line model as Swift runs it against what `scripts/dump-model/train.py` measured when it
/// wrote the weights: a feature computed differently here than in features.py shows up as a
/// score that no longer matches.
@Suite("Text-dump line model")
struct DumpLineModelTests {
    @Test("both stages load, with as many inputs as the features Swift computes")
    func loads() {
        #expect(DumpLineChooser.lineStage.featureCount == DumpLineFeatures.count)
        #expect(DumpLineChooser.contextStage.featureCount == DumpLineChooser.secondCount)
        #expect(DumpLineChooser.lineStage.features.count > 0)
    }

    @Test("Swift reaches the in-sample scores train.py reported", arguments: DumpLineModel.trainedScores)
    func parity(set: String, f1: Double) throws {
        let dataset = try ExtractionDataset.plain(set)
        // The model's lines alone, as train.py chose them: the extractor then cuts readers'
        // threads (``DumpThread``), which train.py knows nothing of.
        let score = dataset.score { page in
            let lines = DumpLineChooser.lines(of: String(decoding: page.bytes, as: UTF8.self))
            return DumpLineChooser.bodyLines(lines).map { lines[$0].text }.joined(separator: "\n\n")
        }
        // The two sides tokenise the score's words slightly differently (\w against
        // letters and digits); the lines they choose are the same.
        #expect(abs(score.f1 - f1) < 0.003, "\(set): Swift \(score), train.py \(f1)")
    }

    @Test("the split-index reading answers exactly what walking each tree answers, on every line of the dev dumps", arguments: DumpLineModel.trainedScores.map(\.0))
    func splitIndexMatchesWalk(set: String) throws {
        let dataset = try ExtractionDataset.plain(set)
        var rows = 0
        for page in dataset.pages {
            let lines = DumpLineChooser.lines(of: String(decoding: page.bytes, as: UTF8.self))
            let features = DumpLineFeatures(lines: lines)
            let width = DumpLineFeatures.count
            let batch = features.values.withUnsafeBufferPointer { DumpLineChooser.lineStage.probabilities($0, rows: lines.count, stride: width) }
            for line in lines.indices {
                let walked = DumpLineChooser.lineStage.probability(features.values[(line * width)..<((line + 1) * width)])
                #expect(batch[line] == walked, "\(page.id), line \(line)")
            }
            let second = DumpLineChooser.secondStage(features, batch, words: lines.map(\.wordCount))
            let secondBatch = second.withUnsafeBufferPointer { DumpLineChooser.contextStage.probabilities($0, rows: lines.count, stride: DumpLineChooser.secondCount) }
            for line in lines.indices {
                let row = second[(line * DumpLineChooser.secondCount)..<((line + 1) * DumpLineChooser.secondCount)]
                #expect(secondBatch[line] == DumpLineChooser.contextStage.probability(row), "\(page.id), line \(line), stage two")
            }
            rows += lines.count
        }
        #expect(rows > 10_000)
    }

    @Test("a dump line ends a sentence at every mark the page scorer knows, in every script, and at no other")
    func sentenceEndsMatchTextMeasure() {
        for mark in TextMeasure.sentenceEnds {
            let scalars = Array(mark.unicodeScalars)
            #expect(scalars.count == 1 && DumpLineFeatures.isSentenceEnd(scalars[0]), "\(mark)")
            // A Burmese or Khmer line is all one unspaced run: only its closing mark tells it is prose.
            #expect(DumpLineFeatures.endsSentence(Array("ဒီ စာမျက်နှာ\(mark)」 ".unicodeScalars)), "\(mark)")
        }
        for value in UInt32(0)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value), DumpLineFeatures.isSentenceEnd(scalar) else { continue }
            #expect(TextMeasure.sentenceEnds.contains(Character(scalar)), "U+\(String(value, radix: 16))")
        }
        #expect(!DumpLineFeatures.endsSentence(Array("ဒီ စာမျက်နှာ၊".unicodeScalars)))  // a Myanmar comma
    }

    @Test("a malformed model text names its line")
    func malformed() {
        #expect(throws: BoostedTrees.FormatError.self) { try BoostedTrees(text: "model 1 2 3") }
        #expect(throws: BoostedTrees.FormatError.self) { try BoostedTrees(text: "model 1 1 3 0.0\n0;0.5;1") }
        #expect(throws: BoostedTrees.FormatError.self) { try BoostedTrees(text: "model 1 1 3 0.0\n7;0.5;1 2") }
        let one = try? BoostedTrees(text: "model 1 1 3 0.0\n2;0.5;-1 1")
        #expect(one.map { $0.probability([0, 0, 0.7][...]) > 0.5 } == true)
        #expect(one.map { $0.probability([0, 0, 0.2][...]) < 0.5 } == true)
        let deep = "model 1 6 3 0.0\n" + Array(repeating: "0", count: 63).joined(separator: " ") + ";" + Array(repeating: "0.5", count: 63).joined(separator: " ") + ";" + Array(repeating: "1", count: 64).joined(separator: " ")
        #expect(throws: BoostedTrees.FormatError.self) { try BoostedTrees(text: Substring(deep)) }  // six deep: more leaves than a strike holds
    }
}
