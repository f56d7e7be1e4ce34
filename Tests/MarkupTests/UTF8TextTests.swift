@testable import Markup
import Testing

/// `String(utf8Text:)` hands bytes to the standard library unchecked once ``UTF8Check`` finds
/// them valid, so the check must accept exactly what Swift's own validation accepts.
@Suite("UTF-8 text becomes strings as the standard library would make them")
struct UTF8TextTests {
    private func agrees(_ bytes: [UInt8]) -> Bool {
        let ours = UTF8Check(bytes).invalidSequences == 0
        let swift = String(validating: bytes, as: UTF8.self) != nil
        return ours == swift
    }

    @Test("every one- and two-byte sequence")
    func shortSequences() {
        var disagreements: [[UInt8]] = []
        for first in 0...255 {
            if !agrees([UInt8(first)]) { disagreements.append([UInt8(first)]) }
            for second in 0...255 where !agrees([UInt8(first), UInt8(second)]) {
                disagreements.append([UInt8(first), UInt8(second)])
            }
        }
        #expect(disagreements.isEmpty, "first: \(disagreements.prefix(5))")
    }

    @Test("every three-byte sequence with a three-byte lead, and four-byte leads at every edge")
    func longSequences() {
        var disagreements: [[UInt8]] = []
        for lead in 0xE0...0xEF {
            for second in 0...255 {
                for third in 0...255 {
                    let bytes = [UInt8(lead), UInt8(second), UInt8(third)]
                    if !agrees(bytes) { disagreements.append(bytes) }
                }
            }
        }
        let edges: [UInt8] = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
        for lead in 0xF0...0xFF {
            for second in 0...255 {
                for third in edges {
                    for fourth in edges {
                        let bytes = [UInt8(lead), UInt8(second), third, fourth]
                        if !agrees(bytes) { disagreements.append(bytes) }
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "first: \(disagreements.prefix(5))")
    }

    @Test("text of every kind, valid or not, reads as String(decoding:as:) reads it")
    func sameStrings() {
        let pieces: [[UInt8]] = [
            Array("plain ASCII words ".utf8), Array("café ".utf8), Array("“quoted” — ".utf8), Array("😀 ".utf8),
            [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xFF],
        ]
        // Every sequence of up to three pieces: each kind of bad byte before, between and
        // after valid text, in runs short and long enough for the word-at-a-time path.
        var inputs: [[UInt8]] = [[]]
        var longest: [[UInt8]] = [[]]
        for _ in 1...3 {
            longest = longest.flatMap { prefix in pieces.map { prefix + $0 } }
            inputs += longest
        }
        for bytes in inputs {
            let ours = bytes.withUnsafeBufferPointer { String(utf8Text: $0) }
            let swift = String(decoding: bytes, as: UTF8.self)
            #expect(ours == swift && Array(ours.utf8) == Array(swift.utf8), "bytes: \(bytes)")
        }
    }

    @Test("an unchecked string counts its characters right, ASCII or not")
    func asciiFlag() {
        let ascii = Array(String(repeating: "markup ", count: 20).utf8)
        let text = ascii.withUnsafeBufferPointer { String(utf8Text: $0) }
        #expect(text.count == ascii.count)
        let accented = Array(String(repeating: "é", count: 40).utf8)
        let other = accented.withUnsafeBufferPointer { String(utf8Text: $0) }
        #expect(other.count == 40 && other.utf16.count == 40)
        #expect([UInt8]().withUnsafeBufferPointer { String(utf8Text: $0) }.isEmpty)
    }
}
