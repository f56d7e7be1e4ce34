import FeedwrightCore
import Fetching
import Foundation
import Markup
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command reads a document from: a file path (`.gz` decompressed), `-` for standard
/// input, or an http(s) URL (fetched like the loop fetches: size cap, timeouts, redirects,
/// charset from Content-Type).
public struct InputSource: Sendable {
    /// The argument as the user gave it (used as the `path` in JSON lines).
    public let argument: String

    public init(argument: String) {
        self.argument = argument
    }

    /// Whether the argument is an http(s) URL.
    public var isRemote: Bool {
        WebURL.isHTTP(argument)
    }

    /// What was read: the bytes, the transport's charset, and the URL to resolve relative links
    /// against (the final URL after redirects for web inputs; none for files, whose relative
    /// links stay relative as the publisher wrote them).
    public struct Input: Sendable {
        public var bytes: [UInt8]
        public var charset: String?
        public var documentURL: String?
    }

    /// Reads the input; `web` fetches URLs (nil when no argument is one).
    public func read(using web: (any DocumentFetcher)?) async throws -> Input {
        if argument == "-" {
            return Input(bytes: Array(FileHandle.standardInput.readDataToEndOfFile()))
        }
        if isRemote {
            guard let web else { throw InputError.badURL(argument) }
            let document = try await web.fetch(argument, etag: nil, lastModified: nil)
            return Input(bytes: document.bytes, charset: document.charset, documentURL: document.url)
        }
        if argument.hasSuffix(".gz") {
            // Archived pages (`.html.gz`): decompressed, within the parser's size cap.
            guard let bytes = CompressedFile.read(path: argument) else { throw InputError.missingFile(argument) }
            return Input(bytes: bytes)
        }
        return Input(bytes: try InputSource.readFile(argument))
    }

    /// The file's bytes, read straight into one array of the file's size: going through `Data`
    /// would hold a large feed in memory twice.
    public static func readFile(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputError.missingFile(path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw InputError.unreadable(path, String(cString: strerror(errno))) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw InputError.unreadable(path, "is a directory") }
        if (status.st_mode & S_IFMT) != S_IFREG {
            // A pipe or device: its size is unknown until it ends.
            return Array(FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).readDataToEndOfFile())
        }
        let size = Int(status.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let got = systemRead(descriptor, buffer.baseAddress! + count, size - count)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { failed = got < 0; break }
                count += got
            }
        }
        if failed { throw InputError.unreadable(path, String(cString: strerror(errno))) }
        return bytes
    }

    /// POSIX `read`, which the instance method `read(using:)` hides by name.
    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    /// Runs `body` with an HTTP fetcher when any of `arguments` is a URL (and shuts its client
    /// down afterwards). The user named these URLs, so private addresses are allowed.
    public static func withWebFetcher<T>(for arguments: [String], _ body: (_ web: (any DocumentFetcher)?) async throws -> T) async throws -> T {
        guard arguments.contains(where: { InputSource(argument: $0).isRemote }) else { return try await body(nil) }
        var options = HTTPFetcher.Options()
        options.addresses = AddressPolicy(allowPrivate: true)
        return try await HTTPFetcher.withClient(options: options) { client in try await body(HTTPFetcher(client: client, options: options)) }
    }
}

extension InputSource {
    /// What went wrong with `input`, for a line that already names it: a fetch error starts
    /// with its URL, which would otherwise be printed twice.
    public static func problem(_ error: any Error, of input: String) -> String {
        let text = "\(error)"
        return text.hasPrefix(input + ": ") ? String(text.dropFirst(input.count + 2)) : text
    }
}

/// Problems reading an input before any parsing happens (printed after the input's name).
public enum InputError: Error, Sendable, CustomStringConvertible {
    /// No file at the path.
    case missingFile(String)
    /// A URL argument without a fetcher to read it, or one that is not a valid URL.
    case badURL(String)
    /// The file exists but reading it failed: the path and the system's reason.
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .missingFile: return "no such file"
        case let .badURL(url): return "\(url): not a valid URL"
        case let .unreadable(_, reason): return reason
        }
    }
}
