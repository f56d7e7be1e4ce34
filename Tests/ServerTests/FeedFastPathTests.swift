import AsyncHTTPClient
import CompressNIO
import FeedwrightTesting
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Server
import Testing

/// Published feeds answered on the event loop, before the router: the same answers as the
/// router gave, over a real socket, and in order when requests are pipelined.
@Suite("Feeds answered before the router", .timeLimit(.minutes(1)), .scratch)
struct FeedFastPathTests {
    /// Runs a server over a fresh public directory and hands `body` its port and directory.
    static func withServer(_ body: @Sendable (Int, String) async throws -> Void) async throws {
        let directory = try PublishedFeedsTests.directory()
        let feeds = PublishedFeeds(directory: directory)
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        let app = FeedServer.application(feeds: feeds, port: 0) { bound.yield($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body(port, directory)
            group.cancelAll()
        }
    }

    @Test("GET, HEAD, gzip, 304 and Date over HTTP")
    func overHTTP() async throws {
        try await Self.withServer { port, directory in
            try await withHTTPClient { client in
                let original = try Data(contentsOf: URL(fileURLWithPath: directory + "/news.atom"))
                func send(_ method: HTTPMethod, _ headers: [(String, String)] = []) async throws -> HTTPClientResponse {
                    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/feeds/news.atom")
                    request.method = method
                    for (name, value) in headers { request.headers.add(name: name, value: value) }
                    return try await client.execute(request, timeout: .seconds(5))
                }
                let plain = try await send(.GET)
                #expect(plain.status.code == 200)
                #expect(Data(buffer: try await plain.body.collect(upTo: 1 << 20)) == original)
                #expect(plain.headers["Date"].first.flatMap { HTTPDateCheck.parse($0) } != nil)
                let etag = try #require(plain.headers["ETag"].first)

                let zipped = try await send(.GET, [("Accept-Encoding", "gzip")])
                #expect(zipped.headers["Content-Encoding"].first == "gzip")
                var compressed = try await zipped.body.collect(upTo: 1 << 20)
                #expect(Data(buffer: try compressed.decompress(with: .gzip())) == original)

                let head = try await send(.HEAD)
                #expect(head.status.code == 200)
                #expect(head.headers["Content-Length"].first == String(original.count))

                let notModified = try await send(.GET, [("If-None-Match", etag)])
                #expect(notModified.status.code == 304)
                #expect(try await notModified.body.collect(upTo: 1 << 20).readableBytes == 0)
            }
        }
    }

    @Test("pipelined requests are answered in order, whichever handler answers each")
    func pipelined() async throws {
        try await Self.withServer { port, directory in
            let body = try Data(contentsOf: URL(fileURLWithPath: directory + "/news.atom"))
            let requests = [
                "GET /feeds/news.atom HTTP/1.1\r\nHost: x\r\n\r\n", "GET /health HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /feeds/news.json HTTP/1.1\r\nHost: x\r\n\r\n", "GET /feeds/missing.atom HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /feeds/news.atom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            ]
            let reply = try await RawConnection.exchange(port: port, Array(requests.joined().utf8))
            let text = String(decoding: reply, as: UTF8.self).replacingOccurrences(of: String(decoding: body, as: UTF8.self), with: "<ATOM>")
            let marks = ["<ATOM>", "ok\n", "jsonfeed.org", "not found", "<ATOM>"]
            var position = text.startIndex
            for mark in marks {
                let found = try #require(text.range(of: mark, range: position..<text.endIndex), "\(mark) missing or out of order in \(text)")
                position = found.upperBound
            }
            #expect(text.components(separatedBy: "HTTP/1.1 ").count - 1 == 5)
        }
    }
}

extension FeedFastPathTests {
    @Test("HTTP/1.0 is answered in kind and closed; repeated header lines count as one list")
    func http10AndRepeatedHeaders() async throws {
        try await Self.withServer { port, _ in
            let plain = String(decoding: try await RawConnection.exchange(port: port, Array("GET /feeds/news.atom HTTP/1.0\r\n\r\n".utf8)), as: UTF8.self)
            #expect(plain.hasPrefix("HTTP/1.0 200"))
            #expect(plain.lowercased().contains("connection: close"))
            // Two requests on one HTTP/1.0 connection that asks to be kept: both answered, the
            // first saying the connection is kept.
            let kept = String(decoding: try await RawConnection.exchange(port: port, Array(
                ("GET /feeds/news.atom HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" + "GET /feeds/news.atom HTTP/1.0\r\n\r\n").utf8)), as: UTF8.self)
            #expect(kept.components(separatedBy: "HTTP/1.0 200").count - 1 == 2)
            #expect(kept.lowercased().contains("connection: keep-alive"))
            let etag = try #require(plain.split(separator: "\r\n").first { $0.lowercased().hasPrefix("etag:") }?.dropFirst(5).trimmingCharacters(in: .whitespaces))
            // The reader's tag on the second of two If-None-Match lines, and gzip on the second
            // of two Accept-Encoding lines (the name in another case).
            let request = "GET /feeds/news.atom HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"other\"\r\nif-none-match: \(etag)\r\n"
                + "Accept-Encoding: br\r\nACCEPT-ENCODING: gzip\r\nConnection: close\r\n\r\n"
            let reply = String(decoding: try await RawConnection.exchange(port: port, Array(request.utf8)), as: UTF8.self)
            #expect(reply.hasPrefix("HTTP/1.1 304"))
            #expect(reply.contains("-gz"), "the 304 names the gzip representation's tag: \(reply)")
        }
    }
}

/// Reads an HTTP date back, to check a `Date` header is one.
enum HTTPDateCheck {
    static func parse(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}

/// A bare TCP exchange through NIO: send bytes, read until the server closes.
enum RawConnection {
    static func exchange(port: Int, _ bytes: [UInt8]) async throws -> [UInt8] {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: bytes))
            var received: [UInt8] = []
            for try await chunk in inbound { received += Array(buffer: chunk) }
            return received
        }
    }
}
