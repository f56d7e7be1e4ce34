import AsyncHTTPClient
import FeedwrightTesting
import Fetching
import Foundation
import Markup
import Pipeline
import Server
import Store
import Syndication
import Testing
@testable import feedwright

/// Full text on demand, end to end: a feed and its real article pages on a loopback server,
/// `/fulltext` on Feedwright's server wired as `serve --fulltext` wires it.
@Suite("Full text on demand", .timeLimit(.minutes(1)), .scratch)
struct FullTextTests {
    static var shared: URL {
        ProcessInfo.processInfo.environment["FEEDWRIGHT_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// Three real pages of the Readability set, and the gold text of the first.
    static func pages() throws -> (pages: [[UInt8]], gold: String) {
        let root = shared.appendingPathComponent("corpus/extraction/readability-tests")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("input").path).filter { $0.hasSuffix(".html") }.sorted().prefix(3)
        let pages = try names.map { Array(try Data(contentsOf: root.appendingPathComponent("input/\($0)"))) }
        let gold = try String(contentsOf: root.appendingPathComponent("GoldStandard/\((names.first! as NSString).deletingPathExtension).txt"), encoding: .utf8)
        return (pages, gold)
    }

    /// A site serving `/feed.xml` (three items linking to its pages) and `/a0.html`…
    static func site(_ pages: [[UInt8]]) throws -> LoopbackServer {
        try LoopbackServer { request in
            let host = request.header("Host") ?? "127.0.0.1"
            if request.path == "/feed.xml" {
                let items = (0..<pages.count).map { "<item><title>Story \($0)</title><link>http://\(host)/a\($0).html</link><guid>s\($0)</guid><description>teaser \($0)</description><pubDate>Tue, 0\($0 + 1) Dec 2026 10:00:00 GMT</pubDate></item>" }
                let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Site</title><link>http://\(host)/</link>\(items.joined())</channel></rss>"
                return .init(headers: [("Content-Type", "application/rss+xml")], body: Array(rss.utf8))
            }
            if request.path.hasPrefix("/a"), let index = Int(request.path.dropFirst(2).prefix { $0.isNumber }), pages.indices.contains(index) {
                return .init(headers: [("Content-Type", "text/html; charset=utf-8")], body: pages[index])
            }
            return .init(status: 404)
        }
    }

    /// Runs Feedwright's server with full text over `store`, allowing private addresses or
    /// not, and hands `body` a GET function.
    static func withFullText(
        store: any FeedStore, allowPrivate: Bool, perMinute: Int = 30,
        _ body: @Sendable (@Sendable (String) async throws -> (Int, [(String, String)], String)) async throws -> Void
    ) async throws {
        var fetching = FetchSettings()
        fetching.allowPrivateAddresses = allowPrivate
        fetching.politeness = HostGate.Policy(maximumConcurrent: 4, minimumDelay: .zero)
        let fetchClient = HTTPFetcher.makeClient()
        let adapter = FullTextAdapter(feeds: FullTextFeeds(client: fetchClient, store: store, fetching: fetching))
        let directory = try Scratch.directory("public").path
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let app = FeedServer.application(feeds: PublishedFeeds(directory: directory), options: .init(fullText: adapter, fullTextPerMinute: perMinute), port: 0) { bound.yield($0) }
        do {
            try await withHTTPClient { client in try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await app.runService(gracefulShutdownSignals: []) }
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next())
                try await body { path in
                    let response = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)" + path), timeout: .seconds(20))
                    let text = String(buffer: try await response.body.collect(upTo: 8 << 20))
                    return (Int(response.status.code), response.headers.map { ($0.name, $0.value) }, text)
                }
                group.cancelAll()
            } }
        } catch {
            try? await fetchClient.shutdown()
            throw error
        }
        try await fetchClient.shutdown()
    }

    static func store() throws -> SQLiteFeedStore {
        try SQLiteFeedStore(path: try Scratch.directory("store").appendingPathComponent("state.sqlite").path)
    }

    static func escaped(_ url: String) -> String {
        url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? url
    }

    @Test("a local feed becomes valid full-text Atom; asking again fetches no article")
    func fullText() async throws {
        let (pages, gold) = try Self.pages()
        let site = try Self.site(pages)
        defer { try? site.shutdown() }
        let feedURL = Self.escaped(site.base + "/feed.xml")
        let articleRequests: @Sendable () -> Int = { site.requests.filter { $0.path.hasPrefix("/a") }.count }
        try await Self.withFullText(store: try Self.store(), allowPrivate: true) { get in
            let (status, headers, atom) = try await get("/fulltext?url=\(feedURL)")
            #expect(status == 200, "\(atom)")
            #expect(headers.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("application/atom+xml") })
            let schema = try RelaxNGSchema(bytes: Array(try Data(contentsOf: Self.shared.appendingPathComponent("schema/atom.rng"))))
            #expect(schema.validate(try MarkupDocument.parseXML(Array(atom.utf8))).isEmpty)
            let parsed = try FeedParser.parse(Array(atom.utf8)).feed
            #expect(parsed.entries.count == 3)
            // The first page's article, not the feed's teaser.
            let story = try #require(parsed.entries.first { $0.title?.value == "Story 0" })
            let text = HTMLText.plainText(story.content?.value ?? "") ?? ""
            let words = Set(text.lowercased().split(whereSeparator: { !$0.isLetter }))
            let goldWords = gold.lowercased().split(whereSeparator: { !$0.isLetter }).prefix(60)
            #expect(Double(goldWords.filter(words.contains).count) >= 0.9 * Double(goldWords.count), "\(text.prefix(300))")
            #expect(articleRequests() == 3)

            let again = try await get("/fulltext?url=\(feedURL)")
            #expect(again.0 == 200)
            #expect(articleRequests() == 3, "articles come from the store the second time")

            let json = try await get("/fulltext?url=\(feedURL)&format=json&max=2")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.2.utf8)) as? [String: Any])
            #expect((object["items"] as? [Any])?.count == 2)

            let article = try await get("/extract?url=\(Self.escaped(site.base + "/a1.html"))")
            #expect(article.0 == 200)
            let contract = try #require(try JSONSerialization.jsonObject(with: Data(article.2.utf8)) as? [String: Any])
            #expect((contract["text"] as? String)?.isEmpty == false)
            let openAPI = try OpenAPIDocument()
            #expect(openAPI.problems(ofAnswer: article.2, status: article.0, method: "GET", path: "/extract").isEmpty, "the article as docs/openapi.json says")
            #expect(articleRequests() == 3)

            let refused = try await get("/fulltext?url=file%3A%2F%2F%2Fetc%2Fpasswd")
            #expect(refused.0 == 400)
            #expect(openAPI.problems(ofAnswer: refused.2, status: refused.0, method: "GET", path: "/fulltext").isEmpty)
            #expect(try await get("/fulltext").0 == 400)
            #expect(try await get("/fulltext?url=\(feedURL)&max=0").0 == 400)
        }
    }

    @Test("without --allow-private-addresses a loopback feed is refused with 403, and nothing is fetched or served from the cache")
    func privateRefused() async throws {
        let (pages, _) = try Self.pages()
        let site = try Self.site(pages)
        defer { try? site.shutdown() }
        let store = try Self.store()
        // Cached while private addresses were allowed…
        try await Self.withFullText(store: store, allowPrivate: true) { get in
            let (status, _, _) = try await get("/fulltext?url=\(Self.escaped(site.base + "/feed.xml"))")
            #expect(status == 200)
        }
        let before = site.requests.count
        // …and not served once they are not.
        try await Self.withFullText(store: store, allowPrivate: false) { get in
            let (status, _, body) = try await get("/fulltext?url=\(Self.escaped(site.base + "/feed.xml"))")
            #expect(status == 403)
            #expect(body.contains("non-public address"))
            #expect(try await get("/extract?url=\(Self.escaped(site.base + "/a0.html"))").0 == 403)
        }
        #expect(site.requests.count == before)
    }

    @Test("a client asking faster than its rate gets 429 with Retry-After")
    func rateLimited() async throws {
        try await Self.withFullText(store: try Self.store(), allowPrivate: false, perMinute: 2) { get in
            #expect(try await get("/fulltext?url=http%3A%2F%2F10.0.0.1%2Ffeed").0 == 403)
            #expect(try await get("/fulltext?url=http%3A%2F%2F10.0.0.1%2Ffeed").0 == 403)
            let (status, headers, _) = try await get("/fulltext?url=http%3A%2F%2F10.0.0.1%2Ffeed")
            #expect(status == 429)
            #expect(headers.contains { $0.0.lowercased() == "retry-after" && Int($0.1).map { $0 > 0 } == true })
        }
    }
}
