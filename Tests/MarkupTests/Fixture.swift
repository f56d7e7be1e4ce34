import Foundation

/// Reads a test fixture shipped with this test target.
enum Fixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        return Array(try Data(contentsOf: base.appendingPathComponent("Fixtures").appendingPathComponent(name)))
    }
}
