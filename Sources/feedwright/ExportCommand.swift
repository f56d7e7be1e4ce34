import ArgumentParser
import FeedwrightCore
import Foundation
import Store

/// `feedwright export`: every stored entry as one JSON line, a backup people can read.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print every stored entry as a JSON line: source, id, group, link, title, updated.",
        discussion: "By source URL, then entry identity. The store is --database (or FEEDWRIGHT_DATABASE), else the workspace's SQLite file."
    )

    @OptionGroup var options: WorkspaceOptions

    func run() async throws {
        let entries = try await options.withStore { try await $0.exportEntries() }
        var output: [UInt8] = []
        output.reserveCapacity(entries.count * 200)
        for entry in entries {
            output += ExportLine(entry: entry).jsonLineBytes()
            if output.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(output))
                output.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(Data(output))
    }
}

/// One exported entry in the order `export` documents.
struct ExportLine: JSONWritable {
    let entry: ExportedEntry

    func write(to writer: inout JSONWriter) {
        writer.object { object in
            object.field("source", entry.source)
            object.field("id", entry.id)
            object.field("group", entry.group)
            object.field("link", entry.link)
            object.field("title", entry.title)
            object.field("updated", TimestampFormat.rfc3339(entry.updated))
        }
    }
}
