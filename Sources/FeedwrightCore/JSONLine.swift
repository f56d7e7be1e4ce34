import Foundation

/// The command line's `--jsonl` and `--json` lines: written by ``JSONWriter``, printed as bytes.
public enum JSONLine {
    /// The line for an input that failed: `{"error": message, "path": path}`.
    public static func error(path: String, message: String) -> [UInt8] {
        ErrorLine(path: path, message: message).jsonLineBytes()
    }

    /// Writes `bytes` to standard output, unbuffered: one line is one write, so lines of
    /// concurrent work never interleave and a killed process leaves only whole lines.
    public static func print(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    private struct ErrorLine: JSONWritable {
        var path: String
        var message: String

        func write(to writer: inout JSONWriter) {
            writer.object {
                $0.field("error", message)
                $0.field("path", path)
            }
        }
    }
}
