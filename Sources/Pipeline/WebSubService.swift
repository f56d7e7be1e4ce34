import Foundation
import Logging
import ServiceLifecycle

/// The subscriber's upkeep as a service: ``WebSubSubscriber/maintain(now:)`` at once, then
/// whenever it has something due or a hub granted a lease here, and at least every ``period``
/// (sources removed, leases granted to another worker), until the service group shuts down.
public struct WebSubService: Service {
    /// Whose subscriptions are cared for.
    public var subscriber: WebSubSubscriber
    /// The longest pause between two rounds.
    public var period: Duration = .seconds(60)
    /// Where the problems of each round (a hub refusing a renewal) are logged.
    public var logger: Logger

    /// A service caring for `subscriber`'s subscriptions.
    public init(subscriber: WebSubSubscriber, logger: Logger = Logger(label: "feedwright.websub")) {
        self.subscriber = subscriber
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = Date()
            let (problems, next) = await subscriber.maintain(now: now)
            for problem in problems { logger.warning("\(problem)") }
            let untilNext = next.map { max($0.timeIntervalSince(Date()), 0.05) } ?? period.seconds
            let pause = Duration.milliseconds(Int64(min(untilNext, period.seconds) * 1000))
            let granted = subscriber.leaseGranted
            await cancelWhenGracefulShutdown { await granted.nap(for: pause) }
        }
    }
}
