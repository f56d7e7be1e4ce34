import CompressNIO
import FeedwrightTesting
import Foundation
import NIOCore
import Server
import Testing

/// The published feeds as held in memory: gzip, HEAD, Vary, and staying in step with the
/// directory.
@Suite("Published feeds in memory", .scratch)
struct PublishedFeedsTests {
    /// A public directory with a real-sized Atom feed (the Atom writer's test fixture shape).
    static func directory(atomBytes: Int = 20_000) throws -> String {
        let directory = try Scratch.directory("public").path
        var atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>News</title>"
        while atom.utf8.count < atomBytes { atom += "<entry><title>Story \(atom.utf8.count)</title><content type=\"html\">&lt;p&gt;Body text&lt;/p&gt;</content></entry>" }
        atom += "</feed>"
        try Data(atom.utf8).write(to: URL(fileURLWithPath: directory + "/news.atom"))
        try Data("{\"version\":\"https://jsonfeed.org/version/1.1\"}".utf8).write(to: URL(fileURLWithPath: directory + "/news.json"))
        return directory
    }

    @Test("gzip when the reader accepts it, with its own ETag, Vary and the right length")
    func gzip() throws {
        let directory = try Self.directory()
        let feeds = PublishedFeeds(directory: directory)
        let plain = feeds.reply(name: "news.atom")
        #expect(plain.header("Content-Encoding") == nil)
        #expect(plain.header("Vary") == "Accept-Encoding")
        let original = try Data(contentsOf: URL(fileURLWithPath: directory + "/news.atom"))
        #expect(plain.body.readableBytes == original.count)
        let zipped = feeds.reply(name: "news.atom", acceptEncoding: "br;q=1.0, gzip;q=0.8, *;q=0.1")
        #expect(zipped.header("Content-Encoding") == "gzip")
        #expect(zipped.header("ETag") != plain.header("ETag"))
        #expect(zipped.header("Content-Length") == String(zipped.body.readableBytes))
        #expect(zipped.body.readableBytes < original.count / 4)
        var compressed = zipped.body
        let inflated = try compressed.decompress(with: .gzip())
        #expect(Data(buffer: inflated) == original)
        // Either ETag names the document for a conditional request.
        #expect(feeds.reply(name: "news.atom", conditions: .init(ifNoneMatch: zipped.header("ETag"))).status == 304)
        #expect(feeds.reply(name: "news.atom", conditions: .init(ifNoneMatch: plain.header("ETag")), acceptEncoding: "gzip").status == 304)
    }

    @Test("gzip refused, by q=0 or by naming only other codings", arguments: ["gzip;q=0", "identity", "br, deflate", "*;q=0", "", "GZIP;Q=0"])
    func noGzip(header: String) throws {
        let feeds = PublishedFeeds(directory: try Self.directory())
        #expect(feeds.reply(name: "news.atom", acceptEncoding: header).header("Content-Encoding") == nil)
    }

    @Test("HEAD gives GET's headers and length without the body; tiny files are not compressed")
    func head() throws {
        let feeds = PublishedFeeds(directory: try Self.directory())
        let get = feeds.reply(name: "news.atom")
        let head = feeds.reply(name: "news.atom", head: true)
        #expect(head.status == 200 && head.body.readableBytes == 0)
        #expect(head.header("Content-Length") == get.header("Content-Length"))
        #expect(head.header("ETag") == get.header("ETag"))
        #expect(feeds.reply(name: "news.json", acceptEncoding: "gzip").header("Content-Encoding") == nil)
    }

    @Test("a rewritten file is served anew after reload, a removed one is gone, a new one appears")
    func reload() throws {
        let directory = try Self.directory()
        let feeds = PublishedFeeds(directory: directory)
        let before = try #require(feeds.reply(name: "news.atom").header("ETag"))
        try Data("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>New</title></feed>".utf8).write(to: URL(fileURLWithPath: directory + "/news.atom"))
        try Data("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>".utf8).write(to: URL(fileURLWithPath: directory + "/sport.atom"))
        try FileManager.default.removeItem(atPath: directory + "/news.json")
        // Until told, the server answers what it holds: no disk on the request path.
        #expect(feeds.reply(name: "news.atom").header("ETag") == before)
        feeds.reload()
        #expect(feeds.reply(name: "news.atom").header("ETag") != before)
        #expect(String(buffer: feeds.reply(name: "news.atom").body).contains("New"))
        #expect(feeds.reply(name: "news.json").status == 404)
        #expect(feeds.slugs() == ["news", "sport"])
        try Data("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Newer</title></feed>".utf8).write(to: URL(fileURLWithPath: directory + "/sport.atom"))
        feeds.reload(slugs: ["sport"])
        #expect(String(buffer: feeds.reply(name: "sport.atom").body).contains("Newer"))
    }
}
