import Foundation

/// Installs a collection of site rules (the ftr-site-config archive, or a directory of rule
/// files) into a workspace's `site-rules/`, replacing what was there in one step: the new
/// files are gathered beside it and swapped in by renames, so a failed or partial archive
/// leaves the old rules in place.
public struct SiteRuleInstaller: Sendable {
    /// Where the rules go.
    public var destination: String
    /// Where the new rules are gathered before the swap (on the same file system).
    public var staging: String

    /// The public-domain collection Full-Text RSS and wallabag read.
    public static let defaultArchive = "https://github.com/fivefilters/ftr-site-config/archive/refs/heads/master.tar.gz"

    /// Installs into `workspace`'s `site-rules/`, staging under its `.state/`.
    public init(workspace: Workspace) {
        destination = workspace.siteRulesDirectory
        staging = (workspace.stagingDirectory as NSString).appendingPathComponent("site-rules")
    }

    /// Installs the rule files of `source`: a directory, or an archive file (`.tar.gz`, `.tgz`,
    /// `.tar`, `.zip`). Returns how many rule files were installed.
    /// - Throws: ``SiteRuleInstallError``; the installed rules are then unchanged.
    public func install(from source: String) throws(SiteRuleInstallError) -> Int {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: source, isDirectory: &isDirectory) else { throw .missing(source) }
        try? manager.removeItem(atPath: staging)
        let unpacked = staging + ".unpacked"
        try? manager.removeItem(atPath: unpacked)
        defer { try? manager.removeItem(atPath: unpacked) }
        var tree = source
        if !isDirectory.boolValue {
            try SiteRuleInstaller.unpack(source, into: unpacked)
            tree = unpacked
        }
        guard let rules = SiteRuleInstaller.ruleDirectory(in: tree) else { throw .noRules(source) }
        do {
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
            var count = 0
            for name in try manager.contentsOfDirectory(atPath: rules) where SiteRuleInstaller.isRuleFile(name) {
                let path = (rules as NSString).appendingPathComponent(name)
                // Only regular files: a link in an archive could point anywhere on the disk.
                let attributes = try manager.attributesOfItem(atPath: path)
                guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                try manager.copyItem(atPath: path, toPath: (staging as NSString).appendingPathComponent(name))
                count += 1
            }
            let previous = destination + ".previous"
            try? manager.removeItem(atPath: previous)
            if manager.fileExists(atPath: destination) { try manager.moveItem(atPath: destination, toPath: previous) }
            try manager.moveItem(atPath: staging, toPath: destination)
            try? manager.removeItem(atPath: previous)
            return count
        } catch {
            try? manager.removeItem(atPath: staging)
            throw .unwritable(destination, "\(error)")
        }
    }

    /// Rule files are `host.txt`; the collection's README and licence are not rules.
    static func isRuleFile(_ name: String) -> Bool {
        name.hasSuffix(".txt") && !name.hasPrefix("LICENSE") && !name.hasPrefix("README") && name.count > 4
    }

    /// The directory of the tree holding the most rule files (an archive's top folder,
    /// `ftr-site-config-master/`, or the tree itself).
    static func ruleDirectory(in tree: String) -> String? {
        let manager = FileManager.default
        var best: (path: String, count: Int)?
        var queue = [(tree, 0)]
        while let (directory, depth) = queue.popLast() {
            guard let names = try? manager.contentsOfDirectory(atPath: directory) else { continue }
            let count = names.filter(isRuleFile).count
            if count > best?.count ?? 0 { best = (directory, count) }
            guard depth < 3 else { continue }
            for name in names where !name.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                let path = (directory as NSString).appendingPathComponent(name)
                if manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { queue.append((path, depth + 1)) }
            }
        }
        return best?.path
    }

    /// Unpacks an archive with the system's `tar` (or `unzip`), which refuse members that
    /// would land outside the target directory.
    static func unpack(_ archive: String, into directory: String) throws(SiteRuleInstallError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .unwritable(directory, "\(error)")
        }
        let lower = archive.lowercased()
        let arguments: [String]
        if lower.hasSuffix(".zip") {
            arguments = ["unzip", "-q", "-o", archive, "-d", directory]
        } else if lower.hasSuffix(".tar.gz") || lower.hasSuffix(".tgz") || lower.hasSuffix(".tar") {
            arguments = ["tar", "-x", "--no-same-owner", "--no-same-permissions", "-f", archive, "-C", directory]
        } else {
            throw .unknownArchive(archive)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .unpackFailed(archive, "cannot run \(arguments[0]): \(error)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .unpackFailed(archive, String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}

/// Why site rules could not be installed; the rules in place are then unchanged.
public enum SiteRuleInstallError: Error, Sendable, CustomStringConvertible {
    case missing(String)
    /// Neither a directory nor a `.tar.gz`, `.tgz`, `.tar` or `.zip` file.
    case unknownArchive(String)
    /// `tar` or `unzip` failed: the archive and what the tool said.
    case unpackFailed(String, String)
    /// The archive or directory holds no rule files.
    case noRules(String)
    case unwritable(String, String)

    public var description: String {
        switch self {
        case let .missing(path): return "\(path): no such file or directory"
        case let .unknownArchive(path): return "\(path): not a directory or a .tar.gz, .tgz, .tar or .zip archive"
        case let .unpackFailed(path, reason): return "\(path): cannot unpack: \(reason)"
        case let .noRules(path): return "\(path): holds no rule files (host.txt)"
        case let .unwritable(path, reason): return "\(path): cannot write: \(reason)"
        }
    }
}
