import FKPCore
import FKPStore
import Foundation
import Hummingbird

/// The review page of one unit of a forum: its families in preliminary order, and for each the
/// verdict, presence and order note, saved with plain forms (303 back to the same row) or, with
/// JavaScript, in place. A stale save gets the conflict page instead of overwriting.
struct ReviewController {
    let renderer: PageRenderer
    let forums: ForumRepository
    let reviews: ReviewRepository
    let added: AddedFamilyRepository
    let cache: ReviewPageCache
    let sharedNumbers: SharedNumbersCache
    /// Tests set it: a kept page is served only after it has been checked byte for byte against
    /// the page rendered anew, and a difference is a server error.
    let verifyingCache: Bool

    struct AddForm: Decodable {
        let head_name: String?
        let address: String?
        let members: String?
        let presence: String?
        let proposed_group: String?
        let reason: String?
    }

    struct Form: Decodable {
        let version: Int
        let verdict: String?
        let proposed_group: String?
        let reason: String?
        let presence: String?
        let moved_to: String?
        let other_family: String?
        let order_note: String?
        let back: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/forums/{id}/units/{unit}", use: show)
        router.post("/forums/{id}/units/{unit}/families/{family}", use: save)
        router.post("/forums/{id}/units/{unit}/added", use: add)
        router.post("/forums/{id}/units/{unit}/added/{added}/withdraw", use: withdraw)
    }

    /// The forum of a review page asked for (`GET /forums/{id}/units/{unit}`, as routed above), so
    /// that the session read fetches its stamp in the same round trip (SessionRead).
    static func forumOfPage(_ request: Request) -> Int64? {
        guard request.method == .get else { return nil }
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[1] == "forums", parts[3] == "units" else { return nil }
        return Int64(parts[2])
    }

    struct WithdrawForm: Decodable {
        let version: Int
        let reason: String?
    }

