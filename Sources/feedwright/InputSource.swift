import Fetching
import Foundation

/// Where the CLI reads a document from: a file path, `-` for standard input, or an http(s) URL
/// (fetched like the loop fetches: size cap, timeouts, redirects, charset from Content-Type).
struct InputSource {
    /// The argument as the user gave it (used as the `path` in JSON lines).
    let argument: String

    var isRemote: Bool {
        argument.lowercased().hasPrefix("http://") || argument.lowercased().hasPrefix("https://")
    }

    /// What was read: the bytes, the transport's charset, and the URL to resolve relative links
    /// against (the final URL after redirects for web inputs; none for files, whose relative
    /// links stay relative as the publisher wrote them).
    struct Input {
        var bytes: [UInt8]
        var charset: String?
        var documentURL: String?
    }

    func read(using web: (any DocumentFetcher)?) async throws -> Input {
        if argument == "-" {
            return Input(bytes: Array(FileHandle.standardInput.readDataToEndOfFile()))
        }
        if isRemote {
            guard let web else { throw InputError.badURL(argument) }
            let document = try await web.fetch(argument, etag: nil, lastModified: nil)
            return Input(bytes: document.bytes, charset: document.charset, documentURL: document.url)
        }
        guard FileManager.default.fileExists(atPath: argument) else { throw InputError.missingFile(argument) }
        return Input(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: argument))))
    }

    /// Runs `body` with an HTTP fetcher when any of `arguments` is a URL (and shuts its client
    /// down afterwards). The user named these URLs, so private addresses are allowed.
    static func withWebFetcher<T>(for arguments: [String], _ body: (_ web: (any DocumentFetcher)?) async throws -> T) async throws -> T {
        guard arguments.contains(where: { InputSource(argument: $0).isRemote }) else { return try await body(nil) }
        var options = HTTPFetcher.Options()
        options.addresses = AddressPolicy(allowPrivate: true)
        let client = HTTPFetcher.makeClient(options: options)
        do {
            let result = try await body(HTTPFetcher(client: client, options: options))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}

/// Problems reading an input before any parsing happens.
enum InputError: Error, CustomStringConvertible {
    case missingFile(String)
    case badURL(String)

    var description: String {
        switch self {
        case let .missingFile(path): return "\(path): no such file"
        case let .badURL(url): return "\(url): not a valid URL"
        }
    }
}
