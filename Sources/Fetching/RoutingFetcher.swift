/// Sends local references to the local fetcher and web URLs to the web fetcher (HTTP, usually
/// wrapped for politeness and robots.txt).
public struct RoutingFetcher: DocumentFetcher {
    /// Reads plain paths and `file:` URLs.
    public var local: LocalFileFetcher
    /// Fetches everything else.
    public var web: any DocumentFetcher

    /// Routes between `local` and `web`.
    public init(local: LocalFileFetcher, web: any DocumentFetcher) {
        self.local = local
        self.web = web
    }

    public func fetch(_ url: String, etag: String?, lastModified: String?) async throws(FetchError) -> FetchedDocument {
        if local.localPath(url) != nil {
            return try await local.fetch(url, etag: etag, lastModified: lastModified)
        }
        return try await web.fetch(url, etag: etag, lastModified: lastModified)
    }
}
