import Foundation

/// One line of compact JSON for the command line's `--jsonl` and `--json` outputs: keys sorted
/// (so lines diff and test well), slashes unescaped (URLs stay readable).
public enum JSONLine {
    /// `value` as one line; `{}` if it cannot be encoded (it cannot fail for the contracts).
    public static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