    /// An added family taken off the list again (added twice, to the wrong unit, under a wrong
    /// name), with a reason; it stays on the page struck through and counts nowhere.
    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        let unit = try forum.requestedUnit(context, write: true)
        guard let principal = context.principal, AccessPolicy.mayRecordReview(principal, in: forum, unit: unit.code) else {
            throw HTTPError(.forbidden)
        }
        guard let id = Int64(try context.parameters.require("added")) else { throw HTTPError(.notFound) }
        var request = request
        let form = try await request.decodeForm(WithdrawForm.self)
        let t = Translations(language: context.language)
        func refuse(_ key: String, _ status: HTTPResponse.Status) async throws -> Response {
            try await render(request, context, forum: forum, unit: unit, filter: ReviewFilter(),
                             invalid: .init(familyID: "", review: .none, messages: [t[key]], aboutThePage: true), addition: nil, status: status)
        }
        let reason = (form.reason ?? "").trimmingWhitespace
        guard !reason.isEmpty, !reason.isLonger(than: 500) else { return try await refuse("added_withdraw_error_reason", .unprocessableContent) }
        guard forum.state.allows(.review) else { return try await refuse("review_error_state", .conflict) }
        let outcome: AddedFamilyRepository.WithdrawOutcome
        do {
            outcome = try await added.withdraw(id: id, forumID: forum.id, unit: unit.code, reason: reason, expectedVersion: form.version,
                                               context: WriteContext(actor: principal.username, role: principal.primaryRole,
                                                                     action: "forum.withdraw_added_family", reason: reason,
                                                                     forumID: forum.id, requestID: context.requestID))
        } catch let error where DatabaseRefusal(error)?.constraint == "forum_state_allows" {
            return try await refuse("review_error_state", .conflict)
        } catch let error where DatabaseRefusal(error)?.constraint == "added_families_open_challenge" {
            return try await refuse("added_withdraw_error_open_challenge", .conflict)
        }
        switch outcome {
        case .withdrawn: return redirect("/forums/\(forum.id)/units/\(unit.code.value)#added")
        case .stale: return try await refuse("added_withdraw_error_stale", .conflict)
        case .gone: throw HTTPError(.notFound)
        }
    }

    /// A family missing from the unit's list, added with its presence and a proposed group.
    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        let unit = try forum.requestedUnit(context, write: true)
        guard let principal = context.principal, AccessPolicy.mayRecordReview(principal, in: forum, unit: unit.code) else {
            throw HTTPError(.forbidden)
        }
        var request = request
        let form = try await request.decodeForm(AddForm.self)
        let t = Translations(language: context.language)
        let family = AddedFamily(headName: form.head_name ?? "", address: form.address ?? "",
                                 members: form.members.flatMap { Int($0.trimmingWhitespace) },
                                 presence: form.presence.flatMap(Presence.init) ?? .present,
                                 proposedGroup: form.proposed_group.flatMap(Int.init).flatMap(WelfareGroup.init), reason: form.reason ?? "")
        func refuse(_ messages: [String], _ status: HTTPResponse.Status) async throws -> Response {
            try await render(request, context, forum: forum, unit: unit, filter: ReviewFilter(), invalid: nil,
                             addition: .init(family: family, messages: messages), status: status)
        }
        let problems = family.problems
        guard problems.isEmpty else { return try await refuse(problems.map { t["added_error_\($0.rawValue)"] }, .unprocessableContent) }
        guard forum.state.allows(.review) else { return try await refuse([t["review_error_state"]], .conflict) }
        do {
            _ = try await added.add(family, forumID: forum.id, unit: unit.code, context: WriteContext(
                actor: principal.username, role: principal.primaryRole, action: "forum.add_family", reason: family.normalized.reason,
                forumID: forum.id, requestID: context.requestID))
        } catch let error where DatabaseRefusal(error)?.constraint == "forum_state_allows" {
            return try await refuse([t["review_error_state"]], .conflict)
        }
        return redirect("/forums/\(forum.id)/units/\(unit.code.value)#added")
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let acceptsGzip = GzippedPage.isAccepted(by: request)
        if let kept = try await keptPage(request, context, acceptsGzip: acceptsGzip) {
            return GzippedPage.response(plain: kept.body, gzipped: kept.gzipped, accepted: acceptsGzip)
        }
        let (forum, stamp) = try await forums.requestedStamped(by: context, write: false)
        let unit = try forum.requestedUnit(context, write: false)
        let filter = ReviewFilter(request.formQuery)
        let moment = try HistoricalMoment(request, place: forum.place, language: context.language)
        guard moment == nil, let slot = Self.slot(request, context) else {
            return try await render(request, context, forum: forum, unit: unit, filter: filter, invalid: nil, addition: nil, moment: moment,
                                    status: .ok)
        }
        // The rows are read after the stamp: the page is at least as new as the stamp says.
        let html = try await page(request, context, forum: forum, unit: unit, filter: filter, invalid: nil, addition: nil)
        let gzipped = acceptsGzip ? GzippedPage.compress(html) : nil
        cache.keep(.init(forum: forum, body: html, gzipped: gzipped), for: slot, stamp: stamp)
        return GzippedPage.response(plain: html, gzipped: gzipped, accepted: acceptsGzip)
    }

    /// The page kept for this request, when nothing it shows has changed since. The person, their
    /// assignments and the forum are what they were when it was kept, so the access checks give
    /// the answers they gave then; they are asked again all the same.
    private func keptPage(_ request: Request, _ context: AppRequestContext, acceptsGzip: Bool) async throws -> ReviewPageCache.Kept? {
        // The stamp comes with the session's read (SessionRead); without it, the page is rendered.
        guard let slot = Self.slot(request, context), let id = Int64(try context.parameters.require("id")),
              let stamp = SessionRead.current?.stamp(forumID: id), let kept = cache.page(slot, stamp: stamp) else { return nil }
        try context.authorize(.viewForum, kept.forum.resource)
        let unit = try kept.forum.requestedUnit(context, write: false)
        if verifyingCache {
            let (forum, _) = try await forums.requestedStamped(by: context, write: false)
            let fresh = try await page(request, context, forum: forum, unit: unit, filter: ReviewFilter(request.formQuery), invalid: nil,
                                       addition: nil)
            guard fresh == kept.body, kept.gzipped.map({ GzippedPage.decompress($0) == fresh }) ?? true else {
                throw HTTPError(.internalServerError, message: "a kept review page differs from the page as it is")
            }
        }
        // Kept for a request that did not accept gzip: compressed now, once, for this and later views.
        if kept.gzipped == nil, acceptsGzip, let gzipped = GzippedPage.compress(kept.body) {
            let compressed = ReviewPageCache.Kept(forum: kept.forum, body: kept.body, gzipped: gzipped)
            cache.keep(compressed, for: slot, stamp: stamp)
            return compressed
        }
        return kept
    }

    /// Whose view of which page this is (nil for nobody logged in: such a request is refused).
    private static func slot(_ request: Request, _ context: AppRequestContext) -> ReviewPageCache.Slot? {
        context.principal.map {
            ReviewPageCache.Slot(address: request.uri.description, language: context.language, principal: $0, csrf: context.csrfToken())
        }
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        let unit = try forum.requestedUnit(context, write: true)
        guard let principal = context.principal, AccessPolicy.mayRecordReview(principal, in: forum, unit: unit.code) else {
            throw HTTPError(.forbidden)
        }
        let familyID = try context.parameters.require("family")
        var request = request
        let form = try await request.decodeForm(Form.self)
        let typed = try Self.review(from: form)
        let filter = ReviewFilter(queryString: form.back ?? "")
        let wantsJSON = request.headers[.accept]?.contains("application/json") == true
        let t = Translations(language: context.language)

        guard let row = try await reviews.row(forumID: forum.id, familyID: familyID), unit.code.contains(try RegionCode(row.unit)) else {
            throw HTTPError(.notFound)
        }
        guard forum.state.allows(.review) else {
            return try await refuse(request, context, forum: forum, unit: unit, filter: filter, wantsJSON: wantsJSON,
                                    invalid: .init(familyID: familyID, review: typed, messages: [t["review_error_state"]], aboutThePage: true),
                                    status: .conflict)
        }
        let (review, inForum) = try await reviews.namingOtherFamily(typed, unit: row.unit, forumID: forum.id)
        let problems = review.problems(familyID: familyID, preliminary: row.group, inForum: inForum.contains)
        guard problems.isEmpty else {
            return try await refuse(request, context, forum: forum, unit: unit, filter: filter, wantsJSON: wantsJSON,
                                    invalid: .init(familyID: familyID, review: review, messages: problems.map { t["review_error_\($0.rawValue)"] }),
                                    status: .unprocessableContent)
        }
        let outcome: ReviewRepository.Outcome
        do {
            outcome = try await reviews.save(
                forumID: forum.id, familyID: familyID, review: review, expectedVersion: form.version,
                context: WriteContext(actor: principal.username, role: principal.primaryRole, action: "review.save",
                                      reason: review.normalized.reason.isEmpty ? nil : review.normalized.reason,
                                      forumID: forum.id, requestID: context.requestID))
        } catch let error where DatabaseRefusal(error)?.constraint == "forum_state_allows" {
            return try await refuse(request, context, forum: forum, unit: unit, filter: filter, wantsJSON: wantsJSON,
                                    invalid: .init(familyID: familyID, review: review, messages: [t["review_error_state"]], aboutThePage: true),
                                    status: .conflict)
        } catch let error where DatabaseRefusal(error)?.constraint == "reviews_no_ring" {
            return try await refuse(request, context, forum: forum, unit: unit, filter: filter, wantsJSON: wantsJSON,
                                    invalid: .init(familyID: familyID, review: review, messages: [t["review_error_otherFamilyRing"]]),
                                    status: .unprocessableContent)
        }
        switch outcome {
        case .saved(let version):
            if wantsJSON {
                return try Self.json(["version": "\(version)", "saved": t["review_saved"]], status: .ok)
            }
            let query = filter.queryString
            return redirect("/forums/\(forum.id)/units/\(unit.code.value)\(query.isEmpty ? "" : "?\(query)")#f-\(familyID)")
        case .stale(let current):
            let named = [current.review.otherFamily, review.normalized.otherFamily].compactMap { $0 }
            let others = OtherFamilyShown(try await reviews.rows(forumID: forum.id, familyIDs: named), forum: forum)
            let page = ReviewConflictPage(forum: forum, unit: unit, current: current, mine: review.normalized, others: others,
                                          back: filter.queryString,
                                          csrf: context.csrfToken(), language: context.language)
            return try renderer.render("review-conflict", title: "conflict_title", content: page, request: request, context: context,
                                       status: .conflict)
        case .gone:
            throw HTTPError(.notFound)
        }
    }

    static func review(from form: Form) throws -> Review {
        func known<T: RawRepresentable<String>>(_ raw: String?, _ type: T.Type) throws -> T? {
            guard let raw, !raw.isEmpty else { return nil }
            guard let value = T(rawValue: raw) else { throw HTTPError(.badRequest) }
            return value
        }
        return Review(verdict: try known(form.verdict, Verdict.self),
                      proposedGroup: form.proposed_group.flatMap(Int.init).flatMap(WelfareGroup.init),
                      reason: form.reason ?? "", presence: try known(form.presence, Presence.self) ?? .present,
                      movedTo: form.moved_to ?? "", otherFamily: form.other_family, orderNote: form.order_note ?? "")
    }

    private func refuse(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, unit: Region, filter: ReviewFilter,
                        wantsJSON: Bool, invalid: ReviewPage.Invalid, status: HTTPResponse.Status) async throws -> Response {
        if wantsJSON { return try Self.json(["error": invalid.messages.joined(separator: " ")], status: status) }
        return try await render(request, context, forum: forum, unit: unit, filter: filter, invalid: invalid, addition: nil, status: status)
    }

    private func render(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, unit: Region, filter: ReviewFilter,
                        invalid: ReviewPage.Invalid?, addition: ReviewPage.Addition?, moment: HistoricalMoment? = nil,
                        status: HTTPResponse.Status) async throws -> Response {
        PageRenderer.response(try await page(request, context, forum: forum, unit: unit, filter: filter, invalid: invalid, addition: addition,
                                              moment: moment), status: status)
    }

    private func page(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, unit: Region, filter: ReviewFilter,
                      invalid: ReviewPage.Invalid?, addition: ReviewPage.Addition?, moment: HistoricalMoment? = nil) async throws -> ByteBuffer {
        let rows = try await reviews.rows(forumID: forum.id, unit: unit.code, asOf: moment?.date)
        let addedRows = try await added.list(forumID: forum.id, unit: unit.code, asOf: moment?.date)
        // The summary of the list as it is comes from the rows just read; as it stood, from the audit trail.
        let tally = moment == nil
            ? ReviewTally(listed: rows.lazy.map { ($0.group, $0.review) }, added: addedRows.lazy.filter(\.counts).map(\.family))
            : try await reviews.tally(forumID: forum.id, unit: unit.code, asOf: moment?.date).first?.tally ?? ReviewTally()
        let editable = moment == nil && forum.state.allows(.review) && AccessPolicy.mayRecordReview(context.principal, in: forum, unit: unit.code)
        let shared = try await sharedNumbers.shared(in: forum, reading: reviews)
        // Read only when a row, or the refused value shown in one, names a family of another unit
        // (its list's own are at hand).
        let named = rows.compactMap(\.review.otherFamily) + [invalid?.review.otherFamily].compactMap { $0 }
        let otherFamilies = try await reviews.rows(forumID: forum.id, familyIDs: OtherFamilyShown.missing(from: rows, naming: named))
        let page = ReviewPage(forum: forum, unit: unit, rows: rows, otherFamilies: otherFamilies, sharedNumbers: shared, tally: tally,
                              added: addedRows,
                              filter: filter, editable: editable, invalid: invalid, addition: addition, moment: moment,
                              csrf: context.csrfToken(), language: context.language)
        return try renderer.page("review", title: "review_title", content: page, request: request, context: context, bulk: page.cards)
    }

    static func json(_ fields: [String: String], status: HTTPResponse.Status) throws -> Response {
        let data = try JSONEncoder().encode(fields)
        return Response(status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
