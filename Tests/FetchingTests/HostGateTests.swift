import FeedwrightTesting
import Foundation
import Testing
@testable import Fetching

@Suite(.timeLimit(.minutes(1))) struct HostGateTests {
    @Test func concurrencyPerHostIsBounded() async throws {
        // The first two requests to a.example each wait until both are in flight: a gate
        // allowing fewer would never let this test finish.
        let inFlightA = Countdown()
        let fake = FakeFetcher { url throws(FetchError) in
            if url.contains("a.example") {
                inFlightA.increment()
                try? await inFlightA.wait(until: 2)
            }
            return FetchedDocument(bytes: Array(url.utf8), url: url)
        }
        let polite = PoliteFetcher(fake, gate: HostGate(policy: .init(maximumConcurrent: 2, minimumDelay: .zero)))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                let host = index % 3 == 0 ? "b.example" : "a.example"
                group.addTask { _ = try await polite.fetch("http://\(host)/\(index)", etag: nil, lastModified: nil) }
            }
            try await group.waitForAll()
        }
        #expect(fake.requests.count == 12)
        #expect(fake.mostInFlight("a.example") <= 2)
        #expect(fake.mostInFlight("b.example") <= 2)
        // Other hosts are not held back by a busy one: both ran requests side by side.
        #expect(fake.mostInFlight("a.example") == 2)
    }

    @Test func startsToOneHostAreSpaced() async throws {
        let fake = FakeFetcher { url throws(FetchError) in FetchedDocument(bytes: [], url: url) }
        let delay = Duration.milliseconds(40)
        let polite = PoliteFetcher(fake, gate: HostGate(policy: .init(maximumConcurrent: 4, minimumDelay: delay)))
        let begin = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<5 {
                group.addTask { _ = try await polite.fetch("http://slow.example/\(index)", etag: nil, lastModified: nil) }
            }
            try await group.waitForAll()
        }
        // The n-th request is scheduled n delays after the first; sleeping never ends early, so
        // these are lower bounds that a slow machine cannot break.
        let starts = fake.starts("slow.example").sorted()
        #expect(starts.count == 5)
        for (index, start) in starts.enumerated() {
            #expect(start - begin >= delay * index)
        }
    }

    @Test func cancelledWaiterGivesUpItsPlace() async throws {
        // The first request holds the only slot until the test lets it go.
        let finishFirst = Latch()
        let firstStarted = Latch()
        let fake = FakeFetcher { url throws(FetchError) in
            firstStarted.open()
            try? await finishFirst.wait()
            return FetchedDocument(bytes: [], url: url)
        }
        let gate = HostGate(policy: .init(maximumConcurrent: 1, minimumDelay: .zero))
        let polite = PoliteFetcher(fake, gate: gate)
        let first = Task { try await polite.fetch("http://one.example/a", etag: nil, lastModified: nil) }
        try await firstStarted.wait()
        let second = Task { try await polite.fetch("http://one.example/b", etag: nil, lastModified: nil) }
        // Cancelled while queued for the slot, not before it got there.
        while await gate.waiters(host: "one.example") == 0 { await Task.yield() }
        second.cancel()
        await #expect(throws: FetchError.cancelled(url: "http://one.example/b")) { try await second.value }
        #expect(await gate.waiters(host: "one.example") == 0)
        finishFirst.open()
        _ = try await first.value
        #expect(fake.requests == ["http://one.example/a"])
    }
}
