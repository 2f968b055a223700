import FKPCore
import FKPStore

/// The A4 print of a unit's list: the area's identity, the rows with empty columns for handwritten
/// marks, the summary (before the forum printed, after it to fill in), room for notes, and the
/// verifier's signature line.
struct PrintListPage {
    /// A group's line of the summary: how many families the list gives it before the forum.
    struct GroupLine { let label: String; let before: Int }

    struct Row {
        let number: Int; let id: String; let name: String; let address: String; let members: Int; let group: Int
        /// What the family shares with others of the forum, as the review page says it.
        let shared: [String]
    }

    let forumID: Int64
    let forumTitle: String
    let place: String
    let when: String
    let unitName: String
    let unitCode: String
    let rows: [Row]
    let groups: [GroupLine]
    let count: Int

    init(forum: ForumSummary, unit: Region, rows: [ReviewRepository.Row], sharedNumbers: [String: ReviewRepository.NumbersShared],
         language: Language) {
        let t = Translations(language: language)
        forumID = forum.id
        forumTitle = forum.title
        place = forum.placeName
        when = IndonesianTime.format(forum.startsAt, at: forum.place, languageCode: language.rawValue)
        unitName = unit.name
        unitCode = unit.code.value
        self.rows = rows.map { row in
            Row(number: row.number, id: row.familyID, name: row.headName, address: row.address, members: row.members, group: row.group.rawValue,
                shared: SharedNumberLine.lines(sharedNumbers[row.familyID], forum: forum, unit: row.unit, t: t).map(\.text))
        }
        groups = WelfareGroup.allCases.map { group in GroupLine(label: t.group(group), before: rows.count { $0.group == group }) }
        count = rows.count
    }
}

/// Entering a paper list: one line per family with a code and a reason, in list order.
struct PaperEntryPage {
    struct Row {
        let number: Int
        let id: String
        let name: String
        let group: Int
        let version: Int
        let code: String
        let reason: String
        /// Built and escaped by HTMLText: safe to insert unescaped.
        let presencesHTML: String
        let detail: String
        let problem: String?
    }

    let forumID: Int64
    let unitName: String
    let unitCode: String
    let rows: [Row]
    let saved: Int?
    let error: String?
    /// Filled with a list sent after the session had ended (`HeldForm`).
    let held: Bool
    let problemCount: Int
    let csrf: String

    init(forum: ForumSummary, unit: Region, rows: [ReviewRepository.Row], entered: [String: String], problems: [String: String],
         saved: Int?, error: String?, held: Bool = false, csrf: String, language: Language) {
        let t = Translations(language: language)
        forumID = forum.id
        unitName = unit.name
        unitCode = unit.code.value
        let others = OtherFamilyShown(rows, forum: forum)
        self.rows = rows.map { row in
            // A held list keeps the versions it was entered over, so that a row changed since is still found stale;
            // a list refused here shows each row's version now, its staleness already said.
            Row(number: row.number, id: row.familyID, name: row.headName, group: row.group.rawValue,
                version: held ? entered["v_\(row.familyID)"].flatMap { Int($0) } ?? row.version : row.version,
                code: entered["c_\(row.familyID)"] ?? PaperCode.code(for: row.review),
                reason: entered["r_\(row.familyID)"] ?? row.review.reason,
                presencesHTML: HTMLText.options(FormOption.presences(
                    selected: entered["p_\(row.familyID)"].flatMap(Presence.init) ?? row.review.presence, t)),
                detail: entered["d_\(row.familyID)"] ?? row.review.otherFamily.map { others.field($0, unit: row.unit) } ?? row.review.movedTo,
                problem: problems[row.familyID])
        }
        self.saved = saved
        self.error = error
        self.held = held
        problemCount = problems.count
        self.csrf = csrf
    }
}
