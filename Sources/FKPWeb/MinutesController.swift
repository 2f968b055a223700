import FKPCore
import FKPStore
import Foundation
import Hummingbird

/// The minutes (berita acara) of a forum: an A4 document generated from the forum's records, the
/// notes the team adds, and the signatures: given on screen by the person themself, or recorded
/// from paper by the forum's administrator or BPS staff; a refusal asks the level above.
struct MinutesController {
    let renderer: PageRenderer
    let forums: ForumRepository
    let minutes: MinutesRepository
    let signatures: SignatureRepository
    let closings: ClosingRepository

    struct NotesForm: Decodable { let notes: String; let version: Int }

    struct SignForm: Decodable {
        let slot: String
        let status: String
        let method: String
        let signer_name: String?
        let reason: String?
        let stamp: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/forums/{id}/minutes", use: show)
        router.post("/forums/{id}/minutes/notes", use: saveNotes)
        router.post("/forums/{id}/signatures", use: sign)
        router.post("/forums/{id}/signatures/{mark}/void", use: void)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: false)
        let version = request.uri.queryParameters["version"].flatMap { Int(String($0)) }
        return try await render(request, context, forum: forum, version: version, error: nil, status: .ok)
    }

    @Sendable func saveNotes(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        try context.authorize(.runForum, forum.resource)
        guard let principal = context.principal else { throw LoginRequired() }
        var request = request
        let form = try await request.decodeForm(NotesForm.self)
        let t = Translations(language: context.language)
        guard forum.state.allows(.minutes) else {
            return try await render(request, context, forum: forum, version: nil, error: t["minutes_error_state"], status: .conflict)
        }
        let notes = String(form.notes.trimmingWhitespace.prefix(4000))
        guard !PersonalNumber.isTypedInto(notes) else {
            // Everyone of the forum reads and signs the notes; the text typed stays in the box.
            return try await render(request, context, forum: forum, version: nil, error: t["minutes_error_notes_personal_number"],
                                    notesDraft: (notes, form.version), status: .unprocessableContent)
        }
        let outcome: MinutesRepository.NotesOutcome
        do {
            outcome = try await minutes.saveNotes(forumID: forum.id, notes: notes, expectedVersion: form.version, context: WriteContext(
                actor: principal.username, role: principal.primaryRole, action: "minutes.notes", forumID: forum.id, requestID: context.requestID))
        } catch let error where DatabaseRefusal(error)?.constraint == "minutes_signed_as_they_stand" {
            return try await render(request, context, forum: forum, version: nil, error: t["minutes_error_notes_signed"], status: .conflict)
        }
        switch outcome {
        case .saved:
            return redirect("/forums/\(forum.id)/minutes#notes")
        case .stale(_, let version):
            // The notes saved meanwhile are shown as the minutes' notes; the text typed stays in the box.
            return try await render(request, context, forum: forum, version: nil, error: t["minutes_error_notes_stale"],
                                    notesDraft: (notes, version), status: .conflict)
        }
    }

    @Sendable func sign(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        guard let principal = context.principal else { throw LoginRequired() }
        var request = request
        let form = try await request.decodeForm(SignForm.self)
        let t = Translations(language: context.language)
        func refuse(_ key: String, _ status: HTTPResponse.Status) async throws -> Response {
            try await render(request, context, forum: forum, version: nil, error: t[key], status: status)
        }
        guard let status = Signatory.Status(rawValue: form.status), let method = Signatory.Method(rawValue: form.method) else {
            throw HTTPError(.badRequest)
        }
        let places = try await signatures.signatories(forumID: forum.id)
        guard let place = places.first(where: { $0.slot == form.slot }) else { return try await refuse("minutes_error_place", .unprocessableContent) }
        let recordsPaper = try await mayRecordPaper(principal, forum)
        switch method {
        case .screen: guard place.isSignedOnScreen(by: principal.userID) else { return try await refuse("minutes_error_not_yours", .forbidden) }
        case .paper: guard recordsPaper else { return try await refuse("minutes_error_not_yours", .forbidden) }
        }
        guard forum.state.allows(.minutes) else { return try await refuse("minutes_error_state", .conflict) }
        let nameIsKnown = method == .screen && place.name != nil
        let name = nameIsKnown ? place.name ?? "" : (form.signer_name ?? "").trimmingWhitespace
        let reason = (form.reason ?? "").trimmingWhitespace
        let toSignatures = redirect("/forums/\(forum.id)/minutes#signatures")
        // The form sent twice (a second tap on a slow connection, or both sendings at once) finds its
        // place marked as it asks, by the same person: answered as its first sending was.
        func markedSo(_ mark: Signatory.Mark?) -> Bool {
            guard let mark else { return false }
            return mark.recordedBy == principal.username && mark.status == status && mark.method == method && mark.signerName == name
                && (mark.refusalReason ?? "") == (status == .refused ? String(reason.prefix(1000)) : "")
        }
        if markedSo(place.mark) { return toSignatures }
        guard place.mark == nil else { return try await refuse("minutes_error_taken", .conflict) }
        // A paper record refused for what was typed: the text stays in its form, to be mended.
        let typed = method == .paper ? MinutesDraft.paper(slot: place.slot, name: form.signer_name ?? "", reason: form.reason ?? "") : nil
        func refuseTyped(_ error: String) async throws -> Response {
            try await render(request, context, forum: forum, version: nil, error: error, draft: typed, status: .unprocessableContent)
        }
        guard !name.isEmpty, !name.isLonger(than: 200) else { return try await refuseTyped(t["minutes_error_name"]) }
        if status == .refused && reason.isEmpty { return try await refuseTyped(t["minutes_error_reason"]) }
        // What is typed here is printed on the minutes everyone of the forum reads.
        if !nameIsKnown && PersonalNumber.isTypedInto(name) { return try await refuseTyped(t.personalNumberIn("minutes_signer_name")) }
        if status == .refused && PersonalNumber.isTypedInto(reason) { return try await refuseTyped(t.personalNumberIn("minutes_refusal_reason")) }
        do {
            try await signatures.record(
                forumID: forum.id, place: place, signerName: name, status: status, method: method,
                refusalReason: status == .refused ? String(reason.prefix(1000)) : nil,
                withStamp: place.role.takesStamp && status == .signed && form.stamp == "yes",
                context: WriteContext(actor: principal.username, role: principal.primaryRole, action: "minutes.\(status.rawValue)",
                                      reason: status == .refused ? reason : nil, forumID: forum.id, requestID: context.requestID))
        } catch let error where ["signatures_one_per_slot", "signatures_one_escalation"].contains(DatabaseRefusal(error)?.constraint) {
            let now = try await signatures.signatories(forumID: forum.id).first { $0.slot == form.slot }
            if markedSo(now?.mark) { return toSignatures }
            return try await refuse("minutes_error_taken", .conflict)
        } catch let error where DatabaseRefusal(error)?.constraint == "forum_state_allows" {
            return try await refuse("minutes_error_state", .conflict)
        } catch let error where DatabaseRefusal(error)?.constraint == "signatures_screen_by_signatory" {
            // The place's account changed since the places were read (a team seat given to another).
            return try await refuse("minutes_error_not_yours", .forbidden)
        }
        return toSignatures
    }

    struct VoidForm: Decodable { let reason: String? }

    /// A signature or refusal recorded by mistake (on the wrong line, a refusal that was a
    /// signature), voided with a reason by those who record paper signatures; the place is open again.
    @Sendable func void(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        guard let principal = context.principal else { throw LoginRequired() }
        guard let markID = Int64(try context.parameters.require("mark")) else { throw HTTPError(.notFound) }
        var request = request
        let form = try await request.decodeForm(VoidForm.self)
        let t = Translations(language: context.language)
        func refuse(_ key: String, _ status: HTTPResponse.Status) async throws -> Response {
            try await render(request, context, forum: forum, version: nil, error: t[key], status: status)
        }
        guard try await mayRecordPaper(principal, forum) else { return try await refuse("minutes_error_not_yours", .forbidden) }
        guard forum.state.allows(.minutes) else { return try await refuse("minutes_error_state", .conflict) }
        let reason = (form.reason ?? "").trimmingWhitespace
        // Refused for what was typed: the text stays in its form, to be mended.
        func refuseTyped(_ error: String) async throws -> Response {
            try await render(request, context, forum: forum, version: nil, error: error, draft: .void(markID: markID, reason: form.reason ?? ""),
                             status: .unprocessableContent)
        }
        guard !reason.isEmpty, !reason.isLonger(than: 500) else { return try await refuseTyped(t["minutes_error_void_reason"]) }
        guard !PersonalNumber.isTypedInto(reason) else { return try await refuseTyped(t.personalNumberIn("minutes_void_reason")) }
        let voided: Bool
        do {
            voided = try await signatures.void(forumID: forum.id, markID: markID, context: WriteContext(
                actor: principal.username, role: principal.primaryRole, action: "minutes.void", reason: reason, forumID: forum.id,
                requestID: context.requestID))
        } catch let error where DatabaseRefusal(error)?.constraint == "signatures_escalated_from_fkey" {
            return try await refuse("minutes_error_void_answered", .conflict)
        } catch let error where DatabaseRefusal(error)?.constraint == "forum_state_allows" {
            return try await refuse("minutes_error_state", .conflict)
        }
        guard voided else { return try await refuse("minutes_error_void_gone", .conflict) }
        return redirect("/forums/\(forum.id)/minutes#signatures")
    }

    /// Paper signatures are recorded by the forum's administrator, or by BPS staff who may close it.
    private func mayRecordPaper(_ principal: Principal?, _ forum: ForumSummary) async throws -> Bool {
        guard let principal else { return false }
        if AccessPolicy.decide(principal, .closeForum, forum.resource) == .allow { return true }
        return try await forums.team(forum.id).contains { $0.userID == principal.userID && $0.role == .administrator }
    }

    private func render(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, version: Int?, error: String?,
                        notesDraft: (notes: String, version: Int)? = nil, draft: MinutesDraft? = nil,
                        status: HTTPResponse.Status) async throws -> Response {
        guard let versions = try await minutes.versions(forumID: forum.id) else { throw HTTPError(.notFound) }
        let shown = version.flatMap { versions.all.contains($0) ? $0 : nil } ?? versions.current
        guard let document = try await minutes.minutes(forumID: forum.id, version: shown) else { throw HTTPError(.notFound) }
        let current = shown == versions.current
        let people = current ? try await signatures.signatories(forumID: forum.id)
                             : try await signatures.recorded(forumID: forum.id, version: shown)
        let principal = context.principal
        // The box's text and the version a save names are read together, so a save cannot
        // overwrite notes the writer never saw.
        let mayEditNotes = AccessPolicy.decide(principal, .runForum, forum.resource) == .allow
        var shownNotes = (notes: "", version: 0)
        if current && mayEditNotes && forum.state.allows(.minutes) { shownNotes = try await minutes.notes(forumID: forum.id) }
        if let notesDraft { shownNotes = notesDraft }
        let page = MinutesPage(
            place: forum.place, document: document, signatories: people, closings: try await closings.closings(forumID: forum.id),
            currentVersion: versions.current,
            mayWrite: forum.state.allows(.minutes),
            mayEditNotes: mayEditNotes,
            notesDraft: shownNotes,
            maySign: { $0.isSignedOnScreen(by: principal?.userID) },
            mayRecordPaper: try await mayRecordPaper(principal, forum) && forum.state.allows(.minutes),
            draft: draft, error: error, csrf: context.csrfToken(), language: context.language)
        return try renderer.render("minutes", title: "minutes_title", content: page, request: request, context: context, status: status)
    }
}
