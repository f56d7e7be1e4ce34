import FeedwrightCore
import Foundation
import Syndication

/// The human-readable summary `feedwright parse` prints without `--json`.
struct FeedSummary {
    let parsed: ParsedFeed

    init(_ parsed: ParsedFeed) {
        self.parsed = parsed
    }

    var text: String {
        let feed = parsed.feed
        var lines: [String] = []
        lines.append("\(feed.title.map { $0.value } ?? "(untitled)")  [\(feed.format.rawValue)]")
        if let link = feed.alternateLink { lines.append("  link: \(link)") }
        if let updated = feed.updated { lines.append("  updated: \(TimestampFormat.rfc3339(updated))") }
        lines.append("  \(feed.entries.count) entr\(feed.entries.count == 1 ? "y" : "ies")")
        for entry in feed.entries.prefix(20) {
            let date = (entry.published ?? entry.updated).map(TimestampFormat.rfc3339) ?? "undated             "
            lines.append("  - \(date)  \(entry.title?.value.prefix(70) ?? "(untitled)")")
            if let link = entry.alternateLink { lines.append("      \(link)") }
        }
        if feed.entries.count > 20 { lines.append("  … \(feed.entries.count - 20) more") }
        if !parsed.warnings.isEmpty {
            lines.append("  \(parsed.warnings.count) warning(s):")
            for warning in parsed.warnings.prefix(10) { lines.append("    \(warning)") }
        }
        return lines.joined(separator: "\n")
    }
}
