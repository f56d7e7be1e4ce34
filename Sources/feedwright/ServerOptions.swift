import ArgumentParser

/// Where `run` and `serve` listen.
struct ServerOptions: ParsableArguments {
    @Option(help: "The port to serve the feeds on (for run: 0 means no server).")
    var port: Int = 8080

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"
}
