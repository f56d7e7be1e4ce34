import Pipeline
import Testing

@Suite("The loop's figures at /metrics and /health")
struct LoopMetricsTests {
    @Test("cycles add up, the ratio and the skipped hosts are exposed, a broken subscriptions file degrades health until it is fixed")
    func figures() {
        let metrics = LoopMetrics()
        var report = PollCycle.Report()
        report.polled = 4
        report.failed = 1
        report.notModified = 2
        report.newEntries = 3
        report.extracted = 2
        report.extractionFailures = 1
        report.hostsSkipped = 1
        report.requestsSkipped = 9
        report.errors = ["one line"]
        metrics.record(report, seconds: 0.5)
        metrics.record(report, seconds: 1.5)
        let exposition = metrics.exposition()
        #expect(exposition.contains("feedwright_cycles_total 2\n"))
        #expect(exposition.contains("feedwright_polls_total 8\n"))
        #expect(exposition.contains("feedwright_poll_errors_total 2\n"))
        #expect(exposition.contains("feedwright_not_modified_ratio 0.5000\n"))
        #expect(exposition.contains("feedwright_articles_extracted_total 4\n"))
        #expect(exposition.contains("feedwright_hosts_skipped_total 2\n"))
        #expect(exposition.contains("feedwright_requests_skipped_total 18\n"))
        #expect(exposition.contains("feedwright_cycle_seconds_last 1.500\n"))
        #expect(exposition.contains("feedwright_cycle_seconds_total 2.000\n"))
        #expect(metrics.snapshot.last.errors.isEmpty, "error lines are logged, not kept")
        #expect(metrics.healthText == "ok\n")
        metrics.recordSubscriptions(problem: "subscriptions: not well-formed OPML at line 2, column 7")
        #expect(metrics.healthText == "degraded: subscriptions: not well-formed OPML at line 2, column 7\n")
        #expect(metrics.exposition().contains("feedwright_subscriptions_broken 1\n"))
        metrics.recordSubscriptions(problem: nil)
        #expect(metrics.healthText == "ok\n")
        #expect(metrics.exposition().contains("feedwright_subscriptions_errors_total 1\n"))
    }
}
