import FKPCore
import FKPStore
import Foundation
import Hummingbird

/// A family's page in a forum (its values, its history from the audit trail, its challenges), the
/// forum's list of challenges, raising a challenge, and the facilitator's decision on one.
struct ChallengeController {
    let renderer: PageRenderer
    let forums: ForumRepository
    let reviews: ReviewRepository
    let challenges: ChallengeRepository
    let audit: AuditRepository

    struct RaiseForm: Decodable {
        let kind: String
        let proposed_group: String?
        let proposed_presence: String?
        let proposed_value: String?
        let reason: String?
    }

    struct DecisionForm: Decodable {
        let version: Int
        let status: String?
        let method: String?
        let votes_for: String?
        let votes_against: String?
        let votes_abstain: String?
        let note: String?
        /// "family" to come back to the family's page, otherwise the forum's list.
        let back: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/forums/{id}/families/{family}", use: family)
        router.post("/forums/{id}/families/{family}/challenges", use: raise)
        router.get("/forums/{id}/challenges", use: list)
        router.post("/forums/{id}/challenges/{challenge}/decision", use: decide)
    }

    @Sendable func family(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: false)
        let moment = try HistoricalMoment(request, place: forum.place, language: context.language)
        let row = try await requestedFamily(forum, context, write: false, asOf: moment?.date)
        return try await renderFamily(request, context, forum: forum, row: row, moment: moment, error: nil, status: .ok)
    }

    @Sendable func raise(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        try context.authorize(.raiseChallenge, forum.resource)
        guard let principal = context.principal else { throw LoginRequired() }
        let row = try await requestedFamily(forum, context, write: true)
        var request = request
        let form = try await request.decodeForm(RaiseForm.self)
        let t = Translations(language: context.language)
        guard let kind = Challenge.Kind(rawValue: form.kind) else {
            return try await renderFamily(request, context, forum: forum, row: row, error: .init(messages: [t["challenge_error_kind"]]),
                                          status: .unprocessableContent)
        }
        let challenge = Challenge(kind: kind, proposedGroup: form.proposed_group.flatMap(Int.init).flatMap(WelfareGroup.init),
                                  proposedPresence: form.proposed_presence.flatMap(Presence.init),
                                  proposedValue: form.proposed_value ?? "", reason: form.reason ?? "")
        let problems = challenge.problems(currentGroup: row.review.groupAfter(preliminary: row.group))
        guard problems.isEmpty else {
            return try await renderFamily(request, context, forum: forum, row: row,
                                          error: .init(messages: problems.map { t["challenge_error_\($0.rawValue)"] }, raised: challenge),
                                          status: .unprocessableContent)
        }
        guard forum.state.allows(.review) else {
            return try await renderFamily(request, context, forum: forum, row: row, error: .init(messages: [t["challenge_error_state"]]),
                                          status: .conflict)
        }
        do {
            _ = try await challenges.raise(
                forumID: forum.id, familyID: row.familyID, challenge, userID: principal.userID, name: principal.displayName,
                context: WriteContext(actor: principal.username, role: principal.primaryRole, action: "challenge.raise",
                                      reason: challenge.normalized.reason, forumID: forum.id, requestID: context.requestID))
        } catch let error where DatabaseRefusal(error)?.constraint == "forum_state_allows" {
            return try await renderFamily(request, context, forum: forum, row: row, error: .init(messages: [t["challenge_error_state"]]),
                                          status: .conflict)
        }
        return redirect("/forums/\(forum.id)/families/\(row.familyID)#challenges")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: false)
        return try await renderList(request, context, forum: forum, error: nil, status: .ok)
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        try context.authorize(.runForum, forum.resource)
        guard let principal = context.principal else { throw LoginRequired() }
        guard let id = Int64(try context.parameters.require("challenge")),
              let challenge = try await challenges.list(forumID: forum.id, challengeID: id).first else { throw HTTPError(.notFound) }
        var request = request
        let form = try await request.decodeForm(DecisionForm.self)
        let t = Translations(language: context.language)
        func count(_ raw: String?) -> Int? { raw.flatMap { Int($0.trimmingWhitespace) } }
        let method = form.method.flatMap(Challenge.Method.init)
        let decision = Challenge.Decision(
            status: form.status.flatMap(Challenge.Status.init) ?? .open, method: method,
            votesFor: method == .vote ? count(form.votes_for) : nil, votesAgainst: method == .vote ? count(form.votes_against) : nil,
            votesAbstain: method == .vote ? count(form.votes_abstain) : nil, note: form.note ?? "")
        let back = form.back == "family" ? "/forums/\(forum.id)/families/\(challenge.familyID)#challenges" : "/forums/\(forum.id)/challenges"
        func refuse(_ messages: [String], _ status: HTTPResponse.Status) async throws -> Response {
            try await renderList(request, context, forum: forum, error: ChallengesPage.Refusal(challengeID: id, messages: messages), status: status)
        }
        guard decision.problems.isEmpty else {
            return try await refuse(decision.problems.map { t["decision_error_\($0.rawValue)"] }, .unprocessableContent)
        }
        guard forum.state.allows(.review) else { return try await refuse([t["challenge_error_state"]], .conflict) }
        let outcome: ChallengeRepository.Outcome
        do {
            outcome = try await challenges.decide(
                id, forumID: forum.id, decision, expectedVersion: form.version,
                context: WriteContext(actor: principal.username, role: principal.primaryRole, action: "challenge.\(decision.status.rawValue)",
                                      reason: decision.note.trimmingWhitespace.isEmpty ? challenge.challenge.reason : decision.note.trimmingWhitespace,
                                      forumID: forum.id, decisionRef: "challenge:\(id)", requestID: context.requestID))
        } catch is WriteConflict {
            return try await refuse([t["challenge_error_stale"]], .conflict)
        } catch let error where DatabaseRefusal(error)?.constraint == "forum_state_allows" {
            return try await refuse([t["challenge_error_state"]], .conflict)
        }
        switch outcome {
        case .decided: return redirect(back)
        case .stale: return try await refuse([t["challenge_error_stale"]], .conflict)
        case .gone: throw HTTPError(.notFound)
        }
    }

    /// The family named by the route, when it is listed in one of the forum's units.
    private func requestedFamily(_ forum: ForumSummary, _ context: AppRequestContext, write: Bool,
                                 asOf: Date? = nil) async throws -> ReviewRepository.Row {
        guard let row = try await reviews.row(forumID: forum.id, familyID: try context.parameters.require("family"), asOf: asOf) else {
            throw write ? HTTPError(.forbidden) : HTTPError(.notFound)
        }
        return row
    }

    private func renderFamily(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, row: ReviewRepository.Row,
                              moment: HistoricalMoment? = nil, error: FamilyPage.Refusal?, status: HTTPResponse.Status) async throws -> Response {
        let history = try await audit.rowHistory(table: "fkp.reviews", rowKey: "\(forum.id)/\(row.familyID)", fields: FamilyPage.reviewFields,
                                                 until: moment?.date)
        // A historical view shows the values and history up to that moment, and changes nothing.
        let open = moment == nil && forum.state.allows(.review)
        let page = FamilyPage(
            forum: forum, row: row, history: history, challenges: try await challenges.list(forumID: forum.id, familyID: row.familyID),
            mayRaise: open && AccessPolicy.decide(context.principal, .raiseChallenge, forum.resource) == .allow,
            mayDecide: open && AccessPolicy.decide(context.principal, .runForum, forum.resource) == .allow,
            moment: moment, error: error, csrf: context.csrfToken(), language: context.language)
        return try renderer.render("family", title: "family_title", content: page, request: request, context: context, status: status)
    }

    private func renderList(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, error: ChallengesPage.Refusal?,
                            status: HTTPResponse.Status) async throws -> Response {
        let page = ChallengesPage(
            forum: forum, challenges: try await challenges.list(forumID: forum.id),
            mayDecide: forum.state.allows(.review) && AccessPolicy.decide(context.principal, .runForum, forum.resource) == .allow,
            error: error, csrf: context.csrfToken(), language: context.language)
        return try renderer.render("challenges", title: "challenge_title", content: page, request: request, context: context, status: status)
    }
}
