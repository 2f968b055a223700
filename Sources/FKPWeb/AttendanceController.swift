import FKPCore
import FKPStore
import Hummingbird

/// The attendance list of a forum: the facilitator records who came, and who stood in for an SLS
/// head, once the forum is open.
struct AttendanceController {
    let renderer: PageRenderer
    let forums: ForumRepository
    let invitations: InvitationRepository
    let attendance: AttendanceRepository

    struct Form: Decodable {
        let version: Int
        let attended: String
        let representative: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/forums/{id}/attendance", use: show)
        router.post("/forums/{id}/attendance/{participant}", use: record)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: false)
        return try await render(request, context, forum: forum, error: nil, status: .ok)
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        try context.authorize(.runForum, forum.resource)
        guard let principal = context.principal else { throw LoginRequired() }
        guard let participantID = Int64(try context.parameters.require("participant")) else { throw HTTPError(.notFound) }
        var request = request
        let form = try await request.decodeForm(Form.self)
        let t = Translations(language: context.language)
        guard forum.state.allows(.attendance) else {
            return try await render(request, context, forum: forum, error: t["attendance_error_state"], status: .conflict)
        }
        guard !(form.representative ?? "").trimmingWhitespace.isLonger(than: 200) else {
            return try await render(request, context, forum: forum, error: t["attendance_error_representative"],
                                    typed: (participantID, form), status: .unprocessableContent)
        }
        guard !PersonalNumber.isTypedInto(form.representative ?? "") else {
            return try await render(request, context, forum: forum, error: t.personalNumberIn("attendance_representative"),
                                    typed: (participantID, form), status: .unprocessableContent)
        }
        let recorded: Bool
        do {
            recorded = try await attendance.record(
                participantID: participantID, forumID: forum.id, attended: form.attended == "yes", representative: form.representative,
                expectedVersion: form.version,
                context: WriteContext(actor: principal.username, role: principal.primaryRole, action: "forum.attendance",
                                      forumID: forum.id, requestID: context.requestID))
        } catch let error where DatabaseRefusal(error)?.constraint == "forum_state_allows" {
            return try await render(request, context, forum: forum, error: t["attendance_error_state"], status: .conflict)
        }
        guard recorded else { return try await render(request, context, forum: forum, error: t["attendance_error_stale"], status: .conflict) }
        return redirect("/forums/\(forum.id)/attendance#p-\(participantID)")
    }

    /// `typed`: a participant's attendance refused, their form filled again as it was sent, to be mended.
    private func render(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, error: String?,
                        typed: (participantID: Int64, form: Form)? = nil, status: HTTPResponse.Status) async throws -> Response {
        let page = AttendancePage(
            forum: forum, participants: try await invitations.participants(forumID: forum.id),
            mayRecord: forum.state.allows(.attendance) && AccessPolicy.decide(context.principal, .runForum, forum.resource) == .allow,
            typed: typed, error: error, csrf: context.csrfToken(), language: context.language)
        return try renderer.render("attendance", title: "attendance_title", content: page, request: request, context: context, status: status)
    }
}

/// What the attendance template shows.
struct AttendancePage {
    struct Person {
        let id: Int64
        let name: String
        let role: String
        let unit: String?
        let attended: Bool
        let isHead: Bool
        let representative: String?
        let version: Int
        /// What the form shows: as recorded, or as typed and refused.
        let formAttended: Bool
        let formRepresentative: String?
    }

    let forumID: Int64
    let forumTitle: String
    let people: [Person]
    let present: Int
    let mayRecord: Bool
    let error: String?
    let csrf: String

    init(forum: ForumSummary, participants: [InvitationRepository.Participant], mayRecord: Bool,
         typed: (participantID: Int64, form: AttendanceController.Form)? = nil, error: String?, csrf: String, language: Language) {
        let t = Translations(language: language)
        forumID = forum.id
        forumTitle = forum.title
        people = participants.map { p in
            let sent = typed?.participantID == p.id ? typed?.form : nil
            return Person(id: p.id, name: p.fullName, role: t["role_\(p.kind)"],
                          unit: p.unit.flatMap { code in forum.units.first { $0.code.value == code }?.name },
                          attended: p.attended, isHead: p.kind == "sls_head", representative: p.representative, version: p.version,
                          formAttended: sent.map { $0.attended == "yes" } ?? p.attended,
                          formRepresentative: sent.map { $0.representative } ?? p.representative)
        }
        present = participants.filter(\.attended).count
        self.mayRecord = mayRecord
        self.error = error
        self.csrf = csrf
    }
}
