import Foundation

/// Fixtures of this target and the shared corpora.
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        return Array(try Data(contentsOf: base.appendingPathComponent("Fixtures").appendingPathComponent(name)))
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
}

/// Token precision and recall as the benchmark scores them (bags of word tokens).
enum TokenScore {
    static func tokens(_ text: String) -> [String] {
        text.precomposedStringWithCompatibilityMapping
            .split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
            .map(String.init)
    }

    static func score(predicted: String, gold: String) -> (precision: Double?, recall: Double) {
        var goldCounts: [String: Int] = [:]
        for token in tokens(gold) { goldCounts[token, default: 0] += 1 }
        let predictedTokens = tokens(predicted)
        var common = 0
        var remaining = goldCounts
        for token in predictedTokens where (remaining[token] ?? 0) > 0 {
            remaining[token]! -= 1
            common += 1
        }
        let goldTotal = goldCounts.values.reduce(0, +)
        let precision = predictedTokens.isEmpty ? nil : Double(common) / Double(predictedTokens.count)
        return (precision, goldTotal == 0 ? 0 : Double(common) / Double(goldTotal))
    }
}
