import FKPCore
import FKPStore
import NIOCore

/// What the review template shows: the unit's summary, the filter, and one form per family.
struct ReviewPage {
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
        /// Built by HTMLText, which escapes every value and label: safe to insert unescaped.
        let verdictsHTML: String
        let groupsHTML: String
        let presencesHTML: String
        let reason: String
        let movedTo: String
        let otherFamily: String
        let orderNote: String
        let presenceLabel: String?
        let detailsOpen: Bool
        let errors: [String]
        let openChallenges: Int
        let updatedBy: String?
        /// Other families of the forum with the same family card number or head's NIK.
        let sharedNumbers: [SharedNumberLine]
    }

    /// A submission that was refused, shown in its row with what the person typed.
    struct Invalid {
        let familyID: String
        let review: Review
        let messages: [String]
        /// A refusal of the whole page (the forum's stage), not of what was typed in the row.
        var aboutThePage = false
    }

    /// A family added to the list (struck through once withdrawn, with who and why), and the form
    /// that adds one (with what was typed when refused).
    struct AddedRow {
        let id: Int64
        let version: Int
        let name: String
        /// Nil when none was given, so that no separator stands alone.
        let address: String?
        let members: Int
        let presence: String
        let group: String
        let reason: String
        let withdrawn: String?
        let mayWithdraw: Bool
        /// "2 sanggahan terbuka", nil when none is open.
        let openChallenges: String?
    }
    struct Addition {
        let family: AddedFamily
        let messages: [String]
    }

    let forumID: Int64
    let forumTitle: String
    let unitName: String
    let unitCode: String
    let action: String
    let back: String
    /// The cards, built by ReviewRowMarkup (escaped there), written into the response by PageRenderer.
    let cards: BulkMarkup
    let hasCards: Bool
    let total: Int
    let shown: Int
    let summary: SummaryTable
    let filterVerdicts: [FormOption]
    let filterGroups: [FormOption]
    let filterName: String
    let filtered: Bool
    let editable: Bool
    /// Why the list takes no verdict from this person now, when it takes none.
    let readOnlyNote: String?
    /// Set when the page shows the list as it stood at a past moment (read-only).
    let historyNotice: String?
    let historyAt: String?
    let csrf: String
    let error: String?
    let addedRows: [AddedRow]
    let addErrors: [String]
    let addName: String
    let addAddress: String
    let addMembers: String
    let addReason: String
    let addPresences: [FormOption]
    let addGroups: [FormOption]

    /// `otherFamilies`: the families of other units the rows name as a duplicate's or merger's other.
    init(forum: ForumSummary, unit: Region, rows: [ReviewRepository.Row], otherFamilies: [ReviewRepository.Row] = [],
         sharedNumbers: [String: ReviewRepository.NumbersShared],
         tally: ReviewTally, added: [AddedFamilyRepository.Listed], filter: ReviewFilter, editable: Bool, invalid: Invalid?, addition: Addition?, moment: HistoricalMoment? = nil, csrf: String,
         language: Language) {
        let t = Translations(language: language)
        forumID = forum.id
        historyNotice = moment?.notice
        historyAt = moment?.field
        forumTitle = forum.title
        unitName = unit.name
        unitCode = unit.code.value
        action = "/forums/\(forum.id)/units/\(unit.code.value)/families/"
        back = filter.queryString
        let shownRows = rows.filter { filter.admits($0) || $0.familyID == invalid?.familyID }
        let shared = ReviewRowMarkup.Shared(action: "/forums/\(forum.id)/units/\(unit.code.value)/families/", csrf: csrf,
                                            back: filter.queryString, editable: editable, forumID: forum.id,
                                            historyAt: moment?.field, t: t)
        let choices = ReviewRowMarkup.Choices(t: t)
        let others = OtherFamilyShown(rows + otherFamilies, forum: forum)
        var cards = ByteBufferAllocator().buffer(capacity: shownRows.count * 2100)
        for row in shownRows {
            let problem = invalid?.familyID == row.familyID && invalid?.aboutThePage == false ? invalid : nil
            ReviewRowMarkup.write(Self.row(row, review: problem?.review ?? row.review, errors: problem?.messages ?? [], choices: choices,
                                           others: others,
                                           sharedNumbers: SharedNumberLine.lines(sharedNumbers[row.familyID], forum: forum, unit: row.unit, t: t)),
                                  shared,
                                  into: &cards)
        }
        self.cards = BulkMarkup(bytes: cards)
        hasCards = !shownRows.isEmpty
        total = rows.count
        shown = shownRows.count
        summary = SummaryTable(tally, t: t)
        filterVerdicts = [FormOption(value: "", label: t["review_filter_all"], selected: filter.verdict == nil),
                          FormOption(value: "none", label: t["verdict_none"], selected: filter.verdict == "none")]
            + Verdict.allCases.map { FormOption(value: $0.rawValue, label: t["verdict_\($0.rawValue)"], selected: filter.verdict == $0.rawValue) }
        filterGroups = [FormOption(value: "", label: t["review_filter_all"], selected: filter.group == nil)]
            + FormOption.groups(selected: filter.group, t)
        filterName = filter.name
        filtered = filter.isActive
        self.editable = editable
        readOnlyNote = editable || moment != nil ? nil : Self.readOnlyNote(forum.state, t)
        self.csrf = csrf
        error = invalid.map { $0.aboutThePage ? $0.messages.joined(separator: " ") : t["review_error_summary"] }
        addedRows = added.map { AddedRow($0, mayWithdraw: editable && $0.withdrawal == nil, t) }
        let typed = addition?.family
        addErrors = addition?.messages ?? []
        addName = typed?.headName ?? ""
        addAddress = typed?.address ?? ""
        addMembers = typed?.members.map(String.init) ?? ""
        addReason = typed?.reason ?? ""
        addPresences = FormOption.presences(AddedFamily.presences, selected: typed?.presence ?? .present, t)
        addGroups = FormOption.groups(selected: typed?.proposedGroup, t)
    }

    /// Said by the forum's stage, so that a person at a list without forms knows whether to wait
    /// (the review has not started, or is back), ask (the minutes are being signed), or stop (closed).
    static func readOnlyNote(_ state: ForumState, _ t: Translations) -> String {
        switch state {
        case .planned, .open: t["review_read_only_not_started"]
        case .reviewing: t["review_read_only"]
        case .readyToClose: t["review_read_only_ready_to_close"]
        case .closed: t["review_read_only_closed"]
        case .reopened: t["review_read_only_reopened"]
        case .cancelled: t["review_read_only_cancelled"]
        }
    }

    static func row(_ row: ReviewRepository.Row, review: Review, errors: [String], choices: ReviewRowMarkup.Choices,
                    others: OtherFamilyShown, sharedNumbers: [SharedNumberLine]) -> Row {
        let verdict = review.verdict
        let presence = review.presence == .present ? nil : choices.presenceLabels[review.presence]
        return Row(
            id: row.familyID, number: row.number, name: row.headName,
            address: row.address.count > 60 ? String(row.address.prefix(57)) + "…" : row.address,
            members: row.members, group: row.group.rawValue, groupLabel: choices.groupLabels[row.group] ?? "", version: row.version,
            verdictLabel: verdict.flatMap { choices.verdictLabels[$0] } ?? choices.verdictNone,
            verdictClass: verdict?.rawValue ?? "none",
            verdictsHTML: choices.verdictRadios(verdict),
            groupsHTML: choices.groupOptions(own: row.group, chosen: review.proposedGroup),
            presencesHTML: choices.presenceOptions(review.presence),
            reason: review.reason, movedTo: review.movedTo, otherFamily: review.otherFamily.map { others.field($0, unit: row.unit) } ?? "",
            orderNote: review.orderNote,
            presenceLabel: presence.map { others.presence($0, of: review, unit: row.unit) },
            detailsOpen: review.presence != .present || !review.orderNote.isEmpty || errors.count > 0,
            errors: errors, openChallenges: row.openChallenges, updatedBy: row.updatedBy, sharedNumbers: sharedNumbers)
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
    /// Stored, not computed: templates see stored properties only.
    let hasLeaving: Bool
    let hasAdded: Bool

    init(_ tally: ReviewTally, t: Translations) {
        lines = WelfareGroup.allCases.map { Line(label: t.group($0), before: tally.before[$0], after: tally.after[$0]) }
        totalBefore = tally.before.total
        totalAfter = tally.after.total
        leaving = Presence.allCases.compactMap { p in tally.leaving[p].map { Count(label: t.presence(p), count: $0) } }
        added = Presence.allCases.compactMap { p in tally.added[p].map { Count(label: t.presence(p), count: $0) } }
        reviewed = tally.reviewed
        hasLeaving = !leaving.isEmpty
        hasAdded = !added.isEmpty
    }
}

extension ReviewPage.AddedRow {
    /// An added family as the review page and its own page show it.
    init(_ a: AddedFamilyRepository.Listed, mayWithdraw: Bool, _ t: Translations) {
        self.init(id: a.id, version: a.version, name: a.family.headName, address: a.family.address.isEmpty ? nil : a.family.address,
                  members: a.family.members ?? 0, presence: t.presence(a.family.presence),
                  group: a.family.proposedGroup.map { t.group($0) } ?? "", reason: a.family.reason,
                  withdrawn: a.withdrawal.map { t.filling("added_withdrawn_by", ["name": $0.by, "reason": $0.reason]) },
                  mayWithdraw: mayWithdraw,
                  openChallenges: a.openChallenges > 0 ? "\(a.openChallenges) \(t["review_open_challenges"])" : nil)
    }
}
