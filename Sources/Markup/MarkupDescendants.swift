/// The elements below a node, depth first in document order, at most `limit` of them: how a
/// reader looks inside a small part of a page (a byline's marks, a header's headings) with
/// work bounded on any page, however large the part turns out to be.
public struct MarkupDescendants: Sequence {
    let root: MarkupNode
    let limit: Int

    /// Walks an explicit stack, not the call stack: a hostile page may nest deeper than any
    /// recursion should go.
    public struct Iterator: IteratorProtocol {
        var pending: [MarkupNode]
        var remaining: Int

        public mutating func next() -> MarkupNode? {
            guard remaining > 0, let node = pending.popLast() else { return nil }
            remaining -= 1
            pending.append(contentsOf: node.elements.reversed())
            return node
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(pending: root.elements.reversed(), remaining: limit)
    }
}

extension MarkupNode {
    /// The elements below this one (itself excluded), depth first in document order, the
    /// first `limit` of them.
    public func descendants(limit: Int) -> MarkupDescendants {
        MarkupDescendants(root: self, limit: limit)
    }

    /// Whether this node is one of `nodes` or lies inside one of them. The walk up the parents
    /// stops as deep as libxml2 builds a tree (``SecureParsing/maxDepth``).
    public func isWithin(_ nodes: [MarkupNode]) -> Bool {
        var current: MarkupNode? = self
        var depth = 0
        while let here = current, depth <= SecureParsing.maxDepth {
            if nodes.contains(here) { return true }
            current = here.parent
            depth += 1
        }
        return false
    }
}
