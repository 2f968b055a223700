/// Everything a person can ask to do. Reads refused outside a person's scope answer "not found",
/// so nothing reveals that a record exists; writes answer "forbidden".
public enum AccessAction: String, CaseIterable, Sendable {
    case viewRegion
    case viewFamilies
    case viewForum
    case viewAudit
    case viewUsers
    case importLists
    case planForum
    case inviteParticipants
    case runForum
    case giveVerdict
    case raiseChallenge
    case signMinutes
    case closeForum
    case reopenForum
    case manageUsers
    case rerank
    case exportLists
    case exportAudit

    public var isWrite: Bool {
        switch self {
        case .viewRegion, .viewFamilies, .viewForum, .viewAudit, .viewUsers, .exportLists, .exportAudit: false
        default: true
        }
    }
}
