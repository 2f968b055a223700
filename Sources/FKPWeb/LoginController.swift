import FKPCore
import FKPStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// Logging in and out. Passwords are checked with bcrypt off the event loop; failures are
/// throttled per account and per address; every success and failure goes to the security log;
/// the session id changes at login, so an id handed out before login is useless after it.
struct LoginController {
    let renderer: PageRenderer
    let accounts: AccountRepository
    let sessions: SessionRepository
    let throttle: LoginThrottle
    let securityLog: SecurityLog
    let hasher: PasswordHasher
    let cookieName: String
    let keyPrefix: String
    let sessionIdle: Duration
    /// A bcrypt hash of a random secret, checked for unknown names so they cost as much time as known ones.
    let decoyHash: String

    struct Form: Decodable {
        let username: String
        let password: String
        let next: String?
    }

    struct Content {
        let csrf: String
        let username: String
        let next: String
        let error: String?
        let notice: String?
    }


    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/login", use: page)
        router.post("/login", use: login)
        router.post("/logout", use: logout)
        router.get("/session", use: keepAlive)
    }

    /// Asked by the page's script (session.js) while a person types or taps, so that a long list
    /// typed without sending anything does not outlive the session and get refused when sent.
    /// Answering is enough: the authentication middleware refreshes an active session. The answer
    /// carries the session's CSRF token, which the page's forms take on: after signing in again
    /// in another tab, what was typed here can still be sent. Only this site's pages can read it.
    @Sendable func keepAlive(_ request: Request, context: AppRequestContext) -> Response {
        guard context.principal != nil else { return Response(status: .unauthorized, headers: [.cacheControl: "no-store"]) }
        return Response(status: .noContent, headers: [.cacheControl: "no-store", .xCSRFToken: context.csrfToken()])
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) throws -> Response {
        let next = safeLocalPath(request.uri.queryParameters["next"].map(String.init))
        if context.principal != nil { return redirect(next) }
        let t = Translations(language: context.language)
        let activated = request.uri.queryParameters["activated"] != nil
        let notice = activated ? t["activate_done"]
            : request.uri.queryParameters["expired"] != nil ? t["login_form_expired"]
            : context.sessions.session?.heldForm != nil ? t["held_form_login_notice"] : nil
        // Just activated: the account's name is filled in, only the new password is left to type.
        let offered = request.uri.queryParameters["username"].map(String.init) ?? ""
        let username = activated && Self.isUsername(offered) ? offered : ""
        return try renderer.render("login", title: "login_title",
                                   content: Content(csrf: context.csrfToken(), username: username, next: next, error: nil, notice: notice),
                                   request: request, context: context)
    }

    /// An account name the database takes (`users_username_format`): nothing else is echoed back.
    static func isUsername(_ text: String) -> Bool {
        (3...40).contains(text.count) && text.first.map { $0.isASCII && ($0.isLowercase || $0.isNumber) } == true
            && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "._-".contains($0)) }
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(Form.self)
        let username = form.username.trimmingCharacters(in: .whitespaces).lowercased()
        let address = context.clientAddress
        let t = Translations(language: context.language)

        // Counted as a failure from here on, until a success clears it (LoginThrottle.admit).
        let wait = try await throttle.admit(username: username, address: address)
        if wait > 0 {
            try await securityLog.record("login.throttled", username: username, address: address, detail: "wait \(wait)s",
                                         requestID: context.requestID)
            var response = try renderer.render(
                "login", title: "login_title",
                content: Content(csrf: context.csrfToken(), username: username, next: safeLocalPath(form.next),
                                 error: t.filling("login_throttled", ["seconds": String(wait)]), notice: nil),
                request: request, context: context, status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }

        let account = try await accounts.account(username: username)
        let passwordMatches = try await hasher.verify(form.password, against: account?.passwordHash ?? decoyHash)
        guard let account, passwordMatches, account.passwordHash != nil, !account.isDisabled else {
            let why = account == nil ? "unknown user" : account!.isDisabled ? "disabled" : "wrong password"
            try await securityLog.record("login.failure", username: username, address: address, detail: why, requestID: context.requestID)
            return try renderer.render(
                "login", title: "login_title",
                content: Content(csrf: context.csrfToken(), username: username, next: safeLocalPath(form.next),
                                 error: t["login_failed"], notice: nil),
                request: request, context: context, status: .unauthorized)
        }

        try await throttle.recordSuccess(username: username)
        try await securityLog.record("login.success", username: username, address: address, requestID: context.requestID)
        // A new session id at login: the pre-login session is removed, not promoted (a form it held goes along).
        let held = context.sessions.session?.heldForm
        if let old = request.cookies[cookieName]?.value { try await sessions.remove(key: keyPrefix + old) }
        context.sessions.createSession(WebSession.loggedIn(userID: account.id, holding: held), expiresIn: sessionIdle)
        return redirect(account.mustChangePassword ? PasswordController.path : held != nil ? HeldFormController.path : safeLocalPath(form.next))
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let principal = context.principal {
            try await securityLog.record("logout", username: principal.username, address: context.clientAddress, requestID: context.requestID)
        }
        context.sessions.clearSession()
        return redirect("/login")
    }
}
