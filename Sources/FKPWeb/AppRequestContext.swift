import FKPCore
import Hummingbird
import HummingbirdAuth
import Logging
import NIOCore

/// Per-request state: language, request id, the session and the person behind it.
public struct AppRequestContext: RequestContext, SessionRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    public var language: Language = .indonesian
    public var requestID: String = ""
    public var principal: Principal?
    /// The connected peer; behind a trusted proxy, the address it forwarded (ForwardedForMiddleware).
    public var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.sessions = SessionContext()
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The CSRF token of this browser's session, creating an anonymous session when there is none,
    /// so that even the login form carries one.
    public func csrfToken() -> String {
        if let token = sessions.session?.csrfToken { return token }
        let session = WebSession.anonymous()
        sessions.createSession(session)
        return session.csrfToken
    }

    /// Asks the access policy; outside a person's scope a read is "not found", a write "forbidden".
    public func authorize(_ action: AccessAction, _ resource: AccessPolicy.Resource) throws {
        switch AccessPolicy.decide(principal, action, resource) {
        case .allow: return
        case .notFound: throw principal == nil ? LoginRequired() : HTTPError(.notFound)
        case .forbidden: throw principal == nil ? LoginRequired() : HTTPError(.forbidden)
        }
    }
}

/// Thrown when a page needs a logged-in person; answered with a redirect to the login page.
struct LoginRequired: Error {}
