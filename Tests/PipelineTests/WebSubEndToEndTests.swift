import AsyncHTTPClient
import FeedwrightTesting
import Foundation
import NIOCore
import NIOHTTP1
import Pipeline
import Testing

/// WebSub end to end (issue 17's must-shows 1 and 2): the real `feedwright run` with its
/// server, a topic and a hub on loopback run by the test. The loop discovers the hub, the
/// test verifies the subscription as the hub would, pushes a signed distribution that reaches
/// `public/` with no poll due, forges others that leave no trace, waits for the renewal of a
/// short lease, and removes the source through the API, which unsubscribes.
@Suite("WebSub subscriber end to end: the real binary against a loopback hub", .serialized, .timeLimit(.minutes(2)))
struct WebSubEndToEndTests {
    @Test("discovery, subscription, verification, a push in public/ with no poll due, forgeries ignored, renewal, unsubscription")
    func pushedSource() async throws {
        let hubCalls = Countdown()
        let site = try LoopbackServer { request in
            let base = "http://\(request.header("Host") ?? "127.0.0.1")"
            switch request.path {
            case "/feed":
                return .init(headers: [("Content-Type", "application/atom+xml")], body: (try? WebSubFixtures.bytes("topic.atom", base: base)) ?? [])
            case "/hub":
                hubCalls.increment()
                return .init(status: request.method == "POST" ? 202 : 405)
            case let path where path.hasPrefix("/article/"):
                return .init(headers: [("Content-Type", "text/html; charset=utf-8")], body: (try? WebSubFixtures.article(path)) ?? [])
            default:
                return .init(status: 404)
            }
        }
        defer { try? site.shutdown() }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("feedwright-websub-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let topic = site.base + "/feed"
        try Data("<opml version=\"2.0\"><body><outline title=\"Pushed\"><outline type=\"rss\" xmlUrl=\"\(topic)\"/></outline></body></opml>".utf8)
            .write(to: root.appendingPathComponent("subscriptions.opml"))
        let published = root.appendingPathComponent("public/pushed.atom")

        let port = try RunningBinary.freePort()
        let server = "http://127.0.0.1:\(port)"
        let binary = try RunningBinary([
            "run", "--workspace", root.path, "--port", String(port), "--base-url", server + "/feeds/", "--allow-private-addresses",
            "--every", "3600", "--host-delay", "0", "--api-token", "test-token",
        ])

        try await withHTTPClient { client in
            // Discovery and subscription: the first poll finds the hub and asks it.
            try await hubCalls.wait(until: 1)
            let asked = WebSubFixtures.form(try #require(site.requests.first { $0.path == "/hub" }).body)
            #expect(asked["hub.mode"] == "subscribe")
            #expect(asked["hub.topic"] == topic)
            #expect(asked["hub.secret"]?.count == 64)
            let callback = try #require(asked["hub.callback"])
            #expect(callback.hasPrefix(server + "/websub/"), "the callback is on the server's public root: \(callback)")
            let secret = try #require(asked["hub.secret"])
            #expect(try await RunningBinary.eventually(within: 10) { FileManager.default.fileExists(atPath: published.path) }, "the first poll was published")

            // Verification of intent: only what Feedwright asked for.
            let wrongTopic = try await RunningBinary.send(client, .GET, callback + "?" + RunningBinary.query([("hub.mode", "subscribe"), ("hub.topic", "http://elsewhere.example/"), ("hub.challenge", "x")]))
            #expect(wrongTopic.status == 404)
            let unknown = try await RunningBinary.send(client, .GET, server + "/websub/0123456789abcdef?" + RunningBinary.query([("hub.mode", "subscribe"), ("hub.topic", topic), ("hub.challenge", "x")]))
            #expect(unknown.status == 404)
            let verified = try await RunningBinary.send(client, .GET, callback + "?" + RunningBinary.query([("hub.mode", "subscribe"), ("hub.topic", topic), ("hub.challenge", "challenge-1"), ("hub.lease_seconds", "10")]))
            #expect(verified.status == 200)
            #expect(verified.body == "challenge-1")

            // Forgeries: unsigned, signed with a guess, or SHA-1 (not opted in) — taken, ignored.
            let forged = try WebSubFixtures.bytes("forged.atom", base: site.base)
            for signature in [nil, HubSignature.header(for: forged, secret: "guess"), HubSignature.header(for: forged, secret: secret, method: .sha1)] {
                let reply = try await RunningBinary.send(client, .POST, callback, body: forged, headers: [("Content-Type", "application/atom+xml")] + (signature.map { [("X-Hub-Signature", $0)] } ?? []))
                #expect(reply.status == 202)
            }
            // A genuine distribution reaches public/ with no poll due.
            let distribution = try WebSubFixtures.bytes("distribution.atom", base: site.base)
            let pushedAt = ContinuousClock.now
            let accepted = try await RunningBinary.send(client, .POST, callback, body: distribution, headers: [
                ("Content-Type", "application/atom+xml"), ("X-Hub-Signature", HubSignature.header(for: distribution, secret: secret, method: .sha384)),
            ])
            #expect(accepted.status == 202)
            let arrived = await RunningBinary.eventually(within: 10) {
                String(decoding: (try? Data(contentsOf: published)) ?? Data(), as: UTF8.self).contains("Body-of-story-2")
            }
            #expect(arrived, "the pushed story, its article extracted, is in public/")
            print("WebSub push to public/: \(ContinuousClock.now - pushedAt)")
            let feed = String(decoding: try Data(contentsOf: published), as: UTF8.self)
            #expect(feed.contains("A pushed story") && feed.contains("The first story"))
            #expect(!feed.contains("forged"), "a forged distribution leaves no trace")
            #expect(site.requests.filter { $0.path == "/feed" }.count == 1, "the topic was polled once: the push needed no poll")
            #expect(site.requests.allSatisfy { !$0.path.contains("forged") }, "nothing of a forged distribution was fetched")
            let metrics = try await RunningBinary.send(client, .GET, server + "/metrics")
            #expect(metrics.body.contains("feedwright_websub_rejected_deliveries_total 3"))
            #expect(metrics.body.contains("feedwright_websub_deliveries_total 1"))

            // Renewal: a fifth of the 10-second lease before it ends, the same callback again.
            try await hubCalls.wait(until: 2)
            let renewal = WebSubFixtures.form(site.requests.filter { $0.path == "/hub" }[1].body)
            #expect(renewal["hub.mode"] == "subscribe" && renewal["hub.callback"] == callback && renewal["hub.topic"] == topic)
            let renewed = try await RunningBinary.send(client, .GET, callback + "?" + RunningBinary.query([("hub.mode", "subscribe"), ("hub.topic", topic), ("hub.challenge", "challenge-2"), ("hub.lease_seconds", "3600")]))
            #expect(renewed.body == "challenge-2")

            // Unsubscription: the source removed through the API.
            let removed = try await RunningBinary.send(client, .DELETE, server + "/api/sources?url=" + (topic.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? topic), headers: [("Authorization", "Bearer test-token")])
            #expect(removed.status == 204)
            try await hubCalls.wait(until: 3)
            let leaving = WebSubFixtures.form(site.requests.filter { $0.path == "/hub" }[2].body)
            #expect(leaving["hub.mode"] == "unsubscribe" && leaving["hub.callback"] == callback)
            let confirmed = try await RunningBinary.send(client, .GET, callback + "?" + RunningBinary.query([("hub.mode", "unsubscribe"), ("hub.topic", topic), ("hub.challenge", "bye")]))
            #expect(confirmed.body == "bye")
            let gone = try await RunningBinary.send(client, .POST, callback, body: distribution, headers: [("X-Hub-Signature", HubSignature.header(for: distribution, secret: secret))])
            #expect(gone.status == 410, "a forgotten subscription's callback is gone, which lets the hub stop pushing")
        }
        #expect(try await binary.stop() == 0, "a graceful stop")
    }
}
