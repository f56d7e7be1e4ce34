/// Compact JSON (RFC 8259) written straight into bytes, for the command line's hot paths.
///
/// Foundation's `JSONEncoder` builds a tree of boxed values through `Encodable`'s existential
/// containers before it writes a byte; over a large feed that cost three times the parse.
/// The contracts have fixed shapes, so they write themselves here field by field. Keys are
/// static ASCII and given in sorted order by the caller (so lines diff and test well); strings
/// are escaped as RFC 8259 requires: `"`, `\` and the control characters below U+0020, with
/// the short forms where JSON has them. Slashes are not escaped (URLs stay readable) and
/// everything else, non-ASCII included, is copied as UTF-8.
public struct JSONWriter: Sendable {
    /// What has been written so far.
    public private(set) var bytes: [UInt8]
    /// Whether the next value or key opens its container (no comma before it).
    private var atStart = true
    /// Whether a key was just written (its value takes no comma).
    private var afterKey = false

    /// An empty writer; `capacity` reserves room for the expected output.
    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes an object whose members `members` writes with the `field` methods.
    public mutating func object(_ members: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        atStart = true
        members(&self)
        bytes.append(UInt8(ascii: "}"))
        atStart = false
    }

    /// Writes an array of `elements`, each written by `element`.
    public mutating func array<Elements: Sequence>(_ elements: Elements, _ element: (inout JSONWriter, Elements.Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        atStart = true
        for item in elements { element(&self, item) }
        bytes.append(UInt8(ascii: "]"))
        atStart = false
    }

    /// Writes a member's key; the next value written is its value.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        afterKey = true
    }

    /// Writes a string, or `null` for nil.
    public mutating func string(_ value: String?) {
        separate()
        guard var value else { return appendNull() }
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
        atStart = false
    }

    /// Writes an integer, or `null` for nil.
    public mutating func number(_ value: Int?) {
        separate()
        guard let value else { return appendNull() }
        bytes.append(contentsOf: String(value).utf8)
        atStart = false
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        atStart = false
    }

    /// A member with a string value (`null` for nil).
    public mutating func field(_ name: StaticString, _ value: String?) {
        key(name)
        string(value)
    }

    /// A member with an integer value (`null` for nil).
    public mutating func field(_ name: StaticString, _ value: Int?) {
        key(name)
        number(value)
    }

    /// A member whose value is an array of strings.
    public mutating func field(_ name: StaticString, _ values: [String]) {
        key(name)
        array(values) { $0.string($1) }
    }

    /// A member whose value is written by `value` (an array of objects, a nested contract).
    public mutating func field(_ name: StaticString, _ value: (inout JSONWriter) -> Void) {
        key(name)
        value(&self)
    }

    /// The comma between values, except first in a container and after a key.
    private mutating func separate() {
        if afterKey {
            afterKey = false
        } else if !atStart {
            bytes.append(UInt8(ascii: ","))
        }
        atStart = false
    }

    private mutating func appendNull() {
        bytes.append(contentsOf: "null".utf8)
        atStart = false
    }

    /// Copies `text` with the escapes RFC 8259 requires, in runs between them.
    private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        while true {
            index = Self.nextToEscape(in: text, from: index)
            guard index < text.count else { break }
            let byte = text[index]
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index])) }
            index += 1
            runStart = index
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), JSONWriter.hexDigits[Int(byte >> 4)], JSONWriter.hexDigits[Int(byte & 0xF)]])
            }
        }
        if runStart < text.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...])) }
    }

    /// The index of the first byte at or after `start` that must be escaped (a control byte,
    /// a quote or a backslash), or `text.count`.
    ///
    /// Eight bytes at a time: article text is long and almost never needs an escape. Each
    /// flag mask is exact at its lowest flagged byte (a borrow only runs upward from a byte
    /// that is itself flagged), so the lowest flag of the three is a byte to escape.
    static func nextToEscape(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = text.baseAddress else { return text.count }
        var index = start
        while index + 8 <= text.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let quote = word ^ 0x2222_2222_2222_2222
            let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
            let control = (word &- 0x2020_2020_2020_2020) & ~word
            let quoted = (quote &- 0x0101_0101_0101_0101) & ~quote
            let escaped = (backslash &- 0x0101_0101_0101_0101) & ~backslash
            let flags = (control | quoted | escaped) & 0x8080_8080_8080_8080
            if flags != 0 { return index + flags.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < text.count {
            let byte = text[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return text.count
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// A value that writes itself as JSON (the command line's contracts).
public protocol JSONWritable {
    /// Writes the value as one JSON value.
    func write(to writer: inout JSONWriter)
}

extension JSONWritable {
    /// The value as one line of compact JSON, with a final newline.
    public func jsonLineBytes() -> [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        write(to: &writer)
        var bytes = writer.bytes
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
