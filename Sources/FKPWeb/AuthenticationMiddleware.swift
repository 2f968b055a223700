import FKPCore
import FKPStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging

/// Finds the person behind the session. A session ends after `idleTimeout` without a request, or
/// `absoluteLifetime` after login, whichever comes first; a disabled account's session ends at once.
/// A person whose password must change is sent to /password before anything else.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountRepository
    let idleTimeout: TimeInterval
    let absoluteLifetime: TimeInterval

    static let openWhileChangingPassword: Set<String> = [PasswordController.path, "/logout", "/session", "/healthz", "/readyz"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let session = context.sessions.session, let userID = session.userID {
            let now = Date()
            let expired = now.timeIntervalSince(session.createdAt) > absoluteLifetime
                || now.timeIntervalSince(session.lastSeenAt) > idleTimeout
            if !expired, let principal = try await principal(userID: userID) {
                context.principal = principal
                context.logger[metadataKey: "user"] = .string(principal.username)
            } else {
                context.sessions.clearSession()
            }
        }
        if context.principal?.mustChangePassword == true, !Self.openWhileChangingPassword.contains(request.uri.path),
           !request.uri.path.hasPrefix("/css/") {
            return Response(status: .seeOther, headers: [.location: PasswordController.path])
        }
        let response = try await next(request, context)
        refresh(context)
        return response
    }

    /// Restarts the idle time of the session the request ends with, at most once a minute. At the
    /// request's end rather than its start: HummingbirdAuth writes the session back when the response
    /// has gone, so a request that lasted (a list sent for most of an hour from a phone) would
    /// write it back last seen when the request began, already idle for longer than the idle time.
    private func refresh(_ context: Context) {
        guard context.principal != nil, var session = context.sessions.session, session.userID != nil else { return }
        let now = Date()
        guard now.timeIntervalSince(session.lastSeenAt) > 60 else { return }
        // Updated under its own key: a new session here would leave the old one valid after logout
        // (HummingbirdAuth's setSession creates one).
        session.lastSeenAt = now
        _ = context.sessions.updateSession(session, expiresIn: .seconds(Int64(idleTimeout)))
    }

    /// The person as read with the session (see SessionRead), or else read now.
    private func principal(userID: Int64) async throws -> Principal? {
        if let person = SessionRead.current?.person(userID: userID) { return person.principal }
        return try await accounts.principal(userID: userID)
    }
}

/// HummingbirdAuth's session cookie does not set HttpOnly; scripts never need it, so add it.
struct SessionCookieHardeningMiddleware<Context: RequestContext>: RouterMiddleware {
    let cookieName: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        let cookies = response.headers[values: .setCookie]
        guard cookies.contains(where: { $0.hasPrefix(cookieName + "=") }) else { return response }
        response.headers[values: .setCookie] = cookies.map {
            $0.hasPrefix(cookieName + "=") && !$0.localizedCaseInsensitiveContains("HttpOnly") ? $0 + "; HttpOnly" : $0
        }
        return response
    }
}
