import FKPCore
import FKPStore
import Foundation
import Hummingbird

/// The page of a row of a forum's list, a listed family or an added one (its values, its history
/// from the audit trail, its challenges), the forum's list of challenges, raising a challenge, and
/// the facilitator's decision on one.
struct ChallengeController {
    let renderer: PageRenderer
    let forums: ForumRepository
    let reviews: ReviewRepository
    let added: AddedFamilyRepository
    let challenges: ChallengeRepository
    let audit: AuditRepository
    let sharedNumbers: SharedNumbersCache

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
        router.get("/forums/{id}/families/{family}", use: row)
        router.post("/forums/{id}/families/{family}/challenges", use: raise)
        router.get("/forums/{id}/added/{added}", use: row)
        router.post("/forums/{id}/added/{added}/challenges", use: raise)
        router.get("/forums/{id}/challenges", use: list)
        router.post("/forums/{id}/challenges/{challenge}/decision", use: decide)
    }

    @Sendable func row(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: false)
        let moment = try HistoricalMoment(request, place: forum.place, language: context.language)
        let row = try await requestedRow(forum, context, write: false, asOf: moment?.date)
        return try await renderRow(request, context, forum: forum, row: row, moment: moment, error: nil, status: .ok)
    }

    @Sendable func raise(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        try context.authorize(.raiseChallenge, forum.resource)
        guard let principal = context.principal else { throw LoginRequired() }
        let row = try await requestedRow(forum, context, write: true)
        var request = request
        let form = try await request.decodeForm(RaiseForm.self)
        let t = Translations(language: context.language)
        func refuse(_ messages: [String], raised: Challenge? = nil, _ status: HTTPResponse.Status) async throws -> Response {
            try await renderRow(request, context, forum: forum, row: row, error: .init(messages: messages, raised: raised), status: status)
        }
        guard let kind = Challenge.Kind(rawValue: form.kind) else {
            return try await refuse([t["challenge_error_kind"]], .unprocessableContent)
        }
        var challenge = Challenge(kind: kind, proposedGroup: form.proposed_group.flatMap(Int.init).flatMap(WelfareGroup.init),
                                  proposedPresence: form.proposed_presence.flatMap(Presence.init),
                                  proposedValue: form.proposed_value ?? "", reason: form.reason ?? "")
        var messages = challenge.problems(currentGroup: row.currentGroup, presences: row.presences).map { t["challenge_error_\($0.rawValue)"] }
        // The correction must be one the review form would take: the other family is another one of
        // this forum, named by id or by its number in the family's list, and kept by its id.
        if case .listed(let listed) = row, messages.isEmpty, challenge.kind == .presence {
            let (corrected, inForum) = try await reviews.namingOtherFamily(challenge.correcting(listed.review, preliminary: listed.group),
                                                                           unit: listed.unit, forumID: forum.id)
            messages = corrected.problems(familyID: listed.familyID, preliminary: listed.group, inForum: inForum.contains)
                .map { t["review_error_\($0.rawValue)"] }
            if messages.isEmpty, let id = corrected.otherFamily { challenge.proposedValue = id }
        }
        guard messages.isEmpty else { return try await refuse(messages, raised: challenge, .unprocessableContent) }
        guard forum.state.allows(.review) else { return try await refuse([t["challenge_error_state"]], .conflict) }
        guard !row.isWithdrawn else { return try await refuse([t["challenge_error_withdrawn"]], .conflict) }
        do {
            _ = try await challenges.raise(
                forumID: forum.id, on: row.subject, challenge, userID: principal.userID, name: principal.displayName,
                context: WriteContext(actor: principal.username, role: principal.primaryRole, action: "challenge.raise",
                                      reason: challenge.normalized.reason, forumID: forum.id, requestID: context.requestID))
        } catch let error where DatabaseRefusal(error)?.constraint == "forum_state_allows" {
            return try await refuse([t["challenge_error_state"]], .conflict)
        } catch let error where DatabaseRefusal(error)?.constraint == "challenges_added_family_withdrawn" {
            // Withdrawn between the page's read and this write.
            return try await refuse([t["challenge_error_withdrawn"]], .conflict)
        }
        return redirect(row.path(forumID: forum.id) + "#challenges")
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
        let back = form.back == "family"
            ? ChallengedRow.path(of: challenge.subject, forumID: forum.id) + "#challenges" : "/forums/\(forum.id)/challenges"
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
        } catch let error where DatabaseRefusal(error)?.constraint == "reviews_no_ring" {
            return try await refuse([t["review_error_otherFamilyRing"]], .unprocessableContent)
        } catch let error where DatabaseRefusal(error)?.isConstraintViolation == true {
            // The correction breaks a rule of the row (a challenge written past the form's checks): nothing is decided.
            return try await refuse([t["challenge_error_cannot_apply"]], .unprocessableContent)
        }
        switch outcome {
        case .decided: return redirect(back)
        case .stale: return try await refuse([t["challenge_error_stale"]], .conflict)
        case .gone: throw HTTPError(.notFound)
        }
    }

    /// The row named by the route (`{family}` or `{added}`), when it is one of the forum's.
    private func requestedRow(_ forum: ForumSummary, _ context: AppRequestContext, write: Bool,
                              asOf: Date? = nil) async throws -> ChallengedRow {
        let found: ChallengedRow?
        if let familyID = context.parameters.get("family") {
            found = try await reviews.row(forumID: forum.id, familyID: familyID, asOf: asOf).map(ChallengedRow.listed)
        } else if let id = Int64(try context.parameters.require("added")) {
            found = try await added.one(forumID: forum.id, id: id, asOf: asOf).map(ChallengedRow.added)
        } else {
            found = nil
        }
        guard let found else { throw write ? HTTPError(.forbidden) : HTTPError(.notFound) }
        return found
    }

    private func renderRow(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, row: ChallengedRow,
                           moment: HistoricalMoment? = nil, error: RowRecord.Refusal?, status: HTTPResponse.Status) async throws -> Response {
        let history: [AuditRepository.RowChange]
        switch row {
        case .listed(let listed):
            history = try await audit.rowHistory(table: "fkp.reviews", rowKey: "\(forum.id)/\(listed.familyID)",
                                                 fields: FamilyPage.reviewFields, until: moment?.date)
        case .added(let added):
            history = try await audit.rowHistory(table: "fkp.added_families", rowKey: "\(added.id)", fields: AddedFamilyPage.fields,
                                                 until: moment?.date)
        }
        // A historical view shows the values and history up to that moment, and changes nothing.
        let open = moment == nil && forum.state.allows(.review)
        let raised = try await challenges.list(forumID: forum.id, on: row.subject)
        // The families the row's duplicate or merger, its history and its challenges name, as their lists show them.
        var named = raised.compactMap(\.challenge.otherFamily) + RowRecord.otherFamilies(in: history)
        var unit: String?
        if case .listed(let listed) = row {
            unit = listed.unit
            if let id = listed.review.otherFamily { named.append(id) }
        }
        let others = OtherFamilyShown(try await reviews.rows(forumID: forum.id, familyIDs: named), forum: forum)
        let record = RowRecord(
            forum: forum, unit: unit, history: history, challenges: raised, others: others,
            raiseAction: row.path(forumID: forum.id) + "/challenges", presences: row.presences,
            mayRaise: open && !row.isWithdrawn && AccessPolicy.decide(context.principal, .raiseChallenge, forum.resource) == .allow,
            mayDecide: open && AccessPolicy.decide(context.principal, .runForum, forum.resource) == .allow,
            error: error, language: context.language)
        switch row {
        case .listed(let listed):
            let shared = try await sharedNumbers.shared(in: forum, reading: reviews)[listed.familyID]
            let page = FamilyPage(forum: forum, row: listed, others: others, sharedNumbers: shared, record: record, moment: moment,
                                  readsAudit: AccessPolicy.decide(context.principal, .viewAudit, forum.resource) == .allow,
                                  csrf: context.csrfToken(), language: context.language)
            return try renderer.render("family", title: "family_title", content: page, request: request, context: context, status: status)
        case .added(let added):
            let page = AddedFamilyPage(forum: forum, added: added, record: record, moment: moment, csrf: context.csrfToken(),
                                       language: context.language)
            return try renderer.render("added-family", title: "added_family_title", content: page, request: request, context: context,
                                       status: status)
        }
    }

    private func renderList(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, error: ChallengesPage.Refusal?,
                            status: HTTPResponse.Status) async throws -> Response {
        let raised = try await challenges.list(forumID: forum.id)
        let page = ChallengesPage(
            forum: forum, challenges: raised,
            others: OtherFamilyShown(try await reviews.rows(forumID: forum.id, familyIDs: raised.compactMap(\.challenge.otherFamily)), forum: forum),
            mayDecide: forum.state.allows(.review) && AccessPolicy.decide(context.principal, .runForum, forum.resource) == .allow,
            error: error, csrf: context.csrfToken(), language: context.language)
        return try renderer.render("challenges", title: "challenge_title", content: page, request: request, context: context, status: status)
    }
}
