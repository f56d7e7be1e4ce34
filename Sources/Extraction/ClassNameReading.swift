/// What one `class` or `id` value says about its element, read from its words.
///
/// A page spells the same few class names on hundreds of elements (`menu-item`, `post-card`),
/// and reading one means splitting it into words and looking each up in several word lists,
/// so a walk keeps the readings it has made in ``ClassNameReadings``.
struct ClassNameReading: Sendable {
    /// The words name readers' comments (``BoilerplatePatterns/namesComments(_:)``).
    let namesComments: Bool
    /// Words that name chrome (`share`, `sidebar`).
    let chromeWords: Int
    /// Words that name the article (`entry-content`, `story`).
    let articleWords: Int

    init(_ value: String) {
        let (tokens, nameStarts) = BoilerplatePatterns.names(value)
        namesComments = BoilerplatePatterns.namesComments(tokens)
        (chromeWords, articleWords) = BoilerplatePatterns.tally(tokens: tokens, nameStarts: nameStarts)
    }
}

/// The `class` and `id` readings one walk of a page has made, by spelling.
struct ClassNameReadings {
    private var readings: [String: ClassNameReading] = [:]

    /// The reading of `value`, made the first time the page spells it.
    mutating func reading(_ value: String) -> ClassNameReading {
        if let known = readings[value] { return known }
        let reading = ClassNameReading(value)
        readings[value] = reading
        return reading
    }
}
