import FeedwrightCore
import Foundation

/// The page at `/`: the published feeds with links to subscribe, and the sources with their
/// state and last error. Plain HTML and a little CSS, readable on a phone; no script.
enum IndexPage {
    /// The page for `feeds` (slugs) served under `feedsURL`, and `sources` when the loop runs
    /// beside the server (nil for `serve` alone).
    static func html(feeds: [String], feedsURL: String, sources: [SourceState]?, now: Date) -> String {
        var html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Feedwright</title>
            <style>
            body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:52rem;padding:1rem;color:#1b1b1b;background:#fdfdfc}
            h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
            ul{list-style:none;padding:0;margin:0}li{padding:.6rem 0;border-bottom:1px solid #e4e4e0}
            .name{font-weight:600;overflow-wrap:anywhere}.links a{display:inline-block;margin:.3rem .6rem 0 0;padding:.25rem .7rem;border:1px solid #b9b9b2;border-radius:1rem;text-decoration:none;color:#0b4f8a}
            .meta{color:#5b5b55;font-size:.9rem}.url{overflow-wrap:anywhere;font-size:.9rem}
            .error{color:#9b1c1c;font-size:.9rem;overflow-wrap:anywhere}.paused{color:#9b1c1c;font-weight:600}
            code{background:#f0f0ec;padding:0 .25rem;border-radius:.2rem;overflow-wrap:anywhere}
            </style></head><body><h1>Feedwright</h1>
            """
        html += "<h2>Feeds (\(feeds.count))</h2>"
        if feeds.isEmpty {
            html += "<p class=\"meta\">Nothing is published yet: run <code>feedwright run</code>.</p>"
        } else {
            html += "<ul>"
            for slug in feeds {
                let atom = escape(feedsURL + slug + ".atom"), json = escape(feedsURL + slug + ".json")
                html += "<li><div class=\"name\">\(escape(slug))</div><div class=\"links\"><a href=\"\(atom)\" type=\"application/atom+xml\">Atom</a><a href=\"\(json)\" type=\"application/feed+json\">JSON Feed</a></div><div class=\"url\"><code>\(atom)</code></div></li>"
            }
            html += "</ul>"
        }
        if let sources {
            let failing = sources.filter { $0.errorCount > 0 }.count
            html += "<h2>Sources (\(sources.count)\(failing > 0 ? ", \(failing) failing" : ""))</h2><ul>"
            // Failing sources first: they are what a reader of this page came to see.
            for source in sources.filter({ $0.errorCount > 0 }) + sources.filter({ $0.errorCount == 0 }) {
                html += "<li><div class=\"name\">\(escape(source.title ?? source.url))</div>"
                if source.title != nil { html += "<div class=\"url\">\(escape(source.url))</div>" }
                var meta = ["feed \(escape(source.group))", "\(source.entries) entr\(source.entries == 1 ? "y" : "ies")"]
                meta.append(source.lastPolled.map { "polled \(ago($0, now: now))" } ?? "not polled yet")
                if !source.paused, source.nextPoll > now { meta.append("next in \(duration(source.nextPoll.timeIntervalSince(now)))") }
                html += "<div class=\"meta\">\(meta.joined(separator: " · "))</div>"
                if source.paused { html += "<div class=\"paused\">paused after \(source.errorCount) failures</div>" }
                if let error = source.lastError, source.errorCount > 0 {
                    html += "<div class=\"error\">\(source.paused ? "" : "\(source.errorCount) failure\(source.errorCount == 1 ? "" : "s"): ")\(escape(error))</div>"
                }
                html += "</li>"
            }
            html += "</ul>"
        }
        html += "<p class=\"meta\">Feedwright \(escape(Product.version)) · <a href=\"/health\">health</a> · <a href=\"/metrics\">metrics</a></p></body></html>\n"
        return html
    }

    private static func ago(_ date: Date, now: Date) -> String {
        let seconds = now.timeIntervalSince(date)
        return seconds < 60 ? "just now" : "\(duration(seconds)) ago"
    }

    private static func duration(_ seconds: Double) -> String {
        switch seconds {
        case ..<90: return "\(Int(seconds.rounded())) s"
        case ..<5400: return "\(Int((seconds / 60).rounded())) min"
        case ..<172_800: return "\(Int((seconds / 3600).rounded())) h"
        default: return "\(Int((seconds / 86_400).rounded())) days"
        }
    }

    /// Text for HTML content and quoted attributes.
    private static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
