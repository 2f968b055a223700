import FKPCore
import FKPStore

/// The row of a forum's list that a challenge page is about: a listed family with its review, or
/// a family the forum added.
enum ChallengedRow {
    case listed(ReviewRepository.Row)
    case added(AddedFamilyRepository.Listed)

    var subject: ChallengeSubject {
        switch self {
        case .listed(let row): .listed(familyID: row.familyID)
        case .added(let added): .added(id: added.id)
        }
    }

    /// The group a challenge of the group would change.
    var currentGroup: WelfareGroup? {
        switch self {
        case .listed(let row): row.review.groupAfter(preliminary: row.group)
        case .added(let added): added.family.proposedGroup
        }
    }

    /// The presences a challenge on the row may propose.
    var presences: [Presence] {
        switch self {
        case .listed: Presence.allCases
        case .added: AddedFamily.presences
        }
    }

    /// A withdrawn addition counts nowhere and is no longer challenged.
    var isWithdrawn: Bool {
        if case .added(let added) = self { return added.withdrawal != nil }
        return false
    }

    func path(forumID: Int64) -> String {
        Self.path(of: subject, forumID: forumID)
    }

    static func path(of subject: ChallengeSubject, forumID: Int64) -> String {
        switch subject {
        case .listed(let familyID): "/forums/\(forumID)/families/\(familyID)"
        case .added(let id): "/forums/\(forumID)/added/\(id)"
        }
    }
}
