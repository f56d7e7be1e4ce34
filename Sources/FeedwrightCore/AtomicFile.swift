import Foundation

/// Writes files so that readers only ever see the old or the new content, never a partial one:
/// the bytes go to a temporary file, are flushed, and replace the target with `rename(2)`,
/// which is atomic within one file system.
public enum AtomicFile {
    /// Writes `bytes` to `path`. The temporary file goes to `staging` (default: the target's
    /// directory), which must be on the same file system; staging elsewhere keeps a process
    /// killed mid-write from leaving a partial file beside the published ones.
    public static func write(_ bytes: [UInt8], to path: String, staging: String? = nil) throws {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let stagingDirectory = staging.map { URL(fileURLWithPath: $0) } ?? directory
        try FileManager.default.createDirectory(at: stagingDirectory, withIntermediateDirectories: true)
        let temporary = stagingDirectory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary.path, target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
