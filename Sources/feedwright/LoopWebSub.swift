import Fetching
import Foundation
import Logging
import Pipeline
import Server
import Store
import Syndication

/// The server's WebSub callback backed by the loop: the subscriber decides what is genuine,
/// and a genuine distribution is queued for ``PushedFeedIngest`` (answered at once, ingested
/// after the answer, and never dropped once answered).
struct LoopWebSub: WebSubEndpoint {
    let subscriber: WebSubSubscriber
    let queue: DeliveryQueue<PushedFeed>
    let logger: Logger

    func verification(id: String, mode: String, topic: String, challenge: String?, leaseSeconds: Int?, reason: String?) async -> String? {
        await subscriber.verify(callbackID: id, mode: mode, topic: topic, challenge: challenge, leaseSeconds: leaseSeconds, reason: reason, now: Date())
    }

    func distribution(id: String, body: [UInt8], signature: String?, contentType: String?) async -> WebSubDistributionAnswer {
        switch await subscriber.receive(callbackID: id, body: body, signature: signature, now: Date()) {
        case .unknown:
            return .unknown
        case .ignored:
            logger.warning("WebSub: ignored a distribution to a callback whose signature did not match", metadata: ["callback": "\(id)"])
            return .taken
        case let .accepted(sourceURL):
            switch queue.submit(PushedFeed(sourceURL: sourceURL, body: body, contentType: contentType)) {
            case .queued:
                return .taken
            case .full, .closed:
                logger.notice("WebSub: a distribution was refused for now (stopping, or too many waiting); the hub will deliver it again", metadata: ["source": "\(sourceURL)"])
                return .busy
            }
        }
    }
}

/// A genuine distribution waiting to be ingested.
struct PushedFeed: Sendable {
    var sourceURL: String
    /// The feed document pushed; empty for a ping, which polls the source now.
    var body: [UInt8]
    var contentType: String?
}

/// Ingests a pushed feed as a poll of its source, and tells the in-memory feeds what was
/// republished.
struct PushedFeedIngest: Sendable {
    let cycle: PollCycle
    let workspace: Workspace
    let feeds: PublishedFeeds
    let logger: Logger

    func ingest(_ pushed: PushedFeed) async {
        do {
            guard let source = try await cycle.store.source(url: pushed.sourceURL) else { return }
            let listed = (try? workspace.readSubscriptions()) ?? Subscriptions(groups: [])
            let groups = try await workspace.allSubscriptions(listed, store: cycle.store).groups
            let document = pushed.body.isEmpty
                ? nil
                : FetchedDocument(bytes: pushed.body, charset: HTTPFetcher.charset(pushed.contentType), url: source.url, etag: source.etag, lastModified: source.lastModified)
            let report = try await cycle.pollNow(source, groups: groups, document: document)
            feeds.reload(slugs: report.published)
            for error in report.errors { logger.warning("\(error)") }
        } catch {
            logger.error("WebSub: the distribution for \(pushed.sourceURL) could not be stored", metadata: ["problem": "\(error)"])
        }
    }
}
