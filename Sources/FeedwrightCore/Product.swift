/// Who Feedwright is on the wire and in the documents it writes: one place for the version.
public enum Product {
    /// The product's name, as in `<generator>` and the User-Agent.
    public static let name = "Feedwright"
    /// The released version.
    public static let version = "0.1.0"
    /// Where people learn what is fetching their pages.
    public static let homepage = "https://github.com/feedwright/feedwright"
    /// The User-Agent every request sends: a product token robots.txt groups can name
    /// (`feedwright`), the version, and a link.
    public static let userAgent = "\(name)/\(version) (+\(homepage))"
}
