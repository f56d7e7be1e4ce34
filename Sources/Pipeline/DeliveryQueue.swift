import ServiceLifecycle

/// Work taken from outside that must not be lost once taken (a hub's content distribution,
/// answered before it is ingested), and the service that does it in the order it came.
///
/// A WebSub hub is answered at once (a hub waits only so long), so between the answer and the
/// ingest a distribution lives only here. The queue is bounded: when it is full the caller is
/// told so and can say "busy", and a hub retries later; nothing queued is dropped. A graceful
/// stop closes the queue to new work and finishes every item already taken before the service
/// returns, so a stop right after an answer loses nothing.
public struct DeliveryQueue<Delivery: Sendable>: Service {
    /// What became of an item offered to the queue.
    public enum Submission: Sendable, Equatable {
        /// Taken: it will be worked on, before a graceful stop completes.
        case queued
        /// Not taken: `capacity` items are already waiting.
        case full
        /// Not taken: the queue is stopping or stopped.
        case closed
    }

    private let items: AsyncStream<Delivery>
    private let intake: AsyncStream<Delivery>.Continuation
    private let work: @Sendable (Delivery) async -> Void

    /// A queue of at most `capacity` waiting items, each handed to `work` in turn.
    public init(capacity: Int = 64, work: @escaping @Sendable (Delivery) async -> Void) {
        (items, intake) = AsyncStream.makeStream(of: Delivery.self, bufferingPolicy: .bufferingOldest(capacity))
        self.work = work
    }

    /// Offers `delivery`; it is worked on only when the answer is `.queued`.
    public func submit(_ delivery: Delivery) -> Submission {
        switch intake.yield(delivery) {
        case .enqueued: return .queued
        case .dropped: return .full
        case .terminated: return .closed
        @unknown default: return .closed
        }
    }

    /// Works through the queue until a graceful stop has closed it and it is empty.
    public func run() async throws {
        await withGracefulShutdownHandler {
            for await delivery in items { await work(delivery) }
        } onGracefulShutdown: {
            intake.finish()
        }
    }
}
