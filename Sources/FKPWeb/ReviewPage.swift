import FKPCore
import FKPStore

/// What the review template shows: the unit's summary, the filter, and one form per family.
struct ReviewPage {
    struct Option { let value: String; let label: String; let selected: Bool }
    struct Row {
        let id: String
        let number: Int
        let name: String
        let address: String
        let members: Int
        let group: Int
        let groupLabel: String
        let version: Int
        let verdictLabel: String
        let verdictClass: String
        let verdicts: [Option]
        let groups: [Option]
        let presences: [Option]
        let reason: String
        let movedTo: String
        let otherFamily: String
        let orderNote: String
        let presenceLabel: String?
        let detailsOpen: Bool
        let errors: [String]
        let openChallenges: Int
        let updatedBy: String?
        var hasOpenChallenges: Bool { openChallenges > 0 }
    }

    /// A submission that was refused, shown in its row with what the person typed.
    struct Invalid {
        let familyID: String
        let review: Review
        let messages: [String]
        /// A refusal of the whole page (the forum's stage), not of what was typed in the row.
        var aboutThePage = false
    }

    let forumID: Int64
    let forumTitle: String
    let unitName: String
    let unitCode: String
    let action: String
    let back: String
    let rows: [Row]
    let total: Int
    let shown: Int
    let summary: SummaryTable
    let filterVerdicts: [Option]
    let filterGroups: [Option]
    let filterName: String
    let filtered: Bool
    let editable: Bool
    let csrf: String
    let error: String?

    init(forum: ForumSummary, unit: Region, rows: [ReviewRepository.Row], tally: ReviewTally, filter: ReviewFilter, editable: Bool,
         invalid: Invalid?, csrf: String, language: Language) {
        let t = Translations(language: language)
        forumID = forum.id
        forumTitle = forum.title
        unitName = unit.name
        unitCode = unit.code.value
        action = "/forums/\(forum.id)/units/\(unit.code.value)/families/"
        back = filter.queryString
        let shownRows = rows.filter { filter.admits($0) || $0.familyID == invalid?.familyID }
        self.rows = shownRows.map { row in
            let problem = invalid?.familyID == row.familyID && invalid?.aboutThePage == false ? invalid : nil
            return Self.row(row, review: problem?.review ?? row.review, errors: problem?.messages ?? [], t: t)
        }
        total = rows.count
        shown = shownRows.count
        summary = SummaryTable(tally, t: t)
        filterVerdicts = [Option(value: "", label: t["review_filter_all"], selected: filter.verdict == nil),
                          Option(value: "none", label: t["verdict_none"], selected: filter.verdict == "none")]
            + Verdict.allCases.map { Option(value: $0.rawValue, label: t["verdict_\($0.rawValue)"], selected: filter.verdict == $0.rawValue) }
        filterGroups = [Option(value: "", label: t["review_filter_all"], selected: filter.group == nil)]
            + WelfareGroup.allCases.map { Option(value: "\($0.rawValue)", label: "\($0.rawValue) \(t["group_\($0.rawValue)"])", selected: filter.group == $0) }
        filterName = filter.name
        filtered = filter.isActive
        self.editable = editable
        self.csrf = csrf
        error = invalid.map { $0.aboutThePage ? $0.messages.joined(separator: " ") : t["review_error_summary"] }
    }

    static func row(_ row: ReviewRepository.Row, review: Review, errors: [String], t: Translations) -> Row {
        let verdict = review.verdict
        return Row(
            id: row.familyID, number: row.number, name: row.headName,
            address: row.address.count > 60 ? String(row.address.prefix(57)) + "…" : row.address,
            members: row.members, group: row.group.rawValue, groupLabel: t["group_\(row.group.rawValue)"], version: row.version,
            verdictLabel: verdict.map { t["verdict_\($0.rawValue)"] } ?? t["verdict_none"],
            verdictClass: verdict?.rawValue ?? "none",
            verdicts: Verdict.allCases.map { Option(value: $0.rawValue, label: t["verdict_\($0.rawValue)"], selected: verdict == $0) },
            groups: WelfareGroup.allCases.filter { $0 != row.group }.map {
                Option(value: "\($0.rawValue)", label: "\($0.rawValue) \(t["group_\($0.rawValue)"])", selected: review.proposedGroup == $0)
            },
            presences: Presence.allCases.map { Option(value: $0.rawValue, label: t["presence_\($0.rawValue)"], selected: review.presence == $0) },
            reason: review.reason, movedTo: review.movedTo, otherFamily: review.otherFamily ?? "", orderNote: review.orderNote,
            presenceLabel: review.presence == .present ? nil : t["presence_\(review.presence.rawValue)"],
            detailsOpen: review.presence != .present || !review.orderNote.isEmpty || errors.count > 0,
            errors: errors, openChallenges: row.openChallenges, updatedBy: row.updatedBy)
    }
}

/// Families by group before and after the forum, those leaving the list, and those added.
struct SummaryTable {
    struct Line { let label: String; let before: Int; let after: Int }
    struct Count { let label: String; let count: Int }

    let lines: [Line]
    let totalBefore: Int
    let totalAfter: Int
    let leaving: [Count]
    let added: [Count]
    let reviewed: Int
    var hasLeaving: Bool { !leaving.isEmpty }
    var hasAdded: Bool { !added.isEmpty }

    init(_ tally: ReviewTally, t: Translations) {
        lines = WelfareGroup.allCases.map { Line(label: "\($0.rawValue) \(t["group_\($0.rawValue)"])", before: tally.before[$0], after: tally.after[$0]) }
        totalBefore = tally.before.total
        totalAfter = tally.after.total
        leaving = Presence.allCases.compactMap { p in tally.leaving[p].map { Count(label: t["presence_\(p.rawValue)"], count: $0) } }
        added = Presence.allCases.compactMap { p in tally.added[p].map { Count(label: t["presence_\(p.rawValue)"], count: $0) } }
        reviewed = tally.reviewed
    }
}
