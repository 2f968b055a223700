import FKPCore
import FKPStore
import Hummingbird

/// Closing a forum (BPS staff, when nothing blocks it) and reopening it (an administrator or a BPS
/// supervisor of the regency, with a reason). Both answer on the forum page.
struct ClosingController {
    let forumPage: ForumController
    let forums: ForumRepository
    let minutes: MinutesRepository
    let closings: ClosingRepository

    struct CloseForm: Decodable { let version: Int }
    struct ReopenForm: Decodable { let version: Int; let reason: String? }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/forums/{id}/close", use: close)
        router.post("/forums/{id}/reopen", use: reopen)
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        try context.authorize(.closeForum, forum.resource)
        guard let principal = context.principal else { throw LoginRequired() }
        var request = request
        let form = try await request.decodeForm(CloseForm.self)
        let t = Translations(language: context.language)
        if try await isAlready(.closed, forum, version: form.version) { return redirect("/forums/\(forum.id)/minutes") }
        guard forum.state == .readyToClose, try await minutes.versions(forumID: forum.id)?.current == form.version,
              let document = try await minutes.assemble(forumID: forum.id) else {
            return try await forumPage.render(request, context, forum: forum, error: t["forum_error_moved"], status: .conflict)
        }
        let head: ChainHead?
        do {
            head = try await closings.close(forumID: forum.id, version: form.version, minutes: document, context: WriteContext(
                actor: principal.username, role: principal.primaryRole, action: "forum.close", forumID: forum.id,
                requestID: context.requestID))
        } catch let error where DatabaseRefusal(error)?.constraint == "forum_closing_blocked" {
            return try await forumPage.render(request, context, forum: forum, error: t["closing_error_blocked"], status: .conflict)
        }
        guard head != nil else {
            let now = try await forums.requested(by: context, write: false)
            if try await isAlready(.closed, now, version: form.version) { return redirect("/forums/\(forum.id)/minutes") }
            return try await forumPage.render(request, context, forum: now, error: t["forum_error_moved"], status: .conflict)
        }
        return redirect("/forums/\(forum.id)/minutes")
    }

    @Sendable func reopen(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        try context.authorize(.reopenForum, forum.resource)
        guard let principal = context.principal else { throw LoginRequired() }
        var request = request
        let form = try await request.decodeForm(ReopenForm.self)
        let t = Translations(language: context.language)
        let reason = (form.reason ?? "").trimmingWhitespace
        guard !reason.isEmpty, !reason.isLonger(than: 1000) else {
            return try await forumPage.render(request, context, forum: forum, error: t["closing_error_reason"], reopenReason: form.reason,
                                              status: .unprocessableContent)
        }
        guard !PersonalNumber.isTypedInto(reason) else {
            return try await forumPage.render(request, context, forum: forum, error: t.personalNumberIn("closing_reopen_reason"),
                                              reopenReason: form.reason, status: .unprocessableContent)
        }
        if try await isAlready(.reopened, forum, version: form.version) { return redirect("/forums/\(forum.id)") }
        let reopened: Bool
        do {
            reopened = try await closings.reopen(forumID: forum.id, version: form.version, reason: reason, context: WriteContext(
                actor: principal.username, role: principal.primaryRole, action: "forum.reopen", reason: reason, forumID: forum.id,
                requestID: context.requestID))
        } catch let error where DatabaseRefusal(error)?.constraint == "forum_units_one_open_forum" {
            // A later forum took a unit between the page and the form; the page's closing part names it.
            return try await forumPage.render(request, context, forum: forum, error: t["closing_error_reopen_held"], status: .conflict)
        }
        guard reopened else {
            let now = try await forums.requested(by: context, write: false)
            if try await isAlready(.reopened, now, version: form.version) { return redirect("/forums/\(forum.id)") }
            return try await forumPage.render(request, context, forum: now, error: t["forum_error_moved"], status: .conflict)
        }
        return redirect("/forums/\(forum.id)")
    }

    /// Whether the forum is where this form, sent from the page of `version`, moved it (closed at
    /// that version, or reopened from it and nothing since): the form sent twice (a second tap on a
    /// slow connection, or both sendings at once) is answered as its first sending was, not as a
    /// move made by someone else.
    private func isAlready(_ state: ForumState, _ forum: ForumSummary, version: Int) async throws -> Bool {
        guard forum.state == state, let current = try await minutes.versions(forumID: forum.id)?.current else { return false }
        return current == (state == .reopened ? version + 1 : version)
    }
}
