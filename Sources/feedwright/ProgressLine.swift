import Foundation
import Synchronization

/// A single self-overwriting progress line on a terminal, redrawn at most ten times a second.
final class ProgressLine: Sendable {
    private let lastDrawn = Mutex<ContinuousClock.Instant?>(nil)

    func show(done: Int, total: Int) {
        let now = ContinuousClock.now
        let draw = lastDrawn.withLock { last -> Bool in
            guard done == total || last.map({ now - $0 >= .milliseconds(100) }) ?? true else { return false }
            last = now
            return true
        }
        if draw { FileHandle.standardOutput.write(Data("\r\u{1B}[Kpolling: \(done)/\(total) source(s)".utf8)) }
    }

    func clear() {
        FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8))
    }
}
