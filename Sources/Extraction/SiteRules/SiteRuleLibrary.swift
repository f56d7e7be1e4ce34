import Foundation
import Synchronization

/// Rule files found in one or more directories, looked up by host as Full-Text RSS does:
/// `example.com.txt` for example.com and www.example.com, `.example.com.txt` for every
/// subdomain, and `global.txt` for every site, merged after the site's own rule.
///
/// A later directory wins: its file for a host replaces an earlier directory's file for the
/// same name. Files are read once, on first use of their host, and kept.
public final class SiteRuleLibrary: Sendable {
    /// The directories searched, in order of increasing precedence.
    public let directories: [URL]
    private let files: [String: URL]
    private let cache = Cache()

    /// Rules from `directories`; a directory that does not exist is skipped.
    public init(directories: [URL]) {
        self.directories = directories
        var files: [String: URL] = [:]
        for directory in directories {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names where name.hasSuffix(".txt") {
                files[String(name.dropLast(4)).lowercased()] = directory.appendingPathComponent(name)
            }
        }
        self.files = files
    }

    /// How many rule files the directories hold.
    public var count: Int { files.count }

    /// The file names (without `.txt`) tried for a host, most specific first.
    public static func candidateNames(for host: String) -> [String] {
        var host = host.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        guard !host.isEmpty else { return [] }
        var names = [host]
        var labels = host.split(separator: ".")
        // `.example.com` covers example.com's subdomains, and example.com itself.
        while labels.count >= 2 {
            names.append("." + labels.joined(separator: "."))
            labels.removeFirst()
        }
        return names
    }

    /// The rule file that applies to a host, without `global.txt`; nil when none does.
    public func siteFile(for host: String) -> URL? {
        SiteRuleLibrary.candidateNames(for: host).lazy.compactMap { self.files[$0] }.first
    }

    /// The rule for a host: its own file merged with `global.txt`; nil when neither exists.
    public func rule(for host: String) -> SiteRule? {
        let own = siteFile(for: host).flatMap(load)
        let global = files["global"].flatMap(load)
        switch (own, global) {
        case let (own?, global?): return own.merged(with: global)
        case let (own?, nil): return own
        case let (nil, global?): return global
        case (nil, nil): return nil
        }
    }

    /// The rule for the host of a URL.
    public func rule(forURL url: String) -> SiteRule? {
        guard let host = URLComponents(string: url)?.host else { return files["global"].flatMap(load) }
        return rule(for: host)
    }

    private func load(_ file: URL) -> SiteRule? {
        if let known = cache.rule(file.path) { return known }
        guard let data = try? Data(contentsOf: file) else { return nil }
        let rule = SiteRuleParser.parse(String(decoding: data, as: UTF8.self))
        cache.store(rule, for: file.path)
        return rule
    }
}

extension SiteRuleLibrary {
    /// Parsed rules by file path, shared by every extraction on every thread.
    final class Cache: Sendable {
        private let rules = Mutex<[String: SiteRule]>([:])

        func rule(_ path: String) -> SiteRule? { rules.withLock { $0[path] } }

        func store(_ rule: SiteRule, for path: String) { rules.withLock { $0[path] = rule } }
    }
}
