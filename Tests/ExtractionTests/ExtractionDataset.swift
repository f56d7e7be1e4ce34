import Foundation
import Markup

/// A dataset of pages with gold article bodies in `../shared/corpus/extraction`, in either of
/// its two layouts: ScrapingHub's (`html/<id>.html.gz` and `ground-truth.json`) or the plain one
/// (`input/<id>.<ext>` beside `GoldStandard/<id>.txt`).
struct ExtractionDataset {
    struct Page {
        var id: String
        var bytes: [UInt8]
        var url: String?
        var gold: String
    }

    let pages: [Page]

    /// The ScrapingHub article-extraction benchmark.
    static func scrapinghub() throws -> ExtractionDataset {
        let root = Fixture.shared.appendingPathComponent("corpus/extraction/scrapinghub")
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("ground-truth.json"))) as? [String: [String: Any]] ?? [:]
        let pages = try truth.keys.sorted().map { id in
            let path = root.appendingPathComponent("html/\(id).html.gz").path
            guard let bytes = CompressedFile.read(path: path) else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path]) }
            return Page(id: id, bytes: bytes, url: truth[id]?["url"] as? String, gold: truth[id]?["articleBody"] as? String ?? "")
        }
        return ExtractionDataset(pages: pages)
    }

    /// A dataset in the plain layout, by its directory name under `corpus/extraction`.
    static func plain(_ name: String) throws -> ExtractionDataset {
        let root = Fixture.shared.appendingPathComponent("corpus/extraction/\(name)")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("input").path).sorted()
        let pages = try inputs.map { file in
            let id = (file as NSString).deletingPathExtension
            let gold = try String(contentsOf: root.appendingPathComponent("GoldStandard/\(id).txt"), encoding: .utf8)
            return Page(id: id, bytes: Array(try Data(contentsOf: root.appendingPathComponent("input/\(file)"))), url: nil, gold: gold)
        }
        return ExtractionDataset(pages: pages)
    }

    /// Macro-averaged token precision and recall (as `extraction_eval.py` computes them), and
    /// the pages whose output was empty.
    struct Score: CustomStringConvertible {
        var precision: Double
        var recall: Double
        var empty: [String]
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        var description: String {
            "F1 \(f1) (P \(precision), R \(recall)), empty: \(empty.isEmpty ? "none" : empty.joined(separator: ", "))"
        }
    }

    func score(_ extract: (Page) -> String?) -> Score {
        var precisions: [Double] = []
        var recalls: [Double] = []
        var empty: [String] = []
        for page in pages {
            let text = extract(page) ?? ""
            let score = TokenScore.score(predicted: text, gold: page.gold)
            if let precision = score.precision { precisions.append(precision) } else { empty.append(page.id) }
            recalls.append(score.recall)
        }
        return Score(precision: precisions.reduce(0, +) / Double(max(1, precisions.count)), recall: recalls.reduce(0, +) / Double(max(1, recalls.count)), empty: empty)
    }
}
