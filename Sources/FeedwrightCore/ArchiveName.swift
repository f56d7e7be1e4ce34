/// Where a republished feed's archive documents (RFC 5005) are published:
/// `<slug>/archive/<n>.atom` and `.json` beside `<slug>.atom`, in the public directory and
/// under `/feeds/` alike.
public struct ArchiveName: Sendable, Hashable {
    /// The feed's slug.
    public var slug: String
    /// The page, counted from the oldest (1).
    public var number: Int

    public init(slug: String, number: Int) {
        self.slug = slug
        self.number = number
    }

    /// Reads a name without its extension (`harbour-news/archive/3`); nil for anything else,
    /// so that no other path is ever answered.
    public init?(_ stem: Substring) {
        let parts = stem.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, Slug.isValid(parts[0]), parts[1] == "archive", let number = Int(parts[2]), number > 0,
              String(number) == parts[2]
        else { return nil }
        self.init(slug: String(parts[0]), number: number)
    }

    /// The folder, relative to the public directory, that holds `slug`'s archives (with its
    /// trailing slash).
    public static func folder(slug: String) -> String { "\(slug)/archive/" }

    /// The published name with `extension` (`atom`, `json`).
    public func name(_ extension: String) -> String { Self.folder(slug: slug) + "\(number).\(`extension`)" }
}
