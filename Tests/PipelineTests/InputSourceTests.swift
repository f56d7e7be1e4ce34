import Foundation
import Pipeline
import Testing

/// What the commands read: files as they are, gzipped pages decompressed, clear errors.
@Suite("Reading a command's inputs", .timeLimit(.minutes(1)))
struct InputSourceTests {
    @Test("a file is read whole; a gzipped page comes out decompressed")
    func files() async throws {
        let seed = PageConversionTests.shared.appendingPathComponent("seeds/000_aef7aa59a3d918ea.txt").path
        let input = try await InputSource(argument: seed).read(using: nil)
        #expect(input.bytes == Array(try Data(contentsOf: URL(fileURLWithPath: seed))))
        #expect(input.documentURL == nil && input.charset == nil)

        let aeb = PageConversionTests.shared.appendingPathComponent("corpus/extraction/scrapinghub/html")
        let gz = try #require(try FileManager.default.contentsOfDirectory(atPath: aeb.path).sorted().first)
        let page = try await InputSource(argument: aeb.appendingPathComponent(gz).path).read(using: nil)
        #expect(String(decoding: page.bytes.prefix(512), as: UTF8.self).lowercased().contains("<html"))
    }

    @Test("a missing file, a directory and a URL without a fetcher are errors that say so")
    func errors() async throws {
        await #expect(throws: InputError.self) { try await InputSource(argument: "/nowhere/page.html").read(using: nil) }
        do {
            _ = try await InputSource(argument: FileManager.default.temporaryDirectory.path).read(using: nil)
            Issue.record("a directory was read")
        } catch {
            #expect("\(error)" == "is a directory")
        }
        #expect(InputSource(argument: "https://example.org/a").isRemote)
        await #expect(throws: InputError.self) { try await InputSource(argument: "https://example.org/a").read(using: nil) }
        #expect(InputSource.problem(InputError.missingFile("x.html"), of: "x.html") == "no such file")
    }
}
