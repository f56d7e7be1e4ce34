/// An author or contributor.
public struct Person: Sendable, Hashable, Codable {
    public var name: String?
    public var email: String?
    public var uri: String?

    public init(name: String? = nil, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }

    /// The most human way to refer to the person: name, else e-mail, else URI.
    public var displayName: String? {
        name ?? email ?? uri
    }
}
