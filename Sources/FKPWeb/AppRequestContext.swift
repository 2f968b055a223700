import Hummingbird
import Logging

/// Per-request state: the negotiated language and the request id that every log line carries.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var language: Language = .indonesian
    public var requestID: String = ""

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }
}
