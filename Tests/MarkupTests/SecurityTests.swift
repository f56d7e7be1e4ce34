import Foundation
import Markup
import Testing

@Suite("Hostile XML never crashes, leaks files or runs away")
struct SecurityTests {
    @Test("an external file: entity is never loaded")
    func externalEntityIsNotLoaded() throws {
        let document = try MarkupDocument.parseXML(try Fixture.bytes("xxe-file-entity.xml"))
        let title = try #require(document.root?.elements.first?.elements.first)
        #expect(!title.textContent.contains("root:"))
        #expect(title.textContent.contains("before"))
    }

    @Test("an external parameter entity is never loaded")
    func externalParameterEntityIsNotLoaded() throws {
        let document = try MarkupDocument.parseXML(try Fixture.bytes("xxe-parameter-entity.xml"))
        let hostname = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = document.root?.textContent ?? ""
        #expect(text.contains("parameter"))
        if let hostname, !hostname.isEmpty {
            #expect(!text.contains(hostname) || "parameter".contains(hostname))
        }
    }

    @Test("billion laughs fails fast with an entity-expansion error")
    func billionLaughs() throws {
        let bytes = try Fixture.bytes("billion-laughs.xml")
        let start = ContinuousClock.now
        do {
            _ = try MarkupDocument.parseXML(bytes)
            Issue.record("billion laughs parsed")
        } catch {
            switch error {
            case .entityExpansion, .entityExpansionLimit: break
            default: Issue.record("expected an entity-expansion refusal, got \(error)")
            }
        }
        // Not a timing assertion on speed, only a guard that expansion did not run away.
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    /// One entity of `entityBytes` referenced `references` times (where: in text or an attribute).
    static func quadraticBlowup(entityBytes: Int = 100_000, references: Int = 10_000, inAttribute: Bool = false) -> [UInt8] {
        let refs = String(repeating: "&big;", count: references)
        let body = inAttribute ? "<item title=\"\(refs)\"/>" : "<item>\(refs)</item>"
        return Array("<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY big \"\(String(repeating: "x", count: entityBytes))\">]><feed>\(body)</feed>".utf8)
    }

    @Test("quadratic blowup (one large entity referenced thousands of times) is refused, tree and stream")
    func quadraticBlowup() throws {
        let bytes = Self.quadraticBlowup()
        #expect(bytes.count < 200_000)
        for inAttribute in [false, true] {
            let input = inAttribute ? Self.quadraticBlowup(inAttribute: true) : bytes
            #expect(throws: MarkupError.self) { _ = try MarkupDocument.parseXML(input) }
            do {
                _ = try MarkupDocument.parseXML(input)
            } catch {
                guard case let .entityExpansionLimit(limit, line, _) = error else {
                    Issue.record("expected entityExpansionLimit, got \(error)")
                    continue
                }
                #expect(limit == MarkupOptions.defaultMaxEntityExpansion)
                #expect(line == 1)
                #expect(error.description.contains("\(limit)-byte limit"))
            }
            var visited = 0
            do {
                _ = try MarkupStream.readXML(input, root: { _ in }, descend: { _, _, _ in false }, visit: { _, _ in visited += 1 })
                Issue.record("the stream read quadratic blowup")
            } catch {
                guard case .entityExpansionLimit = error else {
                    Issue.record("expected entityExpansionLimit from the stream, got \(error)")
                    continue
                }
            }
        }
    }

    @Test("a parameter entity replayed thousands of times in the DTD is refused too")
    func parameterEntityBlowup() {
        let comment = "<!-- " + String(repeating: "p", count: 100_000) + " -->"
        let xml = "<!DOCTYPE r [<!ENTITY % big \"\(comment)\">\(String(repeating: "%big;", count: 10_000))]><r/>"
        do {
            _ = try MarkupDocument.parseXML(Array(xml.utf8))
            Issue.record("the parameter entities were replayed")
        } catch {
            guard case .entityExpansionLimit = error else {
                Issue.record("expected entityExpansionLimit, got \(error)")
                return
            }
        }
    }

    @Test("expansion through a middle entity is charged in full")
    func nestedBlowup() {
        let tenK = String(repeating: "y", count: 10_000)
        let xml = "<!DOCTYPE r [<!ENTITY a \"\(tenK)\"><!ENTITY b \"\(String(repeating: "&a;", count: 10))\">]><r>\(String(repeating: "&b;", count: 1_000))</r>"
        #expect(throws: MarkupError.self) { _ = try MarkupDocument.parseXML(Array(xml.utf8)) }
    }

    @Test("entities used as feeds use them expand, within the budget and past the floor by ratio")
    func modestEntities() throws {
        let xml = "<!DOCTYPE r [<!ENTITY brand \"Feedwright news\">]><r>\(String(repeating: "<p>&brand;</p>", count: 2_000))</r>"
        let document = try MarkupDocument.parseXML(Array(xml.utf8))
        #expect(document.root?.elements.first?.textContent == "Feedwright news")
        // 15 bytes x 2,000 fits the 1 MiB floor; a 64 KiB floor still admits it by ratio (5x input).
        let tight = MarkupOptions(maxEntityExpansion: 1_024)
        let ratioDocument = try MarkupDocument.parseXML(Array(xml.utf8), options: tight)
        #expect(ratioDocument.root.map { Array($0.elements).count } == 2_000)
        // With no allowance at all, the first reference already passes the cap.
        #expect(throws: MarkupError.self) { _ = try MarkupDocument.parseXML(Array(xml.utf8), options: MarkupOptions(maxEntityExpansion: 0, maxEntityAmplification: 0)) }
    }

    @Test("declared internal entities still expand")
    func internalEntity() throws {
        let document = try MarkupDocument.parseXML(try Fixture.bytes("internal-entity.xml"))
        #expect(document.root?.textContent == "Feedwright news")
    }

    @Test("10,000-deep nesting gives a clear error, not a stack overflow")
    func deepNesting() {
        let depth = 10_000
        let xml = "<rss>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</rss>"
        do {
            _ = try MarkupDocument.parseXML(Array(xml.utf8))
            Issue.record("deep document parsed")
        } catch {
            #expect(error.description.contains("nest"))
        }
    }

    @Test("10,000-deep HTML is parsed and serialised without recursion blowing up")
    func deepHTML() throws {
        let html = "<html><body>" + String(repeating: "<div>", count: 10_000) + "deep" + String(repeating: "</div>", count: 10_000) + "</body></html>"
        let document = try MarkupDocument.parseHTML(Array(html.utf8))
        #expect(document.diagnostics.contains { $0.message.contains("depth") })
        let root = try #require(document.root)
        _ = root.innerHTML
        _ = HTMLText.plainText(of: root)
    }

    @Test("a page whose menu leaves 300 elements open is read to its end: libxml2's default limit of 256 would drop the story after the menu")
    func deepMenuThenStory() throws {
        let menu = (0..<300).map { "<font size=1><a href=\"/c/\($0)\">Section \($0)</a><br>" }.joined(separator: "\n")
        let html = "<html><body><div id=menu>" + menu + "</div><div id=story><p>The story after the menu.</p></div></body></html>"
        let document = try MarkupDocument.parseHTML(Array(html.utf8))
        #expect(!document.diagnostics.contains { $0.message.contains("depth") })
        let story = try #require(document.root?.descendants(limit: 5_000).first { $0.attribute("id") == "story" })
        #expect(story.textContent == "The story after the menu.")
    }

    @Test("input over the size limit is refused before parsing")
    func sizeLimit() {
        let bytes = [UInt8](repeating: UInt8(ascii: " "), count: 2048) + Array("<rss/>".utf8)
        #expect(throws: MarkupError.tooLarge(bytes: bytes.count, limit: 1024)) {
            _ = try MarkupDocument.parseXML(bytes, options: MarkupOptions(maxBytes: 1024))
        }
    }

