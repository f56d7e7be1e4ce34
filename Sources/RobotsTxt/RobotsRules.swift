/// The rules of one robots.txt for one crawler, as RFC 9309 reads them: the groups naming the
/// crawler's product token (else the `*` groups), `Allow`/`Disallow` path patterns with `*`
/// and a final `$`, the longest matching pattern deciding and `Allow` winning a tie.
public struct RobotsRules: Sendable, Hashable {
    /// One `Allow` or `Disallow` line.
    public struct Rule: Sendable, Hashable {
        /// True for `Allow`.
        public var allow: Bool
        /// The path pattern, with `*` wildcards and an optional final `$`.
        public var pattern: String
    }

    /// The rules that apply to the crawler, in file order.
    public var rules: [Rule]

    /// Rules that allow everything (no robots.txt, or a 4xx answer for it).
    public static let allowAll = RobotsRules(rules: [])
    /// Rules that allow nothing (the robots.txt could not be read because of a server error).
    public static let disallowAll = RobotsRules(rules: [Rule(allow: false, pattern: "/")])

    /// Rules given directly.
    public init(rules: [Rule]) {
        self.rules = rules
    }

    /// Parses `text` for the crawler whose product token is `userAgent` (e.g. `feedwright`).
    /// Lines it does not understand are ignored, as the RFC asks.
    public init(parsing text: String, userAgent: String) {
        let token = userAgent.lowercased()
        var specific: [Rule] = []
        var general: [Rule] = []
        var groupAgents: [String] = []
        var inRules = false
        var sawSpecific = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingSpaces().lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            switch key {
            case "user-agent":
                if inRules { groupAgents = []; inRules = false }
                groupAgents.append(value.lowercased())
            case "allow", "disallow":
                inRules = true
                // An empty Disallow allows everything: it is no rule at all.
                guard !value.isEmpty else { continue }
                let rule = Rule(allow: key == "allow", pattern: value)
                if groupAgents.contains(where: { RobotsRules.agent($0, names: token) }) {
                    specific.append(rule)
                    sawSpecific = true
                } else if groupAgents.contains("*") {
                    general.append(rule)
                }
            default:
                continue
            }
        }
        self.rules = sawSpecific ? specific : general
    }

    /// True when `path` (path and query of a URL) may be fetched.
    public func allows(_ path: String) -> Bool {
        let target = path.isEmpty ? "/" : path
        if target == "/robots.txt" { return true }
        var best: Rule?
        for rule in rules where RobotsRules.matches(rule.pattern, target) {
            guard let current = best else { best = rule; continue }
            if rule.pattern.utf8.count > current.pattern.utf8.count || (rule.pattern.utf8.count == current.pattern.utf8.count && rule.allow) {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    /// A `User-agent` line names the crawler when its product token (before any `/version`)
    /// is the crawler's.
    private static func agent(_ line: String, names token: String) -> Bool {
        let product = line.split(separator: "/", maxSplits: 1).first.map(String.init) ?? line
        return product == token
    }

    /// `*` matches any run of bytes, a final `$` anchors the end; anything else is a prefix
    /// match.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = Array(pattern.utf8)
        let anchored = pattern.last == UInt8(ascii: "$")
        if anchored { pattern.removeLast() }
        let text = Array(path.utf8)
        // Greedy wildcard matching with backtracking to the last `*`.
        var p = 0, t = 0
        var star = -1, starText = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = p
                starText = t
                p += 1
            } else if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p == pattern.count, !anchored {
                return true
            } else if star >= 0 {
                p = star + 1
                starText += 1
                t = starText
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
