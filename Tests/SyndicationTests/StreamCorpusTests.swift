import Foundation
import Markup
import Testing

/// The streamed subtrees answer every question exactly as libxml2's tree does, on every XML
/// feed of the shared corpus: the readers never know which one they were given.
@Suite("Streamed subtrees against the tree, over the corpus")
struct StreamCorpusTests {
    /// Everything the public node API says about a node and its descendants, as text.
    private static func describe(_ node: MarkupNode, into output: inout String, top: Bool) {
        switch node.kind {
        case .element:
            output += "<\(node.localName) ns=\(node.namespaceURI ?? "-") prefix=\(node.prefix ?? "-") line=\(node.line)"
            output += " base=\(node.baseURL ?? "-") lang=\(node.language ?? "-") parent=\(node.parent?.localName ?? "-")"
            for attribute in node.attributes {
                output += " \(attribute.namespaceURI ?? "")|\(attribute.localName)=\(attribute.value)"
                // The lookup by name must find what the listing shows.
                if node.attribute(attribute.localName, namespace: attribute.namespaceURI) != attribute.value {
                    output += "(lookup differs)"
                }
            }
            for declaration in node.namespaceDeclarations {
                output += " xmlns:\(declaration.prefix ?? "")=\(declaration.uri)"
            }
            output += " text=\(node.textContent)>"
            if top { output += " html=\(node.innerHTML)" }
            for child in node.children {
                describe(child, into: &output, top: false)
            }
            output += "</\(node.localName)>"
        case .text:
            output += "[\(node.ownContent ?? "")]"
        case .comment:
            output += "<!---->"
        case .other:
            // Processing instructions are not kept by the stream; readers skip them.
            break
        }
    }

    private static func descends(_ name: String, _ depth: Int) -> Bool {
        depth == 1 && name == "channel"
    }

    private static func streamed(_ bytes: [UInt8], url: String) -> [String]? {
        var items: [String] = []
        let read = try? MarkupStream.readXML(
            bytes, options: MarkupOptions(baseURL: url), root: { _ in },
            descend: { name, _, depth in descends(name, depth) },
            visit: { node, depth in
                var text = "\(depth) "
                describe(node, into: &text, top: true)
                items.append(text)
            })
        return read == nil ? nil : items
    }

    private static func walked(_ bytes: [UInt8], url: String) -> [String]? {
        guard let root = (try? MarkupDocument.parseXML(bytes, options: MarkupOptions(baseURL: url)))?.root else { return nil }
        var items: [String] = []
        func walk(_ parent: MarkupNode, depth: Int) {
            for child in parent.elements {
                if descends(child.localName, depth) {
                    walk(child, depth: depth + 1)
                } else {
                    var text = "\(depth) "
                    describe(child, into: &text, top: true)
                    items.append(text)
                }
            }
        }
        walk(root, depth: 1)
        return items
    }

    @Test("every item of every XML feed in the corpus reads the same streamed as from the tree")
    func corpus() throws {
        let root = Fixture.shared.appendingPathComponent("corpus/feeds")
        let files = (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
            .filter { ["xml", "rss", "atom", "rdf"].contains($0.pathExtension.lowercased()) }
        try #require(files.count > 2000, "the corpus at \(root.path) is missing")
        var compared = 0
        var items = 0
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            let url = "http://example.org/feeds/\(file.lastPathComponent)"
            let stream = Self.streamed(bytes, url: url)
            let tree = Self.walked(bytes, url: url)
            #expect((stream == nil) == (tree == nil), "\(file.path): one read failed, the other did not")
            guard let stream, let tree else { continue }
            compared += 1
            items += tree.count
            #expect(stream.count == tree.count, "\(file.path): \(stream.count) items streamed, \(tree.count) in the tree")
            for (streamed, walked) in zip(stream, tree) where streamed != walked {
                Issue.record("\(file.path):\nstream: \(streamed.prefix(2000))\ntree:   \(walked.prefix(2000))")
                break
            }
        }
        #expect(compared > 2000 && items > 2_500, "\(compared) files, \(items) items")
    }
}
