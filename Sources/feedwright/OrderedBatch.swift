import FeedwrightCore
import Foundation

/// One JSON line per input, produced on every core and printed in the order given: `parse`
/// and `extract` with `--jsonl`.
///
/// Reading and converting an input is pure, so the only order to keep is the output's. A
/// sliding window keeps up to `width` inputs in flight; a line that finishes early waits for
/// those before it, so one slow input holds up the printing, never the work.
enum OrderedBatch {
    /// Runs `line` for every input and prints the lines in order; returns how many failed.
    static func run(_ inputs: [String], width: Int = 2 * ProcessorCores.active, line: @escaping @Sendable (String) async -> (bytes: [UInt8], ok: Bool)) async -> Int {
        await withTaskGroup(of: (Int, [UInt8], Bool).self) { group in
            var failures = 0
            var started = 0
            var nextToPrint = 0
            var finished: [Int: ([UInt8], Bool)] = [:]
            func start() {
                let index = started
                let argument = inputs[index]
                group.addTask {
                    let (bytes, ok) = await line(argument)
                    return (index, bytes, ok)
                }
                started += 1
            }
            while started < min(width, inputs.count) { start() }
            for await (index, bytes, ok) in group {
                finished[index] = (bytes, ok)
                while let (bytes, ok) = finished.removeValue(forKey: nextToPrint) {
                    JSONLine.print(bytes)
                    if !ok { failures += 1 }
                    nextToPrint += 1
                }
                if started < inputs.count { start() }
            }
            return failures
        }
    }
}
