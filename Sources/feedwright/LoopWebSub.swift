import Fetching
import Foundation
import Logging
import Pipeline
import Server
import Store
import Syndication

/// The server's WebSub callback backed by the loop: the subscriber decides what is genuine, a
/// genuine distribution is ingested as a poll of its source (a ping without a body polls it
/// now), and the in-memory feeds are told what was republished.
struct LoopWebSub: WebSubEndpoint {
    let subscriber: WebSubSubscriber
    let cycle: PollCycle
    let workspace: Workspace
    let feeds: PublishedFeeds
    let logger: Logger

    func verification(id: String, mode: String, topic: String, challenge: String?, leaseSeconds: Int?, reason: String?) async -> String? {
        await subscriber.verify(callbackID: id, mode: mode, topic: topic, challenge: challenge, leaseSeconds: leaseSeconds, reason: reason, now: Date())
    }

    func distribution(id: String, body: [UInt8], signature: String?, contentType: String?) async -> Bool {
        switch await subscriber.receive(callbackID: id, body: body, signature: signature, now: Date()) {
        case .unknown:
            return false
        case .ignored:
            logger.warning("WebSub: ignored a distribution to a callback whose signature did not match", metadata: ["callback": "\(id)"])
            return true
        case let .accepted(sourceURL):
            // Answered at once (§8: hubs time out); the ingest runs on its own.
            let ingest = self
            Task { await ingest.ingest(sourceURL: sourceURL, body: body, contentType: contentType) }
            return true
        }
    }

    func ingest(sourceURL: String, body: [UInt8], contentType: String?) async {
        do {
            guard let source = try await cycle.store.source(url: sourceURL) else { return }
            let listed = (try? workspace.readSubscriptions()) ?? Subscriptions(groups: [])
            let groups = try await workspace.allSubscriptions(listed, store: cycle.store).groups
            let document = body.isEmpty
                ? nil
                : FetchedDocument(bytes: body, charset: HTTPFetcher.charset(contentType), url: source.url, etag: source.etag, lastModified: source.lastModified)
            let report = try await cycle.pollNow(source, groups: groups, document: document)
            feeds.reload(slugs: report.published)
            for error in report.errors { logger.warning("\(error)") }
        } catch {
            logger.error("WebSub: the distribution for \(sourceURL) could not be stored", metadata: ["problem": "\(error)"])
        }
    }
}
