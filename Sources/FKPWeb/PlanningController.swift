import FKPCore
import FKPStore
import Foundation
import Hummingbird
import HummingbirdAuth

/// The forums of a region (state, date, progress), and BPS staff planning a new one for a village,
/// or for a district where a city holds its forums above village level (its units, date and time,
/// venue and team), or changing a plan until the forum opens.
struct PlanningController {
    let renderer: PageRenderer
    let forums: ForumRepository
    let regions: RegionRepository
    let accounts: AccountRepository

    struct Form: Decodable {
        let title: String?
        let date: String?
        let starts: String?
        let ends: String?
        let venue: String?
        let units: [String]?
        let facilitator: String?
        let assistant1: String?
        let assistant2: String?
        let administrator: String?
        /// The plan's version, when changing one.
        var version: Int? = nil
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/regions/{code}/forums", use: list)
        router.get("/regions/{code}/forums/new", use: new)
        router.post("/regions/{code}/forums", use: create)
        router.get("/forums/{id}/plan", use: edit)
        router.post("/forums/{id}/plan", use: update)
        router.post("/forums/{id}/cancel", use: cancel)
    }

    struct CancelForm: Decodable {
        let version: Int
        let reason: String?
    }

    /// Calls off a planned forum with a reason; its units and team are free again.
    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (forumID, place) = try await plannedForumPlace(context)
        guard let principal = context.principal else { throw LoginRequired() }
        var request = request
        let form = try await request.decodeForm(CancelForm.self)
        let t = Translations(language: context.language)
        let reason = (form.reason ?? "").trimmingWhitespace
        guard !reason.isEmpty, !reason.isLonger(than: 500) else {
            return try await renderPlan(request, context, forumID: forumID, place: place, cancelReason: form.reason,
                                        errors: [t["forum_cancel_error_reason"]], status: .unprocessableContent)
        }
        guard !PersonalNumber.isTypedInto(reason) else {
            return try await renderPlan(request, context, forumID: forumID, place: place, cancelReason: form.reason,
                                        errors: [t.personalNumberIn("forum_cancel_reason")], status: .unprocessableContent)
        }
        // The form sent twice (a second tap on a slow connection, or both sendings at once) finds the
        // forum called off for its reason: answered as its first sending was.
        func cancelledSo() async throws -> Bool {
            let now = try await forums.summary(forumID)
            return now?.state == .cancelled && now?.cancelReason == reason
        }
        if try await cancelledSo() { return redirect("/forums/\(forumID)") }
        let cancelled = try await forums.cancel(forumID, reason: reason, expectedVersion: form.version, context: WriteContext(
            actor: principal.username, role: principal.primaryRole, action: "forum.cancel", reason: reason, forumID: forumID,
            requestID: context.requestID))
        if !cancelled, !(try await cancelledSo()) {
            return try await renderPlan(request, context, forumID: forumID, place: place, errors: [t["plan_error_changed"]], status: .conflict)
        }
        return redirect("/forums/\(forumID)")
    }

    /// The form of a planned forum's plan, filled with it; a forum that has opened goes to its page.
    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (forumID, place) = try await plannedForumPlace(context)
        return try await renderPlan(request, context, forumID: forumID, place: place, held: heldPlan(sentTo: "/forums/\(forumID)/plan", context),
                                    errors: [], status: .ok)
    }

    /// The plan this person sent to `action` after their session had ended (`HeldForm`).
    private func heldPlan(sentTo action: String, _ context: AppRequestContext) -> Form? {
        HeldFormController.take(sentTo: action, context).flatMap { try? Request.decodeForm(Form.self, from: $0.body) }
    }

    /// The form filled with the forum's plan as it now is (or with a plan `held` since the person's
    /// session ended), with `errors` over it (and a refused `cancelReason` in its form); once the
    /// forum has opened (or was cancelled) its plan no longer changes, and its page is shown instead.
    private func renderPlan(_ request: Request, _ context: AppRequestContext, forumID: Int64, place: Region, held: Form? = nil,
                            cancelReason: String? = nil, errors: [String], status: HTTPResponse.Status) async throws -> Response {
        guard let current = try await forums.plannedPlan(forumID) else { return redirect("/forums/\(forumID)") }
        return try await renderForm(request, context, place: place, form: held ?? Self.form(from: current.plan, version: current.version),
                                    forumID: forumID, cancelReason: cancelReason, errors: errors, held: held != nil, status: status)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (forumID, place) = try await plannedForumPlace(context)
        guard let principal = context.principal else { throw LoginRequired() }
        var request = request
        let form = try await request.decodeForm(Form.self)
        let t = Translations(language: context.language)
        func refuse(_ errors: [String], _ status: HTTPResponse.Status) async throws -> Response {
            try await renderForm(request, context, place: place, form: form, forumID: forumID, errors: errors, status: status)
        }
        guard let plan = Self.plan(from: form, place: place.code) else { return try await refuse([t["plan_error_when"]], .unprocessableContent) }
        let problems = plan.problems
        guard problems.isEmpty else { return try await refuse(problems.map { t["plan_error_\($0.rawValue)"] }, .unprocessableContent) }
        let outside = try await teamOutside(plan, forumID: forumID, t)
        guard outside.isEmpty else { return try await refuse(outside, .unprocessableContent) }
        let changed: Bool
        do {
            changed = try await forums.replan(forumID, to: plan, expectedVersion: form.version ?? 0, context: WriteContext(
                actor: principal.username, role: principal.primaryRole, action: "forum.replan", forumID: forumID, requestID: context.requestID))
        } catch {
            guard let refusal = DatabaseRefusal(error) else { throw error }
            return try await refuse([try await refusalMessage(refusal, plan: plan, replanning: forumID, t)], .conflict)
        }
        guard changed else {
            // Changed by someone else since the form was shown, or opened: say so over the plan as it now is.
            return try await renderPlan(request, context, forumID: forumID, place: place, errors: [t["plan_error_changed"]], status: .conflict)
        }
        return redirect("/forums/\(forumID)")
    }

    /// The forums of a place, soonest first, a hundred to a page (`after` the last one shown), all
    /// of them or those in one `state`.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let region = try await requestedRegion(context, action: .viewForum)
        let query = request.formQuery
        let whole = "/regions/\(region.code.value)/forums"
        let state = try query["state"].flatMap { $0.isEmpty ? nil : $0 }.map { text in
            guard let state = ForumState(rawValue: text) else { throw ForumListPage.Unreadable(field: .state, typed: text, back: whole) }
            return state
        }
        let after = try query["after"].flatMap { $0.isEmpty ? nil : $0 }.map { text in
            guard let id = Int64(text) else { throw ForumListPage.Unreadable(field: .after, typed: text, back: whole) }
            return id
        }
        // One more than a page: whether a next page exists.
        let listed = try await forums.list(within: region.code, state: state, after: after, limit: Self.pageSize + 1)
        let page = ForumListPage(region: region, forums: Array(listed.prefix(Self.pageSize)), hasMore: listed.count > Self.pageSize, state: state,
                                 counts: try await forums.stateCounts(within: region.code),
                                 mayPlan: ForumPlan.HeldAt(planningAt: region.level) != nil
                                     && AccessPolicy.decide(context.principal, .planForum, .region(region.code)) == .allow,
                                 language: context.language)
        return try renderer.render("forums", title: "forums_title", content: page, request: request, context: context)
    }

    static let pageSize = 100

    @Sendable func new(_ request: Request, context: AppRequestContext) async throws -> Response {
        let place = try await requestedPlace(context)
        let held = heldPlan(sentTo: "/regions/\(place.code.value)/forums", context)
        return try await renderForm(request, context, place: place, form: held, errors: [], held: held != nil, status: .ok)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let place = try await requestedPlace(context)
        guard let principal = context.principal else { throw LoginRequired() }
        var request = request
        let form = try await request.decodeForm(Form.self)
        let t = Translations(language: context.language)
        guard let plan = Self.plan(from: form, place: place.code) else {
            return try await renderForm(request, context, place: place, form: form, errors: [t["plan_error_when"]], status: .unprocessableContent)
        }
        let problems = plan.problems
        guard problems.isEmpty else {
            return try await renderForm(request, context, place: place, form: form,
                                        errors: problems.map { t["plan_error_\($0.rawValue)"] }, status: .unprocessableContent)
        }
        let outside = try await teamOutside(plan, forumID: nil, t)
        guard outside.isEmpty else {
            return try await renderForm(request, context, place: place, form: form, errors: outside, status: .unprocessableContent)
        }
        do {
            let id = try await forums.plan(plan, context: WriteContext(
                actor: principal.username, role: principal.primaryRole, action: "forum.plan", regionCode: place.code.value,
                requestID: context.requestID))
            return redirect("/forums/\(id)")
        } catch {
            guard let refusal = DatabaseRefusal(error) else { throw error }
            return try await renderForm(request, context, place: place, form: form,
                                        errors: [try await refusalMessage(refusal, plan: plan, t)], status: .conflict)
        }
    }

    /// One message for each person of the team who could not do their part, as the access rules (by
    /// role and place) decide: open the forum's pages (a village's facilitator in a district's forum
    /// that takes none of the village's units), and, in the facilitator's seat, run the forum.
    private func teamOutside(_ plan: ForumPlan, forumID: Int64?, _ t: Translations) async throws -> [String] {
        let forum = plan.resource(forumID: forumID)
        var messages: [String] = []
        for member in plan.team {
            // An unknown or disabled account is the database's to refuse, as before.
            guard let person = try await accounts.principal(userID: member.userID) else { continue }
            if AccessPolicy.decide(person, .viewForum, forum) != .allow {
                messages.append(t.filling("plan_error_team_outside", ["name": person.displayName]))
            } else if member.role == .facilitator && AccessPolicy.decide(person, .runForum, forum) != .allow {
                messages.append(t.filling("plan_error_facilitator_cannot_run", ["name": person.displayName]))
            }
        }
        return messages
    }

    /// What the database's refusal of a plan means for the person planning.
    private func refusalMessage(_ refusal: DatabaseRefusal, plan: ForumPlan, replanning forumID: Int64? = nil,
                                _ t: Translations) async throws -> String {
        switch refusal.constraint {
        case "forum_team_no_double_booking":
            let clashes = try await forums.overlappingBookings(userIDs: plan.team.map(\.userID), startsAt: plan.startsAt, endsAt: plan.endsAt,
                                                               apartFrom: forumID)
            return clashes.map { t.filling("plan_error_double_booked", ["name": $0.name, "forum": "\($0.forumID)"]) }.joined(separator: " ")
        case "forum_units_one_open_forum":
            return t["plan_error_unit_booked"]
        default:
            return t["plan_error_refused"] + " (\(refusal.message))"
        }
    }

    /// The plan the form describes; nil when the date or times cannot be read.
    static func plan(from form: Form, place: RegionCode) -> ForumPlan? {
        guard let heldAt = ForumPlan.HeldAt(planningAt: place.level) else { return nil }
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: IndonesianTime.zone(for: place).identifier)
        parser.dateFormat = "yyyy-MM-dd HH:mm"
        let day = (form.date ?? "").trimmingWhitespace
        guard let starts = parser.date(from: "\(day) \((form.starts ?? "").trimmingWhitespace)"),
              let ends = parser.date(from: "\(day) \((form.ends ?? "").trimmingWhitespace)") else { return nil }
        var team: [(userID: Int64, role: ForumTeamRole)] = []
        for (raw, role) in [(form.facilitator, ForumTeamRole.facilitator), (form.assistant1, .assistantFacilitator),
                            (form.assistant2, .assistantFacilitator), (form.administrator, .administrator)] {
            if let id = raw.flatMap({ Int64($0) }) { team.append((id, role)) }
        }
        let title = (form.title ?? "").trimmingWhitespace
        return ForumPlan(place: place, heldAt: heldAt, units: (form.units ?? []).compactMap(RegionCode.parse),
                         title: title.isEmpty ? "FKP \(place.value)" : title, startsAt: starts, endsAt: ends,
                         venue: (form.venue ?? "").trimmingWhitespace, team: team)
    }

    private func requestedRegion(_ context: AppRequestContext, action: AccessAction) async throws -> Region {
        guard let code = RegionCode.parse(try context.parameters.require("code")) else { throw HTTPError(.notFound) }
        try context.authorize(action, .region(code))
        guard let region = try await regions.region(code) else { throw HTTPError(.notFound) }
        return region
    }

    private func requestedPlace(_ context: AppRequestContext) async throws -> Region {
        let region = try await requestedRegion(context, action: .planForum)
        guard ForumPlan.HeldAt(planningAt: region.level) != nil else { throw HTTPError(.notFound) }
        return region
    }

    /// The forum named in the path and its place (a village, or a district), for someone who may plan forums there.
    private func plannedForumPlace(_ context: AppRequestContext) async throws -> (Int64, Region) {
        guard let id = Int64(try context.parameters.require("id")), let forum = try await forums.summary(id) else { throw HTTPError(.notFound) }
        try context.authorize(.planForum, .region(forum.place))
        guard let place = try await regions.region(forum.place), ForumPlan.HeldAt(planningAt: place.level) != nil else {
            throw HTTPError(.notFound)
        }
        return (id, place)
    }

    /// The form filled with a plan, its times in the place's own zone.
    static func form(from plan: ForumPlan, version: Int) -> Form {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: IndonesianTime.zone(for: plan.place).identifier)
        func text(_ date: Date, _ format: String) -> String { formatter.dateFormat = format; return formatter.string(from: date) }
        let assistants = plan.team.filter { $0.role == .assistantFacilitator }.map { "\($0.userID)" }
        func seat(_ role: ForumTeamRole) -> String? { plan.team.first { $0.role == role }.map { "\($0.userID)" } }
        return Form(title: plan.title, date: text(plan.startsAt, "yyyy-MM-dd"), starts: text(plan.startsAt, "HH:mm"),
                    ends: text(plan.endsAt, "HH:mm"), venue: plan.venue, units: plan.units.map(\.value),
                    facilitator: seat(.facilitator), assistant1: assistants.first, assistant2: assistants.dropFirst().first,
                    administrator: seat(.administrator), version: version)
    }

    private func renderForm(_ request: Request, _ context: AppRequestContext, place: Region, form: Form?, forumID: Int64? = nil,
                            cancelReason: String? = nil, errors: [String], held: Bool = false, status: HTTPResponse.Status) async throws -> Response {
        let page = PlanForumPage(
            place: place, units: try await regions.descendants(of: place.code, level: .sls),
            villages: place.level == .village ? [place] : try await regions.descendants(of: place.code, level: .village),
            booked: try await forums.bookedUnits(in: place.code).filter { $0.value != forumID },
            candidates: try await forums.teamCandidates(for: place.code),
            form: form, forumID: forumID, cancelReason: cancelReason, errors: errors, held: held,
            mayCreateAccounts: context.principal?.managesAccounts == true, csrf: context.csrfToken(), language: context.language)
        return try renderer.render("forum-plan", title: "plan_title", content: page, request: request, context: context, status: status)
    }
}
