/// The names of output feeds: lower-case ASCII letters, digits and dashes, so that a slug is
/// a safe file name and URL segment wherever it is used.
public enum Slug {
    /// The slug for a group title: letters and digits kept (lower-cased), every other run one dash.
    public static func make(from title: String) -> String {
        var result = ""
        for scalar in title.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("-") && !result.isEmpty {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "feed" : result
    }

    /// Whether `text` is a slug (and so safe to join to a directory).
    public static func isValid(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}
