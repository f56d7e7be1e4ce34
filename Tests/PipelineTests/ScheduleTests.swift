import Foundation
import Pipeline
import Store
import Testing

@Suite struct ScheduleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func dates(everyHours hours: Double, count: Int, lastHoursAgo: Double = 0) -> [Date] {
        (0..<count).map { now.addingTimeInterval(-(lastHoursAgo + Double($0) * hours) * 3600) }
    }

    @Test func followsThePublishingRate() {
        #expect(Schedule.interval(entryDates: dates(everyHours: 2, count: 10), publisherMinimum: nil, now: now) == 3600)
        #expect(Schedule.interval(entryDates: dates(everyHours: 0.1, count: 10), publisherMinimum: nil, now: now) == Schedule.minimum)
        #expect(Schedule.interval(entryDates: dates(everyHours: 24 * 7, count: 5), publisherMinimum: nil, now: now) == Schedule.maximum)
    }

    @Test func aQuietSourceSlowsDown() {
        // Busy once, silent for four days since: polled daily, not every few minutes.
        let interval = Schedule.interval(entryDates: dates(everyHours: 0.5, count: 10, lastHoursAgo: 96), publisherMinimum: nil, now: now)
        #expect(interval == Schedule.maximum)
    }

    @Test func publisherHintsAreAMinimum() {
        #expect(Schedule.interval(entryDates: dates(everyHours: 0.5, count: 10), publisherMinimum: 6 * 3600, now: now) == 6 * 3600)
        #expect(Schedule.interval(entryDates: [], publisherMinimum: nil, now: now) == Schedule.standard)
        #expect(Schedule.interval(entryDates: [], publisherMinimum: 90 * 24 * 3600, now: now) == Schedule.maximum)
        // Future-dated entries say nothing about the rate.
        #expect(Schedule.interval(entryDates: [now.addingTimeInterval(3600), now.addingTimeInterval(7200)], publisherMinimum: nil, now: now) == Schedule.standard)
    }

    @Test func jitterIsStableAndBounded() {
        let urls = (0..<200).map { "https://feeds\($0).example/rss" }
        let spread = urls.map { Schedule.jittered(3600, key: $0) }
        #expect(spread.allSatisfy { $0 >= 3240 && $0 <= 3960 })
        #expect(Set(spread.map { Int($0) }).count > 150, "sources do not stay in lockstep")
        #expect(urls.map { Schedule.jittered(3600, key: $0) } == spread)
    }

    @Test func backoffDoublesUpToADay() {
        #expect(Schedule.backoff(interval: 3600, failures: 1) == 7200)
        #expect(Schedule.backoff(interval: 3600, failures: 3) == 8 * 3600)
        #expect(Schedule.backoff(interval: 3600, failures: 30) == Schedule.maximum)
    }

    @Test func sourcesTakeTurnsByHost() {
        let urls = ["https://a.example/1", "https://a.example/2", "https://a.example/3", "https://b.example/1", "samples/local.rss", "https://B.example/2"]
        let order = PollCycle.interleavedByHost(urls.map { Source(url: $0, group: "g") }).map(\.url)
        #expect(order == ["https://a.example/1", "https://b.example/1", "samples/local.rss", "https://a.example/2", "https://B.example/2", "https://a.example/3"])
    }
}
