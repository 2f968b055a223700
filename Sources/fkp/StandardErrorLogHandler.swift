import Logging

/// Lines on standard error, as swift-log's `StreamLogHandler` writes them, with its metadata
/// formatted only when a line is written. `StreamLogHandler` formats all of it again each time a
/// key is set, and every request sets three (request id, client, user) whether or not anything is
/// logged: a few percent of a kept review page's cost.
struct StandardErrorLogHandler: LogHandler {
    private var stream: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    init(label: String, level: Logger.Level) {
        stream = StreamLogHandler.standardError(label: label)
        stream.logLevel = level
    }

    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        // What StreamLogHandler would merge: the logger's metadata, then the provider's, then the
        // line's own, each winning over the one before.
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, provided in provided } }
        if let explicit = event.metadata { merged.merge(explicit) { _, explicit in explicit } }
        var event = event
        event.metadata = merged
        stream.log(event: event)
    }
}
