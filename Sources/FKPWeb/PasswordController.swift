import FKPCore
import FKPStore
import Hummingbird
import HummingbirdAuth

/// Changing one's own password (required after a generated or reset one). It ends the person's
/// other sessions, as someone who knew the old password may hold one, and gives this browser's
/// session a new id, as a login does.
struct PasswordController {
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
        let minimumLength: Int
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/password", use: page)
        router.post("/password", use: change)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) throws -> Response {
        guard let principal = context.principal else { throw LoginRequired() }
        return try render(request, context, forced: principal.mustChangePassword, error: nil)
    }

    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { throw LoginRequired() }
        var request = request
        let form = try await request.decodeForm(Form.self)
        let t = Translations(language: context.language)
        let account = try await accounts.account(id: principal.userID)
        guard let hash = account?.passwordHash, try await hasher.verify(form.current_password, against: hash) else {
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
            context: WriteContext(actor: principal.username, role: principal.primaryRole, action: "user.change_password",
                                  requestID: context.requestID))
        try await securityLog.record("password.changed", username: principal.username, address: context.clientAddress,
                                     requestID: context.requestID)
        try await sessions.removeAll(userID: principal.userID)
        context.sessions.createSession(WebSession.loggedIn(userID: principal.userID), expiresIn: sessionIdle)
        return redirect("/")
    }

    private func render(_ request: Request, _ context: AppRequestContext, forced: Bool, error: String?) throws -> Response {
        try renderer.render("password", title: "password_title",
                            content: Content(csrf: context.csrfToken(), forced: forced, error: error,
                                             minimumLength: PasswordRules.minimumLength),
                            request: request, context: context, status: error == nil ? .ok : .unprocessableContent)
    }
}
