import FKPCore
import FKPStore
import Foundation
import Hummingbird

/// The forum page: where the forum stands, how far each unit's review has come, and the moves of
/// its life that the person may make (opening, starting the review, marking it ready to close).
/// Closing and reopening carry their own checks and reasons (the closing pages).
struct ForumController {
    let renderer: PageRenderer
    let forums: ForumRepository
    let reviews: ReviewRepository
    let challenges: ChallengeRepository
    let minutes: MinutesRepository
    let closings: ClosingRepository
    let signatures: SignatureRepository

    struct MoveForm: Decodable {
        let from: String
        let to: String
        /// "yes": the forum is opened before its planned day on purpose.
        let early: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/forums/mine", use: mine)
        router.get("/forums/{id}", use: show)
        router.post("/forums/{id}/state", use: move)
    }

    @Sendable func mine(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { throw LoginRequired() }
        // A team seat outlives an assignment moved or taken away since the plan: only the forums the
        // person may still open are theirs to find here (a person has a few forums).
        var listed: [ForumRepository.Listed] = []
        for forum in try await forums.list(takenPartInBy: principal) {
            guard let summary = try await forums.summary(forum.id),
                  AccessPolicy.decide(principal, .viewForum, summary.resource) == .allow else { continue }
            listed.append(forum)
        }
        // Asked only of the forums whose minutes are being signed: a person has a few forums.
        var awaitingSignature: Set<Int64> = []
        for forum in listed where forum.state.allows(.minutes) {
            let places = try await signatures.signatories(forumID: forum.id)
            if places.contains(where: { $0.mark == nil && $0.isSignedOnScreen(by: principal.userID) }) { awaitingSignature.insert(forum.id) }
        }
        let page = MyForumsPage(forums: listed, awaitingSignature: awaitingSignature, language: context.language)
        return try renderer.render("my-forums", title: "my_forums_title", content: page, request: request, context: context)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: false)
        let moment = try HistoricalMoment(request, place: forum.place, language: context.language)
        return try await render(request, context, forum: forum, moment: moment, error: nil, status: .ok)
    }

    @Sendable func move(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        guard let principal = context.principal else { throw LoginRequired() }
        var request = request
        let form = try await request.decodeForm(MoveForm.self)
        guard let from = ForumState(rawValue: form.from), let to = ForumState(rawValue: form.to),
              let action = from.action(toMoveTo: to), Self.offered.contains(to) else {
            throw HTTPError(.badRequest)
        }
        try context.authorize(action, forum.resource)
        let t = Translations(language: context.language)
        // The form sent twice (a second tap on a slow connection) finds the forum where its first
        // sending moved it: answered as the first was, not as a move by someone else.
        if forum.state == to { return redirect("/forums/\(forum.id)") }
        guard forum.state == from else {
            return try await render(request, context, forum: forum, error: t["forum_error_moved"], status: .conflict)
        }
        // Opening freezes the units' preliminary lists and ends the invitations, and cannot be undone:
        // before the forum's day it is done only on purpose (a tap while looking around is not).
        if to == .open, forum.opensEarly(now: Date()), form.early != "yes" {
            return try await render(request, context, forum: forum, error: t["forum_error_open_early"], status: .unprocessableContent)
        }
        let moved: Bool
        do {
            moved = try await forums.move(forum.id, from: from, to: to, context: WriteContext(
                actor: principal.username, role: principal.primaryRole, action: "forum.state.\(to.rawValue)",
                forumID: forum.id, requestID: context.requestID))
        } catch let error where DatabaseRefusal(error)?.constraint == "forum_ready_to_close" {
            return try await render(request, context, forum: forum, error: t["forum_error_not_ready"], status: .conflict)
        }
        guard moved else {
            let now = try await forums.requested(by: context, write: false)
            if now.state == to { return redirect("/forums/\(forum.id)") }  // both sendings at once: the first moved it
            return try await render(request, context, forum: now, error: t["forum_error_moved"], status: .conflict)
        }
        return redirect("/forums/\(forum.id)")
    }

    /// The moves this page offers; closing and reopening are made on the closing pages.
    static let offered: Set<ForumState> = [.open, .reviewing, .readyToClose]

    /// The forum page, also shown by the closing pages with their errors.
    /// `reopenReason`: a reason for reopening that was refused, put back in its form.
    func render(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, moment: HistoricalMoment? = nil, error: String?,
                reopenReason: String? = nil, status: HTTPResponse.Status) async throws -> Response {
        // A historical view shows the counts as they stood, and offers no moves.
        let moves = forum.state.moves.filter { next, action in
            moment == nil && Self.offered.contains(next) && context.principal.map {
                AccessPolicy.decide($0, action, forum.resource) == .allow } == true
        }.keys.sorted { $0.rawValue < $1.rawValue }
        let t = Translations(language: context.language)
        let mayReopen = moment == nil && AccessPolicy.decide(context.principal, .reopenForum, forum.resource) == .allow
        let closing = ForumClosingSection(
            forum: forum, version: try await minutes.versions(forumID: forum.id)?.current ?? 1,
            blockers: forum.state == .readyToClose ? try await closings.blockers(forumID: forum.id) : [],
            closings: try await closings.closings(forumID: forum.id),
            mayClose: moment == nil && AccessPolicy.decide(context.principal, .closeForum, forum.resource) == .allow,
            mayReopen: mayReopen,
            unitHolders: forum.state == .closed && mayReopen ? try await closings.unitHolders(forumID: forum.id) : [],
            reopenReason: reopenReason, t: t)
        let page = ForumPage(forum: forum, tallies: try await reviews.tally(forumID: forum.id, asOf: moment?.date), moment: moment,
                             openChallenges: try await challenges.openCount(forumID: forum.id), moves: moves,
                             mayInvite: AccessPolicy.decide(context.principal, .inviteParticipants, forum.resource) == .allow,
                             mayReplan: AccessPolicy.decide(context.principal, .planForum, .region(forum.place)) == .allow,
                             closing: closing, csrf: context.csrfToken(), error: error, language: context.language)
        return try renderer.render("forum", title: "forum_title", content: page, request: request, context: context, status: status)
    }
}

