import Logging

/// A log handler that hands metadata to the handler it wraps only when a message is logged.
///
/// Hummingbird stamps every request's logger with a request ID. swift-log's
/// `StreamLogHandler` re-renders all of its metadata as text each time one key is set, which
/// cost the feed path about 7 % of its time for log lines that are almost never written (they
/// are at debug level). Here the key is only stored; the wrapped handler sees it when a
/// message passes the level.
struct QuietMetadataLogHandler: LogHandler {
    private var wrapped: any LogHandler
    var metadata: Logger.Metadata = [:]

    init(wrapping wrapped: any LogHandler) {
        self.wrapped = wrapped
        metadata = wrapped.metadata
    }

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        var handler = wrapped
        handler.metadata = metadata
        handler.log(level: level, message: message, metadata: extra, source: source, file: file, function: function, line: line)
    }
}

extension Logger {
    /// This logger with metadata kept aside until a message is written
    /// (``QuietMetadataLogHandler``).
    func quietMetadata() -> Logger {
        var logger = self
        logger.handler = QuietMetadataLogHandler(wrapping: handler)
        return logger
    }
}
