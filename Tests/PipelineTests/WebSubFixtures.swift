import Foundation

/// The WebSub fixtures (`Fixtures/websub/`), with `BASE` standing for the test server's root.
enum WebSubFixtures {
    static func bytes(_ name: String, base: String = "") throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "Fixtures/websub/\(name)", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/websub/\(name)"])
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return Array(text.replacingOccurrences(of: "BASE", with: base).utf8)
    }

    /// The article page at `path`, its title and a marker naming it.
    static func article(_ path: String) throws -> [UInt8] {
        let name = path.split(separator: "/").last.map(String.init) ?? "page"
        let text = String(decoding: try bytes("article.html"), as: UTF8.self)
            .replacingOccurrences(of: "ARTICLE_TITLE", with: "Story \(name)")
            .replacingOccurrences(of: "ARTICLE_MARKER", with: "Body-of-story-\(name)")
        return Array(text.utf8)
    }

    /// A form body (`application/x-www-form-urlencoded`) as name → value (the last of a
    /// repeated name).
    static func form(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }
}