/// What the forum template shows.
struct ForumPage {
    struct Unit { let code: String; let name: String; let families: Int; let reviewed: Int; let percent: Int }

    /// `early`: opening before the forum's day, which the form asks to be confirmed.
    struct Move { let from: String; let to: String; let label: String; let early: String? }

    let forumID: Int64
    let title: String
    let place: String
    let when: String
    let venue: String
    let state: String
    let units: [Unit]
    let families: Int
    let reviewed: Int
    let moves: [Move]
    let summary: SummaryTable
    /// What still keeps a reviewing forum from being ready to close.
    let withoutVerdict: Int
    let openChallenges: Int
    let blocked: Bool
    let mayInvite: Bool
    let mayReplan: Bool
    /// Why the forum was called off, when it was.
    let cancelled: String?
    let closing: ForumClosingSection
    /// Set when the page shows the counts as they stood at a past moment.
    let historyNotice: String?
    let historyAt: String?
    let csrf: String
    let error: String?

    init(forum: ForumSummary, tallies: [(unit: RegionCode, tally: ReviewTally)], moment: HistoricalMoment?, openChallenges: Int, moves: [ForumState], mayInvite: Bool,
         mayReplan: Bool, closing: ForumClosingSection, csrf: String, error: String?, language: Language) {
        let t = Translations(language: language)
        forumID = forum.id
        title = forum.title
        place = forum.placeName
        when = IndonesianTime.format(forum.startsAt, at: forum.place, languageCode: language.rawValue)
        venue = forum.venue
        state = t["forum_state_\(forum.state.rawValue)"]
        units = tallies.map { unit, tally in
            Unit(code: unit.value, name: forum.units.first { $0.code == unit }?.name ?? unit.value,
                 families: tally.total, reviewed: tally.reviewed, percent: tally.total == 0 ? 0 : tally.reviewed * 100 / tally.total)
        }
        let all = tallies.reduce(ReviewTally()) { $0 + $1.tally }
        families = all.total
        reviewed = all.reviewed
        summary = SummaryTable(all, t: t)
        withoutVerdict = all.total - all.reviewed
        self.openChallenges = openChallenges
        let blocked = forum.state == .reviewing && (withoutVerdict > 0 || openChallenges > 0)
        self.blocked = blocked
        // "Ready to close" is not offered while something blocks it: the page says what instead.
        let early = forum.opensEarly(now: Date())
            ? t.filling("forum_open_early", ["when": IndonesianTime.format(forum.startsAt, at: forum.place, languageCode: language.rawValue)])
            : nil
        self.moves = moves.filter { $0 != .readyToClose || !blocked }.map {
            Move(from: forum.state.rawValue, to: $0.rawValue, label: t["forum_move_\(forum.state.rawValue)_\($0.rawValue)"],
                 early: $0 == .open ? early : nil)
        }
        self.mayInvite = mayInvite
        self.mayReplan = moment == nil && forum.state == .planned && mayReplan
        cancelled = forum.state == .cancelled ? t.filling("forum_cancelled_notice", ["reason": forum.cancelReason ?? ""]) : nil
        self.closing = closing
        historyNotice = moment?.notice
        historyAt = moment?.field
        self.csrf = csrf
        self.error = error
    }
}
