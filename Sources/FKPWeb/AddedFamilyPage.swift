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
    let addedID: Int64
    let name: String
    /// Nil when none was given, so that no separator stands alone.
    let address: String?
    let members: Int
    let presence: String
    let group: String
    /// Why it was added. Not named `reason`: a history event without a reason would show this one.
    let additionReason: String
    let addedBy: String?
    let withdrawal: String?
    let record: RowRecord
    /// Set when the page shows the family as it stood at a past moment.
    let historyNotice: String?
    let csrf: String

    init(forum: ForumSummary, added: AddedFamilyRepository.Listed, record: RowRecord, moment: HistoricalMoment?, csrf: String,
         language: Language) {
        let t = Translations(language: language)
        historyNotice = moment?.notice
        forumID = forum.id
        forumTitle = forum.title
        unitCode = added.unit
        addedID = added.id
        name = added.family.headName
        address = added.family.address.isEmpty ? nil : added.family.address
        members = added.family.members ?? 0
        presence = t.presence(added.family.presence)
        group = added.family.proposedGroup.map { t.group($0) } ?? ""
        additionReason = added.family.reason
        addedBy = added.createdBy
        withdrawal = added.withdrawal.map { t.filling("added_withdrawn_by", ["name": $0.by, "reason": $0.reason]) }
        self.record = record
        self.csrf = csrf
    }
}
