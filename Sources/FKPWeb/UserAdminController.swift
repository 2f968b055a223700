import FKPCore
import FKPStore
import Foundation
import Hummingbird

/// Account management for administrators and BPS staff, inside their own region: list, create
/// (with a generated password to change at first login), disable, enable, reset the password, and
/// give or take away a role in a place (a facilitator moved to another village, a head replaced).
struct UserAdminController {
    let renderer: PageRenderer
    let accounts: AccountRepository
    let users: UserRepository
    let sessions: SessionRepository
    let hasher: PasswordHasher

    struct NewUserForm: Decodable {
        let username: String
        let display_name: String
        let role: String
        let region_code: String?
        let forum_id: String?
        let supervisor: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/users", use: list)
        router.get("/users/new", use: newUser)
        router.post("/users", use: create)
        router.post("/users/{id}/disable", use: disable)
        router.post("/users/{id}/enable", use: enable)
        router.post("/users/{id}/reset-password", use: resetPassword)
        router.get("/users/{id}", use: account)
        router.post("/users/{id}/assignments", use: grant)
        router.post("/users/{id}/assignments/{assignment}/revoke", use: revoke)
    }

    struct GrantForm: Decodable {
        let role: String
        let region_code: String?
        let forum_id: String?
        let supervisor: String?
    }

    /// The assignment a form's role, place, forum and supervisor fields describe, or the catalogue
    /// key of what is wrong with them.
    static func assignment(role: String, regionCode: String?, forumID: String?, supervisor: String?) -> Result<Assignment, AssignmentProblem> {
        guard let role = Role(rawValue: role) else { return .failure(.init(key: "user_error_role")) }
        let region = RegionCode.parse((regionCode ?? "").trimmingCharacters(in: .whitespaces))
        if role != .admin && region == nil { return .failure(.init(key: "user_error_region")) }
        let forumText = (forumID ?? "").trimmingCharacters(in: .whitespaces)
        let forum = forumText.isEmpty ? nil : Int64(forumText)
        if !forumText.isEmpty && forum == nil { return .failure(.init(key: "user_error_forum_unknown")) }
        return .success(Assignment(role: role, region: region, forumID: forum, isSupervisor: supervisor == "on"))
    }

    struct AssignmentProblem: Error { let key: String }

