/// A family that lives in an SLS but is missing from its preliminary list, added by the forum
/// with its presence and a proposed group; BPS enumerates it afterwards.
public struct AddedFamily: Sendable, Equatable {
    public var headName: String
    public var address: String
    public var members: Int?
    public var presence: Presence
    public var proposedGroup: WelfareGroup?
    public var reason: String

    public init(headName: String, address: String = "", members: Int?, presence: Presence = .present,
                proposedGroup: WelfareGroup?, reason: String) {
        self.headName = headName
        self.address = address
        self.members = members
        self.presence = presence
        self.proposedGroup = proposedGroup
        self.reason = reason
    }

    /// The presences an added family can have: it lives there, moved since, or was not found.
    public static let presences: [Presence] = [.present, .moved, .notFound]

    public enum Problem: String, Error, Sendable, CaseIterable {
        case headNameMissing, membersOutOfRange, presenceNotAllowed, proposedGroupMissing, reasonMissing, tooLong
        /// A NIK or family card number typed into a text, which everyone of the forum reads whole.
        case personalNumberInText

        public var field: String {
            switch self {
            case .headNameMissing: "head_name"
            case .membersOutOfRange: "members"
            case .presenceNotAllowed: "presence"
            case .proposedGroupMissing: "proposed_group"
            case .reasonMissing, .personalNumberInText: "reason"
            case .tooLong: "address"
            }
        }
    }

    public var normalized: AddedFamily {
        AddedFamily(headName: headName.trimmingWhitespace, address: address.trimmingWhitespace, members: members, presence: presence,
                    proposedGroup: proposedGroup, reason: reason.trimmingWhitespace)
    }

    public var problems: [Problem] {
        let family = normalized
        var problems: [Problem] = []
        if family.headName.isEmpty { problems.append(.headNameMissing) }
        if !(1...99).contains(family.members ?? 0) { problems.append(.membersOutOfRange) }
        if !Self.presences.contains(family.presence) { problems.append(.presenceNotAllowed) }
        if family.proposedGroup == nil { problems.append(.proposedGroupMissing) }
        if family.reason.isEmpty { problems.append(.reasonMissing) }
        if family.headName.isLonger(than: 200) || family.address.isLonger(than: 500) || family.reason.isLonger(than: 500) { problems.append(.tooLong) }
        if [family.headName, family.address, family.reason].contains(where: PersonalNumber.isTypedInto) { problems.append(.personalNumberInText) }
        return problems
    }
}
