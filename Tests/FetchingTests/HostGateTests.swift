import Foundation
import Synchronization
import Testing
@testable import Fetching

@Suite struct HostGateTests {
    @Test func concurrencyPerHostIsBounded() async throws {
        let fake = FakeFetcher { url throws(FetchError) in
            try? await Task.sleep(for: .milliseconds(20))
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
        let finishFirst = Mutex(false)
        let fake = FakeFetcher { url throws(FetchError) in
            while !finishFirst.withLock({ $0 }) {
                try? await Task.sleep(for: .milliseconds(5))
            }
            return FetchedDocument(bytes: [], url: url)
        }
        let polite = PoliteFetcher(fake, gate: HostGate(policy: .init(maximumConcurrent: 1, minimumDelay: .zero)))
        let first = Task { try await polite.fetch("http://one.example/a", etag: nil, lastModified: nil) }
        while fake.requests.isEmpty {
            try await Task.sleep(for: .milliseconds(5))
        }
        let second = Task { try await polite.fetch("http://one.example/b", etag: nil, lastModified: nil) }
        try await Task.sleep(for: .milliseconds(20))
        second.cancel()
        await #expect(throws: FetchError.cancelled(url: "http://one.example/b")) { try await second.value }
        finishFirst.withLock { $0 = true }
        _ = try await first.value
        #expect(fake.requests == ["http://one.example/a"])
    }
}
