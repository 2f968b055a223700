import FKPCore
import FKPStore
import Foundation
import Hummingbird

/// BPS staff or the village facilitator invite the SLS heads and community figures of a forum.
/// Each invitation is printed with a one-time code; with it the person sets a password at /activate.
struct InvitationController {
    let renderer: PageRenderer
    let forums: ForumRepository
    let invitations: InvitationRepository
    let activationDays: Int
    let site: SiteAddress

    struct Form: Decodable {
        let kind: String
        let full_name: String
        let sls_code: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/forums/{id}/invitations", use: page)
        router.post("/forums/{id}/invitations", use: invite)
        router.post("/forums/{id}/invitations/{participant}/reissue", use: reissue)
        router.post("/forums/{id}/invitations/sheets", use: sheets)
    }

    /// Every invitee still waiting gets a new code, printed one A4 sheet each: what a facilitator
    /// takes to the village before the forum.
    @Sendable func sheets(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forum(context, write: true)
        guard let principal = context.principal else { throw LoginRequired() }
        let issued = try await invitations.reissueAll(
            forumID: forum.id, code: Token.activationCode, expiresAt: expiry,
            context: WriteContext(actor: principal.username, role: principal.primaryRole, action: "forum.invite_reissue",
                                  reason: "printing every invitation", forumID: forum.id, requestID: context.requestID))
        let people = try await invitations.participants(forumID: forum.id)
        let sheets = issued.map { issued in
            let person = people.first { $0.id == issued.participantID }
            return sheet(request, context, forum: forum, name: person?.fullName ?? issued.username, kind: person?.kind ?? "",
                         unit: person?.unit.flatMap(RegionCode.parse), username: issued.username, code: issued.code)
        }
        return try renderer.render("invitation-sheets", title: "invite_sheet_title", content: InvitationSheets(forumID: forum.id, sheets: sheets),
                                   request: request, context: context)
    }

    /// The forum, when the person may invite to it: a read refused outside the scope is "not found".
    private func forum(_ context: AppRequestContext, write: Bool) async throws -> ForumSummary {
        let forum = try await forums.requested(by: context, write: write)
        try context.authorize(.inviteParticipants, forum.resource)
        return forum
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forum(context, write: false)
        return try await render(request, context, forum: forum, error: nil, status: .ok)
    }

    @Sendable func invite(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forum(context, write: true)
        guard let principal = context.principal else { throw LoginRequired() }
        var request = request
        let form = try await request.decodeForm(Form.self)
        let t = Translations(language: context.language)
        guard forum.state.allows(.planning) else {
            return try await render(request, context, forum: forum, error: t["invite_error_opened"], typed: form, status: .conflict)
        }
        let name = form.full_name.trimmingCharacters(in: .whitespaces)
        guard let kind = InvitationRepository.Invitee.Kind(rawValue: form.kind) else {
            return try await render(request, context, forum: forum, error: t["invite_error_kind"], typed: form, status: .unprocessableContent)
        }
        guard !name.isEmpty, !name.isLonger(than: 200) else {
            return try await render(request, context, forum: forum, error: t["invite_error_name"], typed: form, status: .unprocessableContent)
        }
        guard !PersonalNumber.isTypedInto(name) else {
            return try await render(request, context, forum: forum, error: t.personalNumberIn("invite_name"), typed: form,
                                    status: .unprocessableContent)
        }
        let unit = (form.sls_code).flatMap(RegionCode.parse)
        if kind == .slsHead && !forum.units.contains(where: { $0.code == unit }) {
            return try await render(request, context, forum: forum, error: t["invite_error_unit"], typed: form, status: .unprocessableContent)
        }
        let code = Token.activationCode()
        let writeContext = WriteContext(actor: principal.username, role: principal.primaryRole, action: "forum.invite",
                                        forumID: forum.id, requestID: context.requestID)
        var invited: InvitationRepository.Invited?
        var random = SystemRandomNumberGenerator()
        let stem = InvitedUsername.stem(of: name)
        for attempt in 0..<InvitedUsername.attempts where invited == nil {
            do {
                invited = try await invitations.invite(
                    .init(kind: kind, fullName: name, unit: kind == .slsHead ? unit : nil), to: forum,
                    username: InvitedUsername.candidate(stem: stem, attempt: attempt, using: &random), code: code, expiresAt: expiry,
                    context: writeContext)
            } catch let error where DatabaseRefusal(error)?.constraint == "users_username_key" {
                continue  // the generated name was taken; draw another
            } catch {
                guard let refusal = DatabaseRefusal(error) else { throw error }
                let key = switch refusal.constraint {
                case "forum_participants_five_figures": "invite_error_five_figures"
                case "forum_participants_one_head_per_unit": "invite_error_head_exists"
                case "forum_participants_one_figure_per_name": "invite_error_figure_exists"
                case "forum_state_allows": "invite_error_opened"  // opened while the form was filled in
                default: "invite_error_other"
                }
                return try await render(request, context, forum: forum, error: t[key], typed: form,
                                        status: key == "invite_error_opened" ? .conflict : .unprocessableContent)
            }
        }
        guard let invited else {
            return try await render(request, context, forum: forum, error: t["invite_error_username"], typed: form, status: .conflict)
        }
        return try printable(request, context, forum: forum, name: name, kind: kind.rawValue, unit: unit, username: invited.username, code: code)
    }

