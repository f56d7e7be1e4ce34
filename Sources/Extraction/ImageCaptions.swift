import Markup

/// The captions a page writes from an image's `alt` (`<img alt="X"><span>X</span>`, or the
/// image in one block and `X` in the next): by the block a run of the caption would be in,
/// the alternative texts it would say again.
///
/// Read from the images' side, once per body: each image's blocks a few levels up, and the
/// element after each, are where its caption stands, so a run is looked up, not searched for.
struct ImageCaptions {
    private var texts: [MarkupNode: Set<String>] = [:]

    /// Levels above an image whose elements, and the element after each, may hold its caption.
    static let levels = 3
    /// Elements of the containers looked at for images, at most.
    static let searched = 200_000

    init(in containers: [MarkupNode]) {
        for container in containers {
            for node in container.descendants(limit: Self.searched) where node.localName == "img" {
                // Collapsed as the walker collapses a run's text, so that the two compare.
                guard let text = node.attribute("alt").flatMap(HTMLText.collapseWhitespace) else { continue }
                // The image itself first: its caption may be the element right after it.
                var box: MarkupNode? = node
                for _ in 0...Self.levels {
                    guard let here = box else { break }
                    texts[here, default: []].insert(text)
                    // Up to the container itself (an image among its own runs), not beyond.
                    if here.isSameNode(as: container) { break }
                    if let next = Self.nextElement(after: here) { texts[next, default: []].insert(text) }
                    box = here.parent
                }
            }
        }
    }

    /// Whether `paragraph` says again, word for word, the alternative text of an image in its
    /// block or the block before: the image's caption. A sentence of the story is not an
    /// image's description, and a reader has the caption beside the image in the HTML.
    func repeatsImageText(_ paragraph: Paragraph) -> Bool {
        texts[paragraph.owner]?.contains(paragraph.text) == true
    }

    /// The element after `node` among its siblings.
    private static func nextElement(after node: MarkupNode) -> MarkupNode? {
        var sibling = node.nextSibling
        while let here = sibling, here.kind != .element { sibling = here.nextSibling }
        return sibling
    }
}
