import Hummingbird
import NIOCore

/// The request context of Feedwright's routes: Hummingbird's basic one plus the client's
/// address, which the full-text rate limit is kept by.
public struct FeedRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's address (the peer of the connection).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
