import FKPCore
import FKPStore
import Hummingbird
import HummingbirdAuth

/// Changing one's own password (required after a generated or reset one). It ends the person's
/// other sessions, as someone who knew the old password may hold one, and gives this browser's
/// session a new id, as a login does. Every sending of the form leads to a page that says whether
/// the password was changed: the same form arriving twice (a second tap on a slow connection) finds
/// the password already changed, and its session replaced, by the first, and says so rather than
/// "wrong password" or "form expired", which would leave the person believing the old one stands.
struct PasswordController {
    static let path = "/password"
    /// Where a sending of the form leads (`page` then tells whether the password was changed).
    static let sentPath = "/password?sent=1"

    let renderer: PageRenderer
    let accounts: AccountRepository
    let sessions: SessionRepository
    let securityLog: SecurityLog
    let hasher: PasswordHasher
    let sessionIdle: Duration

    struct Form: Decodable {
        let current_password: String
        let new_password: String
        let confirm_password: String
    }

    struct Content {
        let csrf: String
        let forced: Bool
        let error: String?
        /// After a sending of the form: that the password was changed, and when.
        let changed: String?
        let minimumLength: Int
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: Self.path), use: page)
        router.post(RouterPath(stringLiteral: Self.path), use: change)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { throw LoginRequired() }
        guard request.uri.queryParameters["sent"] != nil else {
            return try render(request, context, forced: principal.mustChangePassword, error: nil)
        }
        let t = Translations(language: context.language)
        guard let changedAt = try await accounts.recentOwnPasswordChange(username: principal.username) else {
            return try render(request, context, forced: principal.mustChangePassword, error: t["password_form_stale"], status: .ok)
        }
        // Times are the person's own place's (a national account's: Jakarta's).
        let place = principal.assignments.lazy.compactMap(\.region).first ?? RegionCode.parse("31")
        let when = place.map { IndonesianTime.format(changedAt, at: $0, languageCode: context.language.rawValue) } ?? ""
        return try render(request, context, forced: false, error: nil, changed: t.filling("password_changed", ["when": when]))
    }

    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { throw LoginRequired() }
        var request = request
        let form = try await request.decodeForm(Form.self)
        let t = Translations(language: context.language)
        let account = try await accounts.account(id: principal.userID)
        guard let hash = account?.passwordHash, try await hasher.verify(form.current_password, against: hash) else {
            if let hash = account?.passwordHash, try await isSentAgain(form, principal: principal, storedHash: hash) {
                return redirect(Self.sentPath)
            }
            return try render(request, context, forced: principal.mustChangePassword, error: t["password_current_wrong"])
        }
        if let problem = newPasswordProblem(form.new_password, confirmation: form.confirm_password, username: principal.username, t: t) {
            return try render(request, context, forced: principal.mustChangePassword, error: problem)
        }
        guard form.new_password != form.current_password else {
            return try render(request, context, forced: principal.mustChangePassword, error: t["password_unchanged"])
        }
        try await accounts.setPassword(
            userID: principal.userID, hash: try await hasher.hash(form.new_password), mustChange: false,
            context: WriteContext(actor: principal.username, role: principal.primaryRole, action: AccountRepository.ownPasswordChangeAction,
                                  requestID: context.requestID))
        try await securityLog.record("password.changed", username: principal.username, address: context.clientAddress,
                                     requestID: context.requestID)
        try await sessions.removeAll(userID: principal.userID)
        context.sessions.createSession(WebSession.loggedIn(userID: principal.userID), expiresIn: sessionIdle)
        return redirect(Self.sentPath)
    }

    /// The form its first sending answered: that sending changed the password to this form's new
    /// one minutes ago, so the current password it holds no longer matches.
    private func isSentAgain(_ form: Form, principal: Principal, storedHash: String) async throws -> Bool {
        guard form.new_password == form.confirm_password,
              try await accounts.recentOwnPasswordChange(username: principal.username) != nil else { return false }
        return try await hasher.verify(form.new_password, against: storedHash)
    }

    private func render(_ request: Request, _ context: AppRequestContext, forced: Bool, error: String?,
                        changed: String? = nil, status: HTTPResponse.Status? = nil) throws -> Response {
        try renderer.render("password", title: "password_title",
                            content: Content(csrf: context.csrfToken(), forced: forced, error: error, changed: changed,
                                             minimumLength: PasswordRules.minimumLength),
                            request: request, context: context, status: status ?? (error == nil ? .ok : .unprocessableContent))
    }
}
