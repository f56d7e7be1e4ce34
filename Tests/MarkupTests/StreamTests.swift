import Markup
import Testing

/// What a streamed read delivers, in order: (depth, name, namespace, text, base, language).
private struct Delivery: Equatable {
    var depth: Int
    var name: String
    var namespace: String?
    var text: String
    var base: String?
    var language: String?

    init(_ node: MarkupNode, depth: Int) {
        self.depth = depth
        name = node.localName
        namespace = node.namespaceURI
        text = node.textContent
        base = node.baseURL
        language = node.language
    }
}

@Suite("Streaming one subtree at a time", .timeLimit(.minutes(1)))
struct StreamTests {
    /// Streams `bytes`, descending into the root's `channel`, and records every delivery.
    private func stream(_ bytes: [UInt8], url: String? = nil) throws(MarkupError) -> (root: String, deliveries: [Delivery]) {
        var root = ""
        var deliveries: [Delivery] = []
        _ = try MarkupStream.readXML(
            bytes, options: MarkupOptions(baseURL: url),
            root: { root = $0.localName },
            descend: { name, _, depth in depth == 1 && name == "channel" },
            visit: { node, depth in deliveries.append(Delivery(node, depth: depth)) }
        )
        return (root, deliveries)
    }

    /// The same deliveries computed from the whole tree.
    private func walk(_ bytes: [UInt8], url: String? = nil) throws -> [Delivery] {
        let document = try MarkupDocument.parseXML(bytes, options: MarkupOptions(baseURL: url))
        var deliveries: [Delivery] = []
        for child in try #require(document.root).elements {
            if child.localName == "channel" {
                deliveries += child.elements.map { Delivery($0, depth: 2) }
            } else {
                deliveries.append(Delivery(child, depth: 1))
            }
        }
        return deliveries
    }

    @Test("each channel child arrives whole, with inherited base, language and namespaces")
    func channelChildren() throws {
        let bytes = try Fixture.bytes("stream-channel.xml")
        let (root, deliveries) = try stream(bytes, url: "http://example.org/feed.xml")
        #expect(root == "rss")
        #expect(deliveries.map(\.name) == ["title", "item", "item", "item"])
        #expect(deliveries.allSatisfy { $0.depth == 2 })
        #expect(deliveries[0].text == "Stream & tree")
        #expect(deliveries[1].base == "http://example.org/blog/posts/")
        #expect(deliveries[1].language == "fr")
        #expect(deliveries[1].text == "Unone.htmlZoé")
        #expect(deliveries[2].text == "Deux\u{A0}!<p>A & B</p>")
        #expect(deliveries[3].language == "de")
        #expect(deliveries[3].text == "Dreiown namespace")
    }

    @Test("a stream delivers exactly what the tree holds", arguments: ["stream-channel.xml", "html-entities.xml", "junk-around-root.xml", "unclosed-tags.xml"])
    func sameAsTree(fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        #expect(try stream(bytes).deliveries == walk(bytes))
    }

    @Test("items of a truncated feed are delivered, the cut one last and partial")
    func truncated() throws {
        let (_, deliveries) = try stream(try Fixture.bytes("unclosed-tags.xml"))
        #expect(deliveries.map(\.name) == ["title", "item", "item"])
        #expect(deliveries[1].text == "Firstkept")
        #expect(deliveries.last?.text.hasPrefix("Second") == true)
    }

    @Test("thousands of items, each freed after its visit, all arrive in order")
    func manyItems() throws {
        let items = (0..<5_000).map { "<item><title>\($0)</title></item>\n" }.joined()
        let bytes = Array("<rss><channel>\(items)</channel></rss>".utf8)
        let (_, deliveries) = try stream(bytes)
        #expect(deliveries.count == 5_000)
        #expect(deliveries.map(\.text) == (0..<5_000).map(String.init))
    }

    /// The error a stream of `bytes` ends in, nil when it is read.
    private func failure(_ bytes: [UInt8]) -> MarkupError? {
        do {
            _ = try stream(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test("a node kept past its visit traps instead of reading whichever item came next")
    func keptNodeTraps() async {
        await #expect(processExitsWith: .failure) {
            var kept: MarkupNode?
            _ = try? MarkupStream.readXML(
                Array("<rss><channel><item>first</item><item>second</item></channel></rss>".utf8),
                root: { _ in }, descend: { name, _, depth in depth == 1 && name == "channel" },
                visit: { node, _ in kept = kept ?? node })
            _ = kept?.textContent
        }
    }

    @Test("hostile input fails the stream as it fails the tree")
    func hostile() throws {
        // Refused by libxml2's loop check or, first, by the expansion budget: either way an
        // entity-expansion error, never a result.
        let laughs = failure(try Fixture.bytes("billion-laughs.xml"))
        switch laughs {
        case .entityExpansion?, .entityExpansionLimit?: break
        default:
            Issue.record("billion laughs: expected an entity-expansion refusal, got \(String(describing: laughs))")
            return
        }
        let quadratic = failure(SecurityTests.quadraticBlowup())
        guard case .entityExpansionLimit? = quadratic else {
            Issue.record("quadratic blowup: expected entityExpansionLimit, got \(String(describing: quadratic))")
            return
        }
        let deep = failure(Array((String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)).utf8))
        guard case .tooDeep? = deep else {
            Issue.record("10,000-deep nesting: expected tooDeep, got \(String(describing: deep))")
            return
        }
    }
}
