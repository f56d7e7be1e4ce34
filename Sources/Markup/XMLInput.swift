internal import CLibXML2

/// Turns the bytes publishers really serve into input libxml2's XML parser can read whole.
///
/// Feeds in the wild use HTML entities XML never defined (`&nbsp;`, `&eacute;`), leave
/// ampersands unescaped in URLs, and put blank lines or junk before the XML declaration. A strict
/// parser loses text at each of those; this pass rewrites just those spots so that nothing is
/// lost, and reports each rewrite as a warning.
struct XMLInput {
    var bytes: [UInt8]
    var encoding: String
    var notes: [MarkupDiagnostic]

    static func prepare(_ raw: consuming [UInt8], encodingHint: String?) -> XMLInput {
        let decision = TextEncodingSniffer.decide(consume raw, hint: encodingHint, declared: declaredEncoding)
        var notes = decision.notes
        var bytes = decision.bytes
        if let start = bytes.firstIndex(of: UInt8(ascii: "<")), start > 0 {
            if bytes[..<start].contains(where: { !isASCIIWhitespace($0) }) {
                notes.append(MarkupDiagnostic(severity: .warning, message: "\(start) byte(s) of junk before the first tag ignored", line: 1, column: 1))
            }
            bytes.removeSubrange(..<start)
        }
        dropMisplacedDeclaration(&bytes, notes: &notes)
        if let repaired = EntityRepair.repair(bytes) {
            bytes = repaired.bytes
            if repaired.count > 0 {
                notes.append(MarkupDiagnostic(severity: .warning, message: "\(repaired.count) undefined entity or bare '&' reference(s) repaired", line: repaired.firstLine, column: 0))
            }
        }
        return XMLInput(bytes: bytes, encoding: decision.encoding, notes: notes)
    }

    /// Removes an XML declaration that follows comments or white space: only the very start of
    /// a document may hold one, and the encoding it names has already been taken into account.
    static func dropMisplacedDeclaration(_ bytes: inout [UInt8], notes: inout [MarkupDiagnostic]) {
        guard !bytes.starts(with: Array("<?xml".utf8)) else { return }
        let window = bytes.prefix(4096)
        let pattern = Array("<?xml".utf8)
        var index = 0
        while index + pattern.count < window.count {
            if window[index] == pattern[0] && window[index..<(index + pattern.count)].elementsEqual(pattern),
               index + pattern.count < window.count, isASCIIWhitespace(window[index + pattern.count]),
               let end = window[index...].firstIndex(of: UInt8(ascii: ">")) {
                bytes.removeSubrange(index...end)
                notes.append(MarkupDiagnostic(severity: .warning, message: "XML declaration after other content ignored", line: 1, column: 0))
                return
            }
            index += 1
        }
    }

    /// The `encoding` pseudo-attribute of an XML declaration at the start of `bytes`.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(512)
        guard let start = head.firstIndex(of: UInt8(ascii: "<")),
              head.count > start + 5,
              head[start + 1] == UInt8(ascii: "?"),
              head[(start + 2)..<(start + 5)].elementsEqual("xml".utf8),
              let end = head[start...].firstIndex(of: UInt8(ascii: ">"))
        else { return nil }
        let declaration = String(decoding: head[start..<end], as: UTF8.self)
        return PseudoAttribute.value(named: "encoding", in: declaration)
    }
}

/// Reads `name="value"` pairs out of a declaration or `<meta>` tag.
enum PseudoAttribute {
    static func value(named name: String, in text: String) -> String? {
        let lower = text.lowercased()
        guard let found = lower.firstRange(of: name) else { return nil }
        var rest = lower[found.upperBound...].drop(while: { $0 == " " || $0 == "\t" })
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
        guard let quote = rest.first else { return nil }
        if quote == "\"" || quote == "'" {
            let body = rest.dropFirst()
            guard let close = body.firstIndex(of: quote) else { return nil }
            let value = String(body[..<close])
            return value.isEmpty ? nil : value
        }
        let value = rest.prefix(while: { !" \t;>\"'/".contains($0) })
        return value.isEmpty ? nil : String(value)
    }
}
