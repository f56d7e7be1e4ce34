import Extraction
import Foundation
import Markup

/// Generates real-world-shaped feeds of a given size: namespaced extensions, CDATA and escaped
/// HTML bodies of a few kilobytes, dates, authors and categories, as large publishers serve.
enum SyntheticFeed {
    static func rss(bytes target: Int) -> [UInt8] {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
            <channel><title>Synthetic News</title><link>https://news.example.com/</link>
            <description>Benchmark feed</description><atom:link rel="self" href="https://news.example.com/feed"/>

            """
        var index = 0
        while xml.utf8.count < target {
            xml += """
                <item><title>Story \(index): markets &amp; politics</title><link>https://news.example.com/story/\(index)</link>
                <guid isPermaLink="false">story-\(index)</guid><pubDate>Tue, 10 Jun 2003 04:\(String(format: "%02d", index % 60)):00 GMT</pubDate>
                <dc:creator>Reporter \(index % 17)</dc:creator><category>World</category><category>Economy</category>
                <description>\(escapedSummary(index))</description>
                <content:encoded><![CDATA[\(body(index))]]></content:encoded>
                <media:thumbnail url="https://news.example.com/img/\(index).jpg" width="120" height="80"/>
                </item>

                """
            index += 1
        }
        xml += "</channel></rss>\n"
        return Array(xml.utf8)
    }

    static func atom(bytes target: Int) -> [UInt8] {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Synthetic Blog</title>
            <id>tag:blog.example.com,2024:feed</id><updated>2024-05-01T10:00:00Z</updated>
            <link rel="alternate" href="https://blog.example.com/"/><link rel="self" href="https://blog.example.com/feed.atom"/>
            <author><name>Blogger</name></author>

            """
        var index = 0
        while xml.utf8.count < target {
            xml += """
                <entry><title type="html">Post \(index) &lt;em&gt;about&lt;/em&gt; things</title>
                <link rel="alternate" type="text/html" href="https://blog.example.com/\(index)"/>
                <id>tag:blog.example.com,2024:\(index)</id><updated>2024-05-01T10:\(String(format: "%02d", index % 60)):00Z</updated>
                <published>2024-04-30T08:00:00-07:00</published><category term="swift"/><category term="feeds"/>
                <summary>\(escapedSummary(index))</summary>
                <content type="html">\(escape(body(index)))</content></entry>

                """
            index += 1
        }
        xml += "</feed>\n"
        return Array(xml.utf8)
    }

    private static func body(_ index: Int) -> String {
        var html = "<div class=\"story\">"
        for paragraph in 0..<8 {
            html += "<p>Paragraph \(paragraph) of story \(index). The quick brown fox jumps over the lazy dog, "
            html += "while <a href=\"https://example.com/\(paragraph)\">analysts</a> note that caf\u{E9} prices rose 3&nbsp;% "
            html += "and <strong>markets</strong> reacted “cautiously” to the news — a familiar pattern.</p>"
        }
        html += "<figure><img src=\"https://news.example.com/img/\(index).jpg\" alt=\"\"><figcaption>Photo</figcaption></figure></div>"
        return html
    }

    private static func escapedSummary(_ index: Int) -> String {
        escape("<p>Summary of story \(index) with <b>bold</b> & an ampersand.</p>")
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// Full-text feeds whose bodies are real: each dev page's article as Feedwright extracts it
/// (real markup, many languages), twenty to an RSS file, as a full-text feed carries them.
/// The set is written `copies` times over, so that a command's start-up is a small part of
/// what is timed.
enum ArticleFeeds {
    /// Writes the feeds into `directory` and returns their paths; none when no pages are found.
    static func write(from pages: String, into directory: URL, copies: Int = 4) throws -> [URL] {
        let files = (FileManager.default.enumerator(atPath: pages)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".html") || $0.hasSuffix(".html.gz") }.sorted()
        var articles: [(title: String, html: String)] = []
        for file in files {
            guard let bytes = CompressedFile.read(path: (pages as NSString).appendingPathComponent(file)),
                  let article = try? ArticleExtractor.extract(bytes) else { continue }
            articles.append((article.title ?? file, article.html))
        }
        articles = Array([[(title: String, html: String)]](repeating: articles, count: copies).joined())
        var paths: [URL] = []
        for start in stride(from: 0, to: articles.count, by: 20) {
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Articles \(start)</title><link>https://example.com/</link>\n"
            for (offset, article) in articles[start..<min(articles.count, start + 20)].enumerated() {
                let index = start + offset
                xml += "<item><title>\(escape(article.title))</title><link>https://example.com/\(index)</link><guid>article-\(index)</guid>"
                xml += "<pubDate>Tue, 10 Jun 2003 04:\(String(format: "%02d", index % 60)):00 GMT</pubDate>"
                xml += "<content:encoded><![CDATA[\(article.html.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>"))]]></content:encoded></item>\n"
            }
            xml += "</channel></rss>\n"
            let path = directory.appendingPathComponent("articles-\(start / 20).rss.xml")
            try Data(xml.utf8).write(to: path)
            paths.append(path)
        }
        return paths
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
