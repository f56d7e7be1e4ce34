import ArgumentParser
import Extraction
import Foundation
import Markup

/// Article extraction time per page, in one process, over the ScrapingHub benchmark pages.
struct ExtractBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extract", abstract: "Extraction time per page (ms).")

    @Option(help: "The benchmark directory (ground-truth.json and html/*.html.gz).")
    var dataset: String = "../shared/corpus/extraction/scrapinghub"

    @Option(help: "Timed passes over all pages (each page's median is used).")
    var runs: Int = 5

    func run() throws {
        let root = URL(fileURLWithPath: dataset)
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("html").path).filter { $0.hasSuffix(".html.gz") || $0.hasSuffix(".html") }.sorted()
        var pages: [[UInt8]] = []
        for name in names {
            let url = root.appendingPathComponent("html").appendingPathComponent(name)
            guard let bytes = CompressedFile.read(path: url.path) else { throw CocoaError(.fileReadUnknown) }
            pages.append(bytes)
        }
        var perPage: [Double] = []
        var fastest: [Double] = []
        for page in pages {
            let seconds = Measure.median(runs: runs) { _ = try? ArticleExtractor.extract(page) }
            perPage.append(seconds * 1000)
            fastest.append(Measure.fastest(of: runs) { _ = try? ArticleExtractor.extract(page) } * 1000)
        }
        perPage.sort()
        fastest.sort()
        let total = perPage.reduce(0, +)
        let bytes = pages.reduce(0) { $0 + $1.count }
        // The second median is of each page's fastest run: on a shared machine it moves least
        // with what else runs, so it is the one to compare between builds.
        print("pages  median ms  p90 ms  max ms  mean ms  MB/s  median of fastest ms")
        print(
            String(pages.count).padding(toLength: 7, withPad: " ", startingAt: 0),
            String(format: "%8.2f", perPage[perPage.count / 2]),
            String(format: "%7.2f", perPage[perPage.count * 9 / 10]),
            String(format: "%7.2f", perPage.last ?? 0),
            String(format: "%8.2f", total / Double(pages.count)),
            String(format: "%5.1f", Double(bytes) / 1_000_000 / (total / 1000)),
            String(format: "%21.2f", fastest[fastest.count / 2])
        )
    }
}
