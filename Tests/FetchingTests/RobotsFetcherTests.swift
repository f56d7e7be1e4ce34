import FeedwrightTesting
import Foundation
import Testing
@testable import Fetching

@Suite(.timeLimit(.minutes(1))) struct RobotsFetcherTests {
    private static func site(robots: @escaping @Sendable () throws(FetchError) -> [UInt8]) -> FakeFetcher {
        FakeFetcher { url throws(FetchError) in
            if url.hasSuffix("/robots.txt") { return FetchedDocument(bytes: try robots(), url: url) }
            return FetchedDocument(bytes: Array("<p>page</p>".utf8), url: url)
        }
    }

    @Test func disallowedPagesAreNotFetched() async throws {
        let fake = Self.site { Array("User-agent: *\nDisallow: /members/\n".utf8) }
        let fetcher = RobotsFetcher(fake)
        _ = try await fetcher.fetch("https://paper.example/news/1", etag: nil, lastModified: nil)
        await #expect(throws: FetchError.disallowedByRobots(url: "https://paper.example/members/2")) {
            try await fetcher.fetch("https://paper.example/members/2", etag: nil, lastModified: nil)
        }
        _ = try await fetcher.fetch("https://paper.example/news/3?page=2", etag: nil, lastModified: nil)
        // robots.txt was asked once for the origin, and the disallowed page never.
        #expect(fake.requests == ["https://paper.example/robots.txt", "https://paper.example/news/1", "https://paper.example/news/3?page=2"])
    }

    @Test func robotsIsFetchedOnceForConcurrentPages() async throws {
        // robots.txt is answered only once all eight pages have asked for their origin's rules.
        let asked = Countdown()
        let fake = FakeFetcher { url throws(FetchError) in
            if url.hasSuffix("robots.txt") { try? await asked.wait(until: 8) }
            return FetchedDocument(bytes: url.hasSuffix("robots.txt") ? [] : Array("page".utf8), url: url)
        }
        let fetcher = RobotsFetcher(fake)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    asked.increment()
                    _ = try await fetcher.fetch("http://site.example/\(index)", etag: nil, lastModified: nil)
                }
            }
            try await group.waitForAll()
        }
        #expect(fake.requests.filter { $0.hasSuffix("/robots.txt") }.count == 1)
        #expect(fake.requests.count == 9)
    }

    @Test func missingRobotsAllowsAndServerErrorDisallows() async throws {
        let missing = RobotsFetcher(Self.site { () throws(FetchError) in throw .httpStatus(url: "x", status: 404) })
        _ = try await missing.fetch("http://open.example/a", etag: nil, lastModified: nil)
        let broken = RobotsFetcher(Self.site { () throws(FetchError) in throw .httpStatus(url: "x", status: 503) })
        await #expect(throws: FetchError.disallowedByRobots(url: "http://down.example/a")) {
            try await broken.fetch("http://down.example/a", etag: nil, lastModified: nil)
        }
    }

    @Test func localReferencesAreNotChecked() async throws {
        let fake = Self.site { Array("User-agent: *\nDisallow: /\n".utf8) }
        _ = try await RobotsFetcher(fake).fetch("samples/articles/bridge.html", etag: nil, lastModified: nil)
        #expect(fake.requests == ["samples/articles/bridge.html"])
    }
}
