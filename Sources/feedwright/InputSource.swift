import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Where the CLI reads a document from: a file path, `-` for standard input, or an http(s) URL.
struct InputSource {
    /// The argument as the user gave it (used as the `path` in JSON lines).
    let argument: String

    /// The document URL to resolve relative links against: the URL itself for web inputs; none
    /// for files, whose relative links stay relative as the publisher wrote them.
    var documentURL: String? {
        isRemote ? argument : nil
    }

    var isRemote: Bool {
        argument.lowercased().hasPrefix("http://") || argument.lowercased().hasPrefix("https://")
    }

    /// The bytes and the transport's charset, if any.
    func read() async throws -> (bytes: [UInt8], charset: String?) {
        if argument == "-" {
            return (Array(FileHandle.standardInput.readDataToEndOfFile()), nil)
        }
        if isRemote {
            guard let url = URL(string: argument) else { throw InputError.badURL(argument) }
            var request = URLRequest(url: url, timeoutInterval: 30)
            request.setValue("Feedwright/\(Feedwright.version) (+https://github.com/feedwright)", forHTTPHeaderField: "User-Agent")
            let (data, response) = try await URLSession.shared.data(for: request)
            if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                throw InputError.httpStatus(http.statusCode, argument)
            }
            return (Array(data), response.textEncodingName)
        }
        guard FileManager.default.fileExists(atPath: argument) else { throw InputError.missingFile(argument) }
        return (Array(try Data(contentsOf: URL(fileURLWithPath: argument))), nil)
    }
}

/// Problems reading an input before any parsing happens.
enum InputError: Error, CustomStringConvertible {
    case missingFile(String)
    case badURL(String)
    case httpStatus(Int, String)

    var description: String {
        switch self {
        case let .missingFile(path): return "\(path): no such file"
        case let .badURL(url): return "\(url): not a valid URL"
        case let .httpStatus(status, url): return "\(url): HTTP status \(status)"
        }
    }
}
