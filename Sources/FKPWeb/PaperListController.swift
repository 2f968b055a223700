import FKPCore
import FKPStore
import Foundation
import Hummingbird

/// For forums that lose their connection: the A4 print of a unit's list with empty columns for
/// handwritten marks, and the page that enters such a paper list afterwards, keyboard only, one
/// row after another, through the same versioned save as the review page.
struct PaperListController {
    let renderer: PageRenderer
    let forums: ForumRepository
    let reviews: ReviewRepository
    let sharedNumbers: SharedNumbersCache

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/forums/{id}/units/{unit}/print", use: print)
        router.get("/forums/{id}/units/{unit}/paper", use: paper)
        router.post("/forums/{id}/units/{unit}/paper", use: enter)
    }

    @Sendable func print(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: false)
        let unit = try forum.requestedUnit(context, write: false)
        let page = PrintListPage(forum: forum, unit: unit, rows: try await reviews.rows(forumID: forum.id, unit: unit.code),
                                 sharedNumbers: try await sharedNumbers.shared(in: forum, reading: reviews), language: context.language)
        return try renderer.render("review-print", title: "print_title", content: page, request: request, context: context)
    }

    @Sendable func paper(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: false)
        let unit = try forum.requestedUnit(context, write: false)
        guard AccessPolicy.mayRecordReview(context.principal, in: forum, unit: unit.code) else { throw HTTPError(.forbidden) }
        // A list sent after the session had ended (`HeldForm`) fills the page again, with the versions it was entered over.
        let held = HeldFormController.take(sentTo: request.uri.path, context).flatMap { try? Request.decodeForm([String: String].self, from: $0.body) }
        return try await render(request, context, forum: forum, unit: unit, entered: held ?? [:], problems: [:], saved: nil,
                                held: held != nil, status: .ok)
    }

    @Sendable func enter(_ request: Request, context: AppRequestContext) async throws -> Response {
        let forum = try await forums.requested(by: context, write: true)
        let unit = try forum.requestedUnit(context, write: true)
        guard let principal = context.principal, AccessPolicy.mayRecordReview(principal, in: forum, unit: unit.code) else {
            throw HTTPError(.forbidden)
        }
        var request = request
        let fields = try await request.decodeForm([String: String].self)
        let t = Translations(language: context.language)
        guard forum.state.allows(.review) else {
            return try await render(request, context, forum: forum, unit: unit, entered: fields, problems: [:], saved: nil,
                                    error: t["review_error_state"], status: .conflict)
        }
        let rows = try await reviews.rows(forumID: forum.id, unit: unit.code)
        // What each row's detail may name: another family of the forum, by id or by its number in the row's list.
        let references = rows.compactMap { row in
            (fields["d_\(row.familyID)"] ?? row.review.otherFamily).map { OtherFamilyReference(typed: $0, unit: row.unit) }
        }.filter { !$0.typed.isEmpty }
        let named = try await reviews.familiesNamed(references, forumID: forum.id)
        let inForum = Set(named.values)
        var problems: [String: String] = [:]
        var saved = 0
        for row in rows {
            let code = (fields["c_\(row.familyID)"] ?? "").trimmingWhitespace.lowercased()
            let presence = fields["p_\(row.familyID)"].flatMap(Presence.init) ?? row.review.presence
            // A field left out of the form keeps the row's value.
            let detail = (fields["d_\(row.familyID)"] ?? row.review.otherFamily ?? row.review.movedTo).trimmingWhitespace
            var review = row.review
            if !code.isEmpty {
                guard let entry = PaperCode(code) else { problems[row.familyID] = t["paper_error_code"]; continue }
                review.verdict = entry.verdict
                review.proposedGroup = entry.group
            }
            review.reason = fields["r_\(row.familyID)"] ?? review.reason
            review.presence = presence
            review.movedTo = presence == .moved ? detail : ""
            review.otherFamily = presence.namesAnotherFamily ? detail : nil
            review = review.namingOtherFamily(unit: row.unit, named)
            guard review.normalized != row.review.normalized else { continue }  // nothing entered for this row
            if let problem = review.problems(familyID: row.familyID, preliminary: row.group, inForum: inForum.contains).first {
                problems[row.familyID] = t["review_error_\(problem.rawValue)"]
                continue
            }
            let expected = Int(fields["v_\(row.familyID)"] ?? "") ?? -1
            let outcome: ReviewRepository.Outcome
            do {
                outcome = try await reviews.save(
                    forumID: forum.id, familyID: row.familyID, review: review, expectedVersion: expected,
                    context: WriteContext(actor: principal.username, role: principal.primaryRole, action: "review.paper",
                                          reason: review.normalized.reason.isEmpty ? nil : review.normalized.reason,
                                          forumID: forum.id, requestID: context.requestID))
            } catch let error where DatabaseRefusal(error)?.constraint == "reviews_no_ring" {
                problems[row.familyID] = t["review_error_otherFamilyRing"]
                continue
            }
            switch outcome {
            case .saved(let version): if version != expected { saved += 1 }  // an unchanged row is not written
            case .stale(let current):
                problems[row.familyID] = t["paper_error_stale"] + " " + (current.review.verdict.map { t["verdict_\($0.rawValue)"] } ?? t["verdict_none"])
                    + (current.updatedBy.map { " (\($0))" } ?? "")
            case .gone: problems[row.familyID] = t["paper_error_code"]
            }
        }
        if problems.isEmpty { return redirect("/forums/\(forum.id)/units/\(unit.code.value)/paper?saved=\(saved)") }
        // Rows already saved are kept; the page shows what is left to mend, with what was typed.
        return try await render(request, context, forum: forum, unit: unit, entered: fields.filter { key, _ in
            problems.keys.contains(String(key.dropFirst(2)))
        }, problems: problems, saved: saved, status: .unprocessableContent)
    }

    private func render(_ request: Request, _ context: AppRequestContext, forum: ForumSummary, unit: Region, entered: [String: String],
                        problems: [String: String], saved: Int?, error: String? = nil, held: Bool = false,
                        status: HTTPResponse.Status) async throws -> Response {
        let savedCount = saved ?? request.uri.queryParameters["saved"].flatMap { Int(String($0)) }
        let page = PaperEntryPage(forum: forum, unit: unit, rows: try await reviews.rows(forumID: forum.id, unit: unit.code),
                                  entered: entered, problems: problems, saved: savedCount, error: error, held: held,
                                  csrf: context.csrfToken(), language: context.language)
        return try renderer.render("review-paper", title: "paper_title", content: page, request: request, context: context, status: status)
    }
}

/// The short codes of the paper entry page: s (sesuai), b (tidak berpendapat), t1–t4 (tidak
/// sesuai, proposing that group).
struct PaperCode: Equatable {
    let verdict: Verdict
    let group: WelfareGroup?

    init?(_ code: String) {
        switch code {
        case "s": verdict = .fits; group = nil
        case "b": verdict = .cannotJudge; group = nil
        default:
            guard code.count == 2, code.first == "t", let digit = code.last?.wholeNumberValue, let group = WelfareGroup(rawValue: digit) else {
                return nil
            }
            verdict = .doesNotFit
            self.group = group
        }
    }

    static func code(for review: Review) -> String {
        switch review.verdict {
        case .fits: "s"
        case .cannotJudge: "b"
        case .doesNotFit: "t\(review.proposedGroup?.rawValue ?? 0)"
        case nil: ""
        }
    }
}
