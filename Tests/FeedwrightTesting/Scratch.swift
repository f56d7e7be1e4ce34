import Foundation
import Testing

/// Directories for the files a test writes, under one directory per test that is removed when
/// the test ends, passed or failed: a run of the suites leaves nothing in the system's
/// temporary directory.
///
/// A test (or its suite) opts in with the ``Testing/Trait/scratch`` trait; ``directory(_:)``
/// outside such a test throws rather than leave files behind.
public enum Scratch {
    /// The running test's directory, set by ``ScratchTrait`` for the test's task tree.
    @TaskLocal static var root: URL?

    /// Why a scratch directory could not be made.
    public struct Unscoped: Error, CustomStringConvertible {
        /// What went wrong, and the trait that sets it right.
        public var description: String { "Scratch.directory was called outside a test with the .scratch trait" }
    }

    /// A new, empty directory named `name` (and a unique suffix, so that a test may ask for
    /// several of one name) inside the running test's scratch directory.
    public static func directory(_ name: String) throws -> URL {
        guard let root else { throw Unscoped() }
        let url = root.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Gives each test it applies to a scratch directory of its own (``Scratch``), and removes the
/// directory with everything in it when the test ends.
public struct ScratchTrait: TestTrait, SuiteTrait, TestScoping {
    /// Every test of a suite the trait is put on gets one.
    public var isRecursive: Bool { true }

    /// Runs one test with a new directory as ``Scratch``'s root, and removes the directory
    /// after it.
    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        // The suite itself is not a test: its tests get the directories.
        guard !test.isSuite else {
            try await function()
            return
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("feedwright-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try await Scratch.$root.withValue(root) { try await function() }
    }
}

extension Trait where Self == ScratchTrait {
    /// A scratch directory for each test, removed when it ends (``Scratch``).
    public static var scratch: Self { ScratchTrait() }
}
