import AsyncHTTPClient
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FetchError {
    /// What an error of async-http-client or NIO means for a fetch of `url`, read from its
    /// type: a timeout, a connection that could not be made, a body over the cap, a stop.
    init(transport error: any Error, url: String, limit: Int) {
        switch error {
        case let error as FetchError:
            self = error
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout:
                self = .connectionFailed(url: url, reason: "connect timed out")
            case .deadlineExceeded, .readTimeout, .writeTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout:
                self = .timedOut(url: url)
            case .cancelled:
                self = .cancelled(url: url)
            default:
                self = .unreadable(url: url, reason: "\(error)")
            }
        case is NIOTooManyBytesError:
            self = .tooLarge(url: url, limit: limit)
        case let error as NIOConnectionError:
            let causes = error.connectionErrors.map(\.error)
            if let first = causes.first {
                self = FetchError(transport: first, url: url, limit: limit)
            } else {
                self = .connectionFailed(url: url, reason: "cannot resolve host \(error.host)")
            }
        case let error as IOError:
            switch error.errnoCode {
            case ECONNREFUSED: self = .connectionFailed(url: url, reason: "connection refused")
            case EHOSTUNREACH, ENETUNREACH, EHOSTDOWN, ENETDOWN: self = .connectionFailed(url: url, reason: "host unreachable")
            case ETIMEDOUT: self = .connectionFailed(url: url, reason: "connect timed out")
            default: self = .unreadable(url: url, reason: "\(error)")
            }
        case ChannelError.connectTimeout:
            self = .connectionFailed(url: url, reason: "connect timed out")
        case is CancellationError:
            self = .cancelled(url: url)
        default:
            self = .unreadable(url: url, reason: "\(error)")
        }
    }
}
