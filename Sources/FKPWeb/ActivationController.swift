import FKPCore
import FKPStore
import Hummingbird

/// People from the community (SLS heads, community figures) set their own password with the
/// one-time code printed on their invitation.
struct ActivationController {
    let renderer: PageRenderer
    let codes: ActivationCodeRepository
    let accounts: AccountRepository
    let securityLog: SecurityLog
    let hasher: PasswordHasher

    struct Form: Decodable {
        let code: String
        let new_password: String
        let confirm_password: String
    }

    struct Content {
        let csrf: String
        let code: String
        /// The account the code activates, once the code is known to work: shown so its person
        /// reads the name they will sign in with, and a password manager saves the two together.
        let username: String?
        let error: String?
        let minimumLength: Int
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/activate", use: page)
        router.post("/activate", use: activate)
    }

    /// With `?code=` (the address printed on an invitation, or its QR code), a code that no longer
    /// works says so at once, before its person types a new password twice.
    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = request.uri.queryParameters["code"].map(String.init) ?? ""
        var error: String?, username: String?
        if !code.isEmpty {
            switch try await codes.lookup(code) {
            case .success(let holder):
                username = holder.username
            case .failure(let problem):
                try await securityLog.record("activation.refused", username: nil, address: context.clientAddress,
                                             detail: "\(problem) (opened)", requestID: context.requestID)
                error = Translations(language: context.language)[Self.messageKey(problem)]
            }
        }
        return try render(request, context, code: code, username: username, error: error, status: .ok)
    }

    /// Why a code does not work, in words that say what to do: an activated account signs in.
    static func messageKey(_ problem: ActivationCodeRepository.Problem) -> String {
        switch problem {
        case .unknown: "activate_unknown"
        case .used: "activate_used"
        case .expired: "activate_expired"
        }
    }

    @Sendable func activate(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(Form.self)
        let t = Translations(language: context.language)
        let holder: ActivationCodeRepository.Holder
        switch try await codes.lookup(form.code) {
        case .success(let found):
            holder = found
        case .failure(let problem):
            try await securityLog.record("activation.refused", username: nil, address: context.clientAddress,
                                         detail: "\(problem)", requestID: context.requestID)
            return try render(request, context, code: form.code, error: t[Self.messageKey(problem)])
        }
        if let problem = newPasswordProblem(form.new_password, confirmation: form.confirm_password, username: holder.username, t: t) {
            return try render(request, context, code: form.code, username: holder.username, error: problem)
        }
        let role = try await accounts.assignments(userID: holder.userID).first?.role ?? .communityFigure
        let redeemed = try await codes.redeem(
            holder, passwordHash: try await hasher.hash(form.new_password),
            context: WriteContext(actor: holder.username, role: role, action: "user.activate", requestID: context.requestID))
        guard redeemed else {
            // Used or expired in the meantime (the same code sent twice at once): said as it is now.
            let problem: ActivationCodeRepository.Problem = if case .failure(let now) = try await codes.lookup(form.code) { now } else { .used }
            return try render(request, context, code: form.code, error: t[Self.messageKey(problem)])
        }
        try await securityLog.record("activation.success", username: holder.username, address: context.clientAddress,
                                     requestID: context.requestID)
        // The account name rides along (it is printed on paper, no secret), so that the login page has it filled in.
        return redirect("/login?activated=1&username=\(holder.username)")
    }

    private func render(_ request: Request, _ context: AppRequestContext, code: String, username: String? = nil, error: String?,
                        status: HTTPResponse.Status? = nil) throws -> Response {
        try renderer.render("activate", title: "activate_title",
                            content: Content(csrf: context.csrfToken(), code: code, username: username, error: error,
                                             minimumLength: PasswordRules.minimumLength),
                            request: request, context: context, status: status ?? (error == nil ? .ok : .unprocessableContent))
    }
}
