import ArgumentParser
import FeedwrightCore
import Foundation
import Pipeline
import Store
import Syndication

/// `feedwright sources`: the subscribed sources as the loop sees them.
struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List, add or remove subscribed sources.",
        subcommands: [List.self, Add.self, Remove.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List sources with their state.")
        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            for source in try await options.withStore({ try await $0.sources() }) {
                let state = source.errorCount == 0 ? "ok" : "\(source.errorCount) failure(s): \(source.lastError ?? "")"
                print("\(source.group)\t\(source.url)\tnext \(ISO8601DateFormatter().string(from: source.nextPoll))\t\(state)")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a source to an output feed (group).",
            discussion: """
                A web page that is not a feed is subscribed through the best feed it offers \
                (see `feedwright discover`). With --page the page itself becomes the source: \
                its list of article links is read as a feed (found automatically, or by the \
                --xpath-* expressions), and the source is written to subscriptions.opml as a \
                type="html" outline.
                """)
        @OptionGroup var options: WorkspaceOptions
        @Argument(help: "The feed URL, a web page offering one, or a local path.") var url: String
        @Option(help: "The output feed (group) slug.") var group: String = "subscriptions"
        @Flag(help: "Read the page itself as a listing of articles (a feed for a site without one).") var page = false
        @Option(name: .customLong("xpath-item"), help: "With --page: XPath to each article's element.") var item: String?
        @Option(name: .customLong("xpath-title"), help: "With --page: XPath, from an item, to its title.") var title: String?
        @Option(name: .customLong("xpath-link"), help: "With --page: XPath, from an item, to its link.") var link: String?
        @Option(name: .customLong("xpath-date"), help: "With --page: XPath, from an item, to its date.") var date: String?
        @Option(name: .customLong("xpath-summary"), help: "With --page: XPath, from an item, to its summary.") var summary: String?
        @Flag(help: "Let the page's feed links lead to loopback and private addresses.") var allowPrivateAddresses = false

        func validate() throws {
            if !page && [item, title, link, date, summary].contains(where: { $0 != nil }) { throw ValidationError("the --xpath-* options describe a --page source") }
            if page && !WebURL.isHTTP(url) { throw ValidationError("--page reads a web page: give an http(s) URL") }
        }

        func run() async throws {
            let slug = Subscriptions.slug(group)
            if page {
                let listing = PageListing(item: item, title: title, link: link, date: date, summary: summary)
                let entry = Subscriptions(groups: [Subscriptions.Group(title: group, slug: slug, sources: [url], listings: [url: listing])])
                _ = try options.space.importSubscriptions(entry)
                let source = try await options.withStore { try await $0.upsert(Source(url: url, group: slug)) }
                print("added page \(source.url) to \(source.group) (written to \(options.space.subscriptionsPath))")
                return
            }
            var address = url
            if WebURL.isHTTP(url) {
                let found: [FeedCandidate]
                do {
                    found = try await DiscoverCommand.withDiscovery(for: url, allowPrivate: allowPrivateAddresses) { try await $0.feeds(of: url) }
                } catch {
                    // Offline, or the host is down: subscribe as given; the loop reports its state.
                    FileHandle.standardError.write(Data("note: could not look at \(url) (\(error)); added as given\n".utf8))
                    found = [FeedCandidate(url: url, evidence: .itself)]
                }
                guard let best = found.first else {
                    throw ValidationError("\(url) offers no feed; add it with --page to read the page itself as one")
                }
                address = best.url
                if best.evidence != .itself { print("found \(best.url) (\(best.evidence)) on \(url)") }
            }
            let source = try await options.withStore { try await $0.upsert(Source(url: address, group: slug)) }
            print("added \(source.url) to \(source.group)")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a source and its stored entries.")
        @OptionGroup var options: WorkspaceOptions
        @Argument(help: "The feed URL or local path.") var url: String

        func run() async throws {
            try await options.withStore { try await $0.removeSource(url: url) }
            print("removed \(url)")
            let listed = (try? options.space.readSubscriptions().groups.contains { $0.sources.contains(url) }) ?? false
            if listed {
                FileHandle.standardError.write(Data("note: \(url) is listed in subscriptions.opml and will be added back on the next run; remove it there too\n".utf8))
            }
        }
    }
}
