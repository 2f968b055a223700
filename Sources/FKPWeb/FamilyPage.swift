import FKPCore
import FKPStore
import Foundation

/// A family of a forum's preliminary list: what is recorded now, then its history, challenges and
/// the form to raise one (`RowRecord`).
struct FamilyPage {
    /// The review's fields shown in the history, in this order.
    static let reviewFields = ["verdict", "proposed_group", "reason", "presence", "moved_to", "duplicate_of", "merged_into", "order_note"]

    let forumID: Int64
    let forumTitle: String
    let unitCode: String
    let familyID: String
    let number: Int
    let name: String
    let address: String
    let members: Int
    let preliminary: String
    let verdict: String
    let after: String
    let presence: String
    /// Other families of the forum holding the same card number or NIK, as the review page says it.
    let sharedNumbers: [SharedNumberLine]
    let record: RowRecord
    /// Set when the page shows the family as it stood at a past moment.
    let historyNotice: String?
    /// The family's whole history in the audit (its list loads too), for those who may read it.
    let auditHref: String?
    let csrf: String

    init(forum: ForumSummary, row: ReviewRepository.Row, others: OtherFamilyShown, sharedNumbers: ReviewRepository.NumbersShared?,
         record: RowRecord, moment: HistoricalMoment?, readsAudit: Bool, csrf: String, language: Language) {
        let t = Translations(language: language)
        historyNotice = moment?.notice
        auditHref = readsAudit ? "/audit?family=" + (row.familyID.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "") : nil
        forumID = forum.id
        forumTitle = forum.title
        // The list the family is on: a sub-SLS's families are on its SLS's.
        unitCode = forum.unit(listing: row.unit)?.code.value ?? row.unit
        familyID = row.familyID
        number = row.number
        name = row.headName
        address = row.address
        members = row.members
        preliminary = t.group(row.group)
        verdict = row.review.verdict.map { t["verdict_\($0.rawValue)"] } ?? t["verdict_none"]
        after = t.group(row.review.groupAfter(preliminary: row.group))
        let presenceLabel = t.presence(row.review.presence)
        // A moved family's destination, or the other family of a duplicate or merger (never both).
        presence = row.review.movedTo.isEmpty ? others.presence(presenceLabel, of: row.review, unit: row.unit)
            : "\(presenceLabel) (\(row.review.movedTo))"
        self.sharedNumbers = SharedNumberLine.lines(sharedNumbers, forum: forum, unit: row.unit, t: t)
        self.record = record
        self.csrf = csrf
    }
}
