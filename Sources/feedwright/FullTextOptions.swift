import ArgumentParser
import Pipeline

/// `--fulltext` and its limits, shared by `run` and `serve`.
struct FullTextOptions: ParsableArguments {
    @Flag(help: "Serve full text on demand: /fulltext?url=FEED[&max=N][&format=atom|json] and /extract?url=ARTICLE.")
    var fulltext = false

    @Option(name: .customLong("fulltext-allow"), help: ArgumentHelp("Only fetch full text for feeds on this host or its subdomains (repeatable).", valueName: "host"))
    var allowedHosts: [String] = []

    @Option(name: .customLong("fulltext-rate"), help: "Full-text requests one client may make per minute.")
    var perMinute: Int = 30

    var settings: FullTextFeeds.Settings {
        var settings = FullTextFeeds.Settings()
        settings.allowedHosts = allowedHosts
        return settings
    }
}
