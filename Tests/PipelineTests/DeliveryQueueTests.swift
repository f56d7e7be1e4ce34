import FeedwrightTesting
import NIOConcurrencyHelpers
import Pipeline
import ServiceLifecycleTestKit
import Testing

/// The queue between a hub's answer and the ingest: bounded, in order, and drained by a
/// graceful stop.
@Suite("Pushed work queued and drained", .timeLimit(.minutes(1)))
struct DeliveryQueueTests {
    /// What the queue's work saw, in order, with a door that holds the first item.
    final class Worked: Sendable {
        let items = NIOLockedValueBox<[Int]>([])
        let started = Countdown()
        let door = Latch()

        func work(_ item: Int) async {
            _ = started.increment()
            try? await door.wait()
            items.withLockedValue { $0.append(item) }
        }
    }

    /// Runs `queue` as a service while `body` drives it; returns once the queue's `run` has
    /// returned (after `body` has triggered the graceful stop).
    static func running(_ queue: DeliveryQueue<Int>, _ body: (GracefulShutdownTestTrigger) async throws -> Void) async throws {
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await queue.run() }
                try await body(trigger)
                try await group.waitForAll()
            }
        }
    }

    @Test("a graceful stop in the middle of the work refuses new items and finishes every one taken, in order")
    func drainsOnStop() async throws {
        let worked = Worked()
        let queue = DeliveryQueue<Int>(capacity: 8) { await worked.work($0) }
        try await Self.running(queue) { trigger in
            #expect(queue.submit(0) == .queued)
            // The first item is being worked on (and held) when the rest arrive.
            try await worked.started.wait(until: 1)
            for item in 1...4 { #expect(queue.submit(item) == .queued) }
            trigger.triggerGracefulShutdown()
            #expect(queue.submit(99) == .closed, "a stopping queue takes nothing new")
            worked.door.open()
        }
        #expect(worked.items.withLockedValue { $0 } == [0, 1, 2, 3, 4])
    }

    @Test("a full queue says so instead of dropping, and takes items again once worked off")
    func fullQueue() async throws {
        let worked = Worked()
        let queue = DeliveryQueue<Int>(capacity: 2) { await worked.work($0) }
        try await Self.running(queue) { trigger in
            #expect(queue.submit(0) == .queued)
            try await worked.started.wait(until: 1)
            // Item 0 is held in its work; two more wait; a fourth does not fit.
            #expect(queue.submit(1) == .queued)
            #expect(queue.submit(2) == .queued)
            #expect(queue.submit(3) == .full)
            worked.door.open()
            try await worked.started.wait(until: 3)
            #expect(queue.submit(4) == .queued)
            trigger.triggerGracefulShutdown()
        }
        #expect(worked.items.withLockedValue { $0 } == [0, 1, 2, 4])
    }
}
