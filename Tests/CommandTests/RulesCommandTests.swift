import Foundation
import Testing

/// `feedwright rules update` and `rules test` through the real binary, on local archives and
/// fixtures (no network here).
@Suite("rules update and rules test", .timeLimit(.minutes(1)))
struct RulesCommandTests {
    static func temporary(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// An archive shaped like GitHub's: one top folder holding the rule files and a README.
    static func archive(rules: [String: String], in directory: String) throws -> String {
        let top = (directory as NSString).appendingPathComponent("ftr-site-config-master")
        try FileManager.default.createDirectory(atPath: top, withIntermediateDirectories: true)
        for (name, text) in rules { try text.write(toFile: (top as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try "not a rule".write(toFile: (top as NSString).appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let archive = (directory as NSString).appendingPathComponent("master.tar.gz")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-czf", archive, "-C", directory, "ftr-site-config-master"]
        try tar.run()
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)
        return archive
    }

    @Test("update installs an archive's rule files; a bad archive leaves them in place")
    func update() throws {
        let scratch = try Self.temporary("rules-archive"), workspace = try Self.temporary("rules-workspace")
        defer { try? FileManager.default.removeItem(atPath: scratch); try? FileManager.default.removeItem(atPath: workspace) }
        let archive = try Self.archive(rules: ["example.com.txt": "body: //article\n", ".example.org.txt": "title: //h1\n", "global.txt": "strip: //nav\n"], in: scratch)
        let installed = try CommandTests.run(["rules", "update", "--from", archive, "--workspace", workspace])
        #expect(installed.status == 0, "\(installed.errors)")
        #expect(installed.output.contains("installed 3 rule files"))
        let directory = (workspace as NSString).appendingPathComponent("site-rules")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == [".example.org.txt", "example.com.txt", "global.txt"])
        let broken = (scratch as NSString).appendingPathComponent("broken.tar.gz")
        try "this is not gzip".write(toFile: broken, atomically: true, encoding: .utf8)
        let failed = try CommandTests.run(["rules", "update", "--from", broken, "--workspace", workspace])
        #expect(failed.status != 0)
        #expect(failed.errors.contains("broken.tar.gz"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == 3)
        // A directory of rules works too, and replaces the set wholesale.
        let plain = try Self.temporary("rules-plain")
        defer { try? FileManager.default.removeItem(atPath: plain) }
        try "body: //main\n".write(toFile: (plain as NSString).appendingPathComponent("news.example.txt"), atomically: true, encoding: .utf8)
        #expect(try CommandTests.run(["rules", "update", "--from", plain, "--workspace", workspace]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["news.example.txt"])
    }

    @Test("test shows the rule, warns of unknown lines, and applies it to a saved page")
    func testOnPage() throws {
        let scratch = try Self.temporary("rules-test")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let page = (scratch as NSString).appendingPathComponent("page.html")
        let story = try String(contentsOfFile: try CommandTests.fixture("site/story.html"), encoding: .utf8)
            .replacingOccurrences(of: "PART_TEXT", with: "The saved part").replacingOccurrences(of: "NEXT_LINK", with: "")
        try story.write(toFile: page, atomically: true, encoding: .utf8)
        let rule = try CommandTests.fixture("site-rules/127.0.0.1.txt")
        let result = try CommandTests.run(["rules", "test", rule, "--page", page])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("body: 1"))
        #expect(result.output.contains("read, not used by Feedwright: tidy"))
        #expect(result.output.contains("warning: line 7:"))
        #expect(result.output.contains("body from: site rule"))
        #expect(result.output.contains("The saved part"))
        #expect(!result.output.contains("Another story entirely"))
    }

    @Test("test runs the rule's test_urls; an unreachable one is reported, not failed; an unknown host is an error")
    func testURLs() throws {
        let rule = try CommandTests.fixture("site-rules/127.0.0.1.txt")
        let result = try CommandTests.run(["rules", "test", rule])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("skip  http://127.0.0.1:1/unreachable"))
        let directory = URL(fileURLWithPath: rule).deletingLastPathComponent().path
        let unknown = try CommandTests.run(["rules", "test", "nowhere.example", "--site-rules", directory])
        #expect(unknown.status != 0)
        #expect(unknown.errors.contains("no rule for nowhere.example"))
    }
}