    @Sendable func reissue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forum(context, write: true)
        guard let principal = context.principal, let participantID = Int64(try context.parameters.require("participant")) else {
            throw HTTPError(.forbidden)
        }
        let code = Token.activationCode()
        guard let invited = try await invitations.reissue(
            participantID: participantID, forumID: forum.id, code: code, expiresAt: expiry,
            context: WriteContext(actor: principal.username, role: principal.primaryRole, action: "forum.invite_reissue",
                                  forumID: forum.id, requestID: context.requestID)) else { throw HTTPError(.forbidden) }
        let participant = try await invitations.participants(forumID: forum.id).first { $0.id == invited.participantID }
        return try printable(request, context, forum: forum, name: participant?.fullName ?? invited.username,
                             kind: participant?.kind ?? "", unit: participant?.unit.flatMap(RegionCode.parse),
                             username: invited.username, code: code)
    }

    private var expiry: Date { Date().addingTimeInterval(TimeInterval(activationDays) * 86400) }

    /// `typed`: an invitation refused, its form filled again to be mended.
    private func render(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, error: String?, typed: Form? = nil,
                        status: HTTPResponse.Status) async throws -> Response {
        let page = InvitationsPage(forum: forum, participants: try await invitations.participants(forumID: forum.id), typed: typed,
                                   csrf: context.csrfToken(), error: error, language: context.language)
        return try renderer.render("invitations", title: "invite_title", content: page, request: request, context: context, status: status)
    }

    private func printable(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, name: String, kind: String,
                           unit: RegionCode?, username: String, code: String) throws -> Response {
        try renderer.render("invitation-sheet", title: "invite_sheet_title",
                            content: sheet(request, context, forum: forum, name: name, kind: kind, unit: unit, username: username, code: code),
                            request: request, context: context)
    }

    private func sheet(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, name: String, kind: String, unit: RegionCode?,
                       username: String, code: String) -> InvitationSheet {
        let t = Translations(language: context.language)
        let origin = site.origin(of: request)
        let address = (origin ?? "") + "/activate?code=\(code)"
        return InvitationSheet(
            name: name, role: t["role_\(kind)"], unit: unit.flatMap { code in forum.units.first { $0.code == code }?.name },
            forumTitle: forum.title, place: forum.placeName, venue: forum.venue,
            when: IndonesianTime.format(forum.startsAt, at: forum.place, languageCode: context.language.rawValue),
            username: username, code: code, activationAddress: address,
            qrCode: origin.flatMap { _ in QRCode(bytes: Array(address.utf8)) }.map { QRCodeSVG.render($0, label: t["invite_sheet_qr"]) },
            expires: IndonesianTime.format(expiry, at: forum.place, languageCode: context.language.rawValue), forumID: forum.id)
    }
}

struct InvitationSheet {
    let name: String
    let role: String
    let unit: String?
    let forumTitle: String
    let place: String
    let venue: String
    let when: String
    let username: String
    let code: String
    /// Where the code is entered, the code filled in: the whole address when the site's is known.
    let activationAddress: String
    /// The same address as a QR code (SVG), when the site's address is known: a phone's camera opens it.
    let qrCode: String?
    let expires: String
    let forumID: Int64
}

/// Every waiting invitee's sheet, one per printed page.
struct InvitationSheets {
    let forumID: Int64
    let sheets: [InvitationSheet]
}

struct InvitationsPage {
    struct Unit { let code: String; let name: String; let selected: Bool }
    struct Kind { let value: String; let label: String; let selected: Bool }
    struct Person { let id: Int64; let name: String; let role: String; let unit: String; let username: String; let activated: Bool }

    let forumID: Int64
    let title: String
    let place: String
    let when: String
    let units: [Unit]
    let kinds: [Kind]
    let typedName: String
    let people: [Person]
    /// New people are invited while the forum is planned (the database holds the rule); codes are
    /// still issued again after it opens.
    let mayInvite: Bool
    let csrf: String
    let error: String?

    init(forum: ForumSummary, participants: [InvitationRepository.Participant], typed: InvitationController.Form? = nil, csrf: String,
         error: String?, language: Language) {
        let t = Translations(language: language)
        forumID = forum.id
        title = forum.title
        place = forum.placeName
        when = IndonesianTime.format(forum.startsAt, at: forum.place, languageCode: language.rawValue)
        units = forum.units.map { Unit(code: $0.code.value, name: $0.name, selected: $0.code.value == typed?.sls_code) }
        kinds = InvitationRepository.Invitee.Kind.allCases.map(\.rawValue).map {
            Kind(value: $0, label: t["role_\($0)"], selected: $0 == typed?.kind)
        }
        typedName = typed?.full_name ?? ""
        mayInvite = forum.state.allows(.planning)
        people = participants.map { p in
            Person(id: p.id, name: p.fullName, role: t["role_\(p.kind)"],
                   unit: p.unit.flatMap { code in forum.units.first { $0.code.value == code }?.name } ?? "",
                   username: p.username ?? "", activated: p.activated)
        }
        self.csrf = csrf
        self.error = error
    }
}
