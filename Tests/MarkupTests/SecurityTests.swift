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
            guard case .entityExpansion = error else {
                Issue.record("expected entityExpansion, got \(error)")
                return
            }
        }
        // Not a timing assertion on speed, only a guard that expansion did not run away.
        #expect(ContinuousClock.now - start < .seconds(30))
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
