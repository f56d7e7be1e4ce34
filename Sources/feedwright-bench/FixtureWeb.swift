import Foundation

/// The web the loop benchmark polls: `feeds` RSS feeds spread over `hosts` loopback
/// addresses. In generation 0 every feed has one item; in each later generation
/// `changing` of them gain an item (a different slice each time) and the rest are unchanged,
/// answering 304 to a conditional request. Articles are real pages from the extraction corpus.
struct FixtureWeb: Sendable {
    var feeds: Int
    var hosts: Int
    var changing: Int

    /// Every feed changes once in this many generations.
    var changeEvery: Int { max(feeds / max(changing, 1), 1) }

    /// The loopback address of host `index` (127.1.0.1, 127.1.0.2, …; all of 127/8 is loopback on Linux).
    static func address(host index: Int) -> String {
        "127.1.\(index / 250).\(index % 250 + 1)"
    }

    func feedURL(_ feed: Int, port: Int) -> String {
        "http://\(FixtureWeb.address(host: feed % hosts)):\(port)/feed/\(feed).xml"
    }

    /// How many times feed `feed` has changed by generation `generation`.
    func version(feed: Int, generation: Int) -> Int {
        // Feed `feed` changes in the generations g ≥ 1 with g ≡ feed (mod changeEvery).
        let phase = feed % changeEvery
        let first = phase == 0 ? changeEvery : phase
        return first > generation ? 0 : (generation - first) / changeEvery + 1
    }

    /// The feed document (newest ten items) for `version`.
    func feed(_ feed: Int, version: Int, origin: String) -> [UInt8] {
        let base = Date(timeIntervalSince1970: 1_790_000_000)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        var items = ""
        for item in stride(from: version, through: max(0, version - 9), by: -1) {
            let link = "\(origin)/article/\(feed)/\(item).html"
            items += "<item><title>Story \(item) from feed \(feed)</title><link>\(link)</link><guid>\(link)</guid>"
            items += "<pubDate>\(formatter.string(from: base.addingTimeInterval(Double(item) * 7200)))</pubDate>"
            items += "<description>A one-line teaser for story \(item).</description></item>"
        }
        return Array("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Feed \(feed)</title><link>\(origin)/</link><description>Benchmark feed</description>\(items)</channel></rss>".utf8)
    }
}
