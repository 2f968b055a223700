import FKPCore
import FKPStore

/// A family the forum added to a unit's list: what is recorded now (or that it was withdrawn),
/// then its history, challenges and the form to raise one (`RowRecord`).
struct AddedFamilyPage {
    /// The added family's fields shown in the history, in this order.
    static let fields = ["head_name", "address", "members", "presence", "proposed_group", "reason", "withdraw_reason"]

    let forumID: Int64
    let forumTitle: String
    let unitCode: String
    /// Its values, as its row on the review page shows them.
    let family: ReviewPage.AddedRow
    let addedBy: String?
    let record: RowRecord
    /// Set when the page shows the family as it stood at a past moment.
    let historyNotice: String?
    let csrf: String

    init(forum: ForumSummary, added: AddedFamilyRepository.Listed, record: RowRecord, moment: HistoricalMoment?, csrf: String,
         language: Language) {
        historyNotice = moment?.notice
        forumID = forum.id
        forumTitle = forum.title
        unitCode = added.unit
        family = ReviewPage.AddedRow(added, mayWithdraw: false, Translations(language: language))
        addedBy = added.createdBy
        self.record = record
        self.csrf = csrf
    }
}