    @Test("empty and blank input is an error, not a crash")
    func empty() {
        #expect(throws: MarkupError.empty) { _ = try MarkupDocument.parseXML([]) }
        #expect(throws: MarkupError.empty) { _ = try MarkupDocument.parseXML(Array("  \n\t".utf8)) }
        #expect(throws: MarkupError.empty) { _ = try MarkupDocument.parseHTML([]) }
    }

    @Test("garbage that is not markup gives an error with a position")
    func garbage() {
        do throws(MarkupError) {
            _ = try MarkupDocument.parseXML(Array("this is not xml at all".utf8))
            Issue.record("expected an error")
        } catch {
            if case let .malformed(_, line, _) = error {
                #expect(line >= 1)
            } else {
                Issue.record("expected malformed, got \(error)")
            }
        }
    }
}

@Suite("Inputs the fuzzer found stay fixed")
struct FuzzRegressionTests {
    /// `Tests/FuzzRegressions/<target>/`, which `scripts/fuzz` also replays under
    /// AddressSanitizer (leaks included) before every run.
    static func inputs(_ target: String) throws -> [URL] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("FuzzRegressions/\(target)")
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
    }

    @Test("a feed in ISO-8859-7 (an encoding libxml2 reaches through iconv) is decoded; the handler asked about is closed")
    func iconvFeed() throws {
        let files = try Self.inputs("feed")
        #expect(!files.isEmpty)
        for file in files {
            let document = try MarkupDocument.parseXML(Array(try Data(contentsOf: file)))
            let text = document.root?.textContent ?? ""
            #expect(!text.contains("\u{FFFD}"), "\(file.lastPathComponent)")
            #expect(text.unicodeScalars.contains { (0x0370...0x03FF).contains($0.value) }, "Greek letters decoded in \(file.lastPathComponent)")
        }
    }

    @Test("a page whose meta charset is junk still parses")
    func junkCharset() throws {
        for file in try Self.inputs("html") {
            let document = try MarkupDocument.parseHTML(Array(try Data(contentsOf: file)))
            #expect(document.root != nil, "\(file.lastPathComponent)")
        }
    }
}