    /// One account: its roles and places, each with a way to take it away, and a way to give one more.
    @Sendable func account(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, target) = try await manageable(request, context)
        return try await renderAccount(request, context, principal: principal, userID: target, form: nil, error: nil, status: .ok)
    }

    @Sendable func grant(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, target) = try await manageable(request, context)
        var request = request
        let form = try await request.decodeForm(GrantForm.self)
        let t = Translations(language: context.language)
        let assignment: Assignment
        switch Self.assignment(role: form.role, regionCode: form.region_code, forumID: form.forum_id, supervisor: form.supervisor) {
        case .success(let parsed): assignment = parsed
        case .failure(let problem):
            return try await renderAccount(request, context, principal: principal, userID: target, form: form, error: t[problem.key],
                                           status: .unprocessableContent)
        }
        guard AccessPolicy.mayAssign(principal, assignment) else {
            return try await renderAccount(request, context, principal: principal, userID: target, form: form, error: t["user_error_not_yours"],
                                           status: .forbidden)
        }
        do {
            try await accounts.addAssignment(userID: target, assignment, context: WriteContext(
                actor: principal.username, role: principal.primaryRole, action: "user.grant", regionCode: assignment.region?.value,
                requestID: context.requestID))
        } catch {
            guard let refusal = DatabaseRefusal(error) else { throw error }
            return try await renderAccount(request, context, principal: principal, userID: target, form: form,
                                           error: AccountRefusal.message(refusal, language: context.language), status: .unprocessableContent)
        }
        return redirect("/users/\(target)")
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, target) = try await manageable(request, context)
        guard let id = Int64(try context.parameters.require("assignment")) else { throw HTTPError(.notFound) }
        let t = Translations(language: context.language)
        let outcome = try await accounts.revokeAssignment(id: id, userID: target, context: WriteContext(
            actor: principal.username, role: principal.primaryRole, action: "user.revoke", requestID: context.requestID))
        switch outcome {
        case .revoked: return redirect("/users/\(target)")
        case .lastOne:
            return try await renderAccount(request, context, principal: principal, userID: target, form: nil,
                                           error: t["user_error_last_role"], status: .conflict)
        case .gone: throw HTTPError(.notFound)
        }
    }

    private func renderAccount(_ request: Request, _ context: AppRequestContext, principal: Principal, userID: Int64, form: GrantForm?,
                               error: String?, status: HTTPResponse.Status) async throws -> Response {
        guard let account = try await accounts.account(id: userID) else { throw HTTPError(.notFound) }
        let page = AccountPage(account: account, held: try await accounts.held(userID: userID), principal: principal, form: form,
                               error: error, csrf: context.csrfToken(), t: Translations(language: context.language))
        return try renderer.render("user", title: "users_account_title", content: page, request: request, context: context, status: status)
    }

    /// Accounts shown on a page of the list.
    static let pageSize = 100

    /// The accounts of the places this person may see (nil: the whole country), a page at a time
    /// by user name (`after`), optionally those whose user name or full name holds `q`.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { throw LoginRequired() }
        let roots = AccessPolicy.roots(principal, for: .viewUsers)
        if let roots, roots.isEmpty { throw HTTPError(.notFound) }
        let query = request.formQuery
        let search = query["q"].map { $0.removingInvisibleCharacters.trimmingWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
        let after = query["after"].flatMap { $0.isEmpty ? nil : $0 }
        // One more than a page: whether a next page exists.
        let listed = try await accounts.list(within: roots, matching: search, after: after, limit: Self.pageSize + 1)
        let t = Translations(language: context.language)
        let page = UsersPage(listed: Array(listed.prefix(Self.pageSize)), hasMore: listed.count > Self.pageSize, search: search,
                             principal: principal, csrf: context.csrfToken(), t: t)
        return try renderer.render("users", title: "users_title", content: page, request: request, context: context)
    }

    @Sendable func newUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { throw LoginRequired() }
        guard principal.managesAccounts else { throw HTTPError(.notFound) }
        // A link may name the role and place to give (the planning page's, for a missing facilitator).
        let query = request.uri.queryParameters
        let named = NewUserForm(username: "", display_name: "", role: query["role"].map(String.init) ?? "",
                                region_code: query["region_code"].map(String.init), forum_id: nil, supervisor: nil)
        return try renderNewUser(request, context, form: named, error: nil)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { throw LoginRequired() }
        // Refused before the form is read: someone who manages no accounts is not shown the form's
        // problems, nor the form.
        guard principal.managesAccounts else { throw HTTPError(.forbidden) }
        var request = request
        let form = try await request.decodeForm(NewUserForm.self)
        let t = Translations(language: context.language)
        let username = form.username.trimmingCharacters(in: .whitespaces).lowercased()
        let assignment: Assignment
        switch Self.assignment(role: form.role, regionCode: form.region_code, forumID: form.forum_id, supervisor: form.supervisor) {
        case .success(let parsed): assignment = parsed
        case .failure(let problem): return try renderNewUser(request, context, form: form, error: t[problem.key])
        }
        guard AccessPolicy.mayAssign(principal, assignment) else {
            return try renderNewUser(request, context, form: form, error: t["user_error_not_yours"], status: .forbidden)
        }
        let displayName = form.display_name.trimmingCharacters(in: .whitespaces)
        if let problem = AccountRefusal.personalNumber(username: username, displayName: displayName, language: context.language) {
            return try renderNewUser(request, context, form: form, error: problem)
        }
        let password = Token.password()
        let creation: UserRepository.Creation
        do {
            creation = try await users.createFromForm(
                .init(username: username, displayName: displayName,
                      passwordHash: try await hasher.hash(password), mustChangePassword: true, role: assignment.role,
                      regionCode: assignment.region?.value, forumID: assignment.forumID, isSupervisor: assignment.isSupervisor),
                context: WriteContext(actor: principal.username, role: principal.primaryRole, action: "user.create",
                                      regionCode: assignment.region?.value, requestID: context.requestID))
        } catch {
            guard let refusal = DatabaseRefusal(error) else { throw error }
            return try renderNewUser(request, context, form: form, error: AccountRefusal.message(refusal, language: context.language))
        }
        guard case .sentAgain(let userID) = creation else {
            return try renderSecret(request, context, username: username, secret: password, kind: "user_created")
        }
        try await sessions.removeAll(userID: userID)
        return try renderSecret(request, context, username: username, secret: password, kind: "user_created",
                                note: t["user_created_sent_again"])
    }

    /// Where disabling or enabling returns: the account's page when sent from it, else the list.
    struct BackForm: Decodable {
        let back: String?

        func location(for target: Int64) -> String { back == "account" ? "/users/\(target)" : "/users" }
    }

    @Sendable func disable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, target) = try await manageable(request, context)
        var request = request
        let form = try await request.decodeForm(BackForm.self)
        try await accounts.setDisabled(userID: target, true, context: WriteContext(
            actor: principal.username, role: principal.primaryRole, action: "user.disable", requestID: context.requestID))
        try await sessions.removeAll(userID: target)
        return redirect(form.location(for: target))
    }

    @Sendable func enable(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, target) = try await manageable(request, context)
        var request = request
        let form = try await request.decodeForm(BackForm.self)
        try await accounts.setDisabled(userID: target, false, context: WriteContext(
            actor: principal.username, role: principal.primaryRole, action: "user.enable", requestID: context.requestID))
        return redirect(form.location(for: target))
    }

    @Sendable func resetPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, target) = try await manageable(request, context)
        let password = Token.password()
        try await accounts.setPassword(userID: target, hash: try await hasher.hash(password), mustChange: true, context: WriteContext(
            actor: principal.username, role: principal.primaryRole, action: "user.reset_password", requestID: context.requestID))
        try await sessions.removeAll(userID: target)
        let username = try await accounts.account(id: target)?.username ?? ""
        return try renderSecret(request, context, username: username, secret: password, kind: "user_reset")
    }

    /// The target account, when the person may manage every one of its assignments; 403 otherwise
    /// (also when it does not exist, so a write reveals nothing).
    private func manageable(_ request: Request, _ context: AppRequestContext) async throws -> (Principal, Int64) {
        guard let principal = context.principal else { throw LoginRequired() }
        guard let id = Int64(try context.parameters.require("id")), let account = try await accounts.account(id: id) else {
            throw HTTPError(.forbidden)
        }
        let assignments = try await accounts.assignments(userID: account.id)
        guard account.id != principal.userID, !assignments.isEmpty,
              assignments.allSatisfy({ AccessPolicy.mayAssign(principal, $0) }) else { throw HTTPError(.forbidden) }
        return (principal, account.id)
    }

    struct NewUserContent {
        let csrf: String
        let username: String
        let displayName: String
        let regionCode: String
        let forumID: String
        let roles: [FormOption]
        let error: String?
    }

    private func renderNewUser(_ request: Request, _ context: AppRequestContext, form: NewUserForm?, error: String?,
                               status: HTTPResponse.Status? = nil) throws -> Response {
        guard let principal = context.principal else { throw LoginRequired() }
        let t = Translations(language: context.language)
        let content = NewUserContent(
            csrf: context.csrfToken(), username: form?.username ?? "", displayName: form?.display_name ?? "",
            regionCode: form?.region_code ?? "", forumID: form?.forum_id ?? "",
            roles: FormOption.roles(grantableBy: principal, selected: form?.role, t),
            error: error)
        return try renderer.render("user-new", title: "users_new_title", content: content, request: request, context: context,
                                   status: status ?? (error == nil ? .ok : .unprocessableContent))
    }

    struct SecretContent { let username: String; let secret: String; let heading: String; let note: String? }

    private func renderSecret(_ request: Request, _ context: AppRequestContext, username: String, secret: String, kind: String,
                              note: String? = nil) throws -> Response {
        let t = Translations(language: context.language)
        return try renderer.render("user-secret", title: "users_title",
                                   content: SecretContent(username: username, secret: secret, heading: t[kind], note: note),
                                   request: request, context: context)
    }
}
