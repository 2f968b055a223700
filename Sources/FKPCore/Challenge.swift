/// A participant's objection to one row of a forum's list, and the forum's decision on it.
public struct Challenge: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        /// The welfare group is wrong: proposes another group.
        case group
        /// The presence is wrong: proposes another presence (and the other family or destination).
        case presence
        /// A data error (name, address, members...): proposes the right value as text.
        case data
    }

    public enum Status: String, CaseIterable, Sendable { case open, accepted, rejected, withdrawn }

    public enum Method: String, CaseIterable, Sendable {
        /// musyawarah mufakat
        case consensus
        case vote
    }

    public var kind: Kind
    public var proposedGroup: WelfareGroup?
    public var proposedPresence: Presence?
    /// For data errors the right value; for presence, the other family or where the family went.
    public var proposedValue: String
    public var reason: String

    /// The other family a presence challenge proposes the row is a duplicate of or merged into.
    public var otherFamily: String? {
        kind == .presence && proposedPresence?.namesAnotherFamily == true && !proposedValue.isEmpty ? proposedValue : nil
    }

    public init(kind: Kind, proposedGroup: WelfareGroup? = nil, proposedPresence: Presence? = nil, proposedValue: String = "",
                reason: String) {
        self.kind = kind
        self.proposedGroup = proposedGroup
        self.proposedPresence = proposedPresence
        self.proposedValue = proposedValue
        self.reason = reason
    }

    public enum Problem: String, Error, Sendable, CaseIterable {
        case proposedGroupMissing
        case proposedGroupIsCurrent
        case proposedPresenceMissing
        /// An added family lives there, moved away or was not found; it is no one's duplicate.
        case proposedPresenceNotAllowed
        case proposedValueMissing
        case reasonMissing
        /// A NIK or family card number typed into the proposal or the reason, which everyone of the forum reads whole.
        case personalNumberInText

        public var field: String {
            switch self {
            case .proposedGroupMissing, .proposedGroupIsCurrent: "proposed_group"
            case .proposedPresenceMissing, .proposedPresenceNotAllowed: "proposed_presence"
            case .proposedValueMissing: "proposed_value"
            case .reasonMissing, .personalNumberInText: "reason"
            }
        }
    }

    /// Only what the kind proposes is kept; text is trimmed.
    public var normalized: Challenge {
        Challenge(kind: kind, proposedGroup: kind == .group ? proposedGroup : nil,
                  proposedPresence: kind == .presence ? proposedPresence : nil,
                  proposedValue: kind == .group ? "" : proposedValue.trimmingWhitespace, reason: reason.trimmingWhitespace)
    }

    /// The rules for raising it against a row whose group is currently `currentGroup` and whose
    /// presence can be one of `presences`.
    public func problems(currentGroup: WelfareGroup?, presences: [Presence] = Presence.allCases) -> [Problem] {
        let challenge = normalized
        var problems: [Problem] = []
        switch challenge.kind {
        case .group:
            if let group = challenge.proposedGroup {
                if group == currentGroup { problems.append(.proposedGroupIsCurrent) }
            } else {
                problems.append(.proposedGroupMissing)
            }
        case .presence:
            if let presence = challenge.proposedPresence {
                if !presences.contains(presence) { problems.append(.proposedPresenceNotAllowed) }
                if presence.namesAnotherFamily && challenge.proposedValue.isEmpty { problems.append(.proposedValueMissing) }
            } else {
                problems.append(.proposedPresenceMissing)
            }
        case .data:
            if challenge.proposedValue.isEmpty { problems.append(.proposedValueMissing) }
        }
        if challenge.reason.isEmpty { problems.append(.reasonMissing) }
        // A data error's right value, not a presence's other family or destination (an id, a sub-SLS's code, of 16 digits maybe).
        let texts = challenge.kind == .data ? [challenge.proposedValue, challenge.reason] : [challenge.reason]
        if texts.contains(where: PersonalNumber.isTypedInto) { problems.append(.personalNumberInText) }
        return problems
    }

    /// The row's review once this challenge is accepted: the correction it carries.
    public func correcting(_ review: Review, preliminary: WelfareGroup) -> Review {
        var corrected = review
        switch kind {
        case .group:
            guard let group = proposedGroup else { return review }
            if group == preliminary {
                corrected.verdict = .fits
                corrected.proposedGroup = nil
            } else {
                corrected.verdict = .doesNotFit
                corrected.proposedGroup = group
                corrected.reason = reason
            }
        case .presence:
            guard let presence = proposedPresence else { return review }
            corrected.presence = presence
            corrected.movedTo = presence == .moved ? proposedValue : ""
            corrected.otherFamily = presence.namesAnotherFamily ? proposedValue : nil
        case .data:
            break  // a data correction is the decision itself; BPS applies it to the register
        }
        return corrected.normalized
    }

    /// An added family once this challenge is accepted. Where it moved to stays in the
    /// challenge: an added family has no such field.
    public func correcting(_ added: AddedFamily) -> AddedFamily {
        var corrected = added
        switch kind {
        case .group: corrected.proposedGroup = proposedGroup ?? added.proposedGroup
        case .presence: corrected.presence = proposedPresence ?? added.presence
        case .data: break  // as for a listed family: the decision itself is the correction
        }
        return corrected
    }

    /// How the forum decided.
    public struct Decision: Sendable, Equatable {
        public var status: Status
        public var method: Method?
        public var votesFor: Int?
        public var votesAgainst: Int?
        public var votesAbstain: Int?
        public var note: String

        public init(status: Status, method: Method? = nil, votesFor: Int? = nil, votesAgainst: Int? = nil,
                    votesAbstain: Int? = nil, note: String = "") {
            self.status = status
            self.method = method
            self.votesFor = votesFor
            self.votesAgainst = votesAgainst
            self.votesAbstain = votesAbstain
            self.note = note
        }

        public enum Problem: String, Error, Sendable, CaseIterable {
            case notADecision
            case methodMissing
            case votesMissing
            case votesNegative
            case personalNumberInText

            public var field: String {
                switch self {
                case .notADecision: "status"
                case .methodMissing: "method"
                case .votesMissing, .votesNegative: "votes_for"
                case .personalNumberInText: "note"
                }
            }
        }

        /// Accepting or rejecting says how it was decided, and a vote gives its counts; a
        /// withdrawal needs neither.
        public var problems: [Problem] {
            var problems: [Problem] = []
            if status == .open { problems.append(.notADecision) }
            if status == .accepted || status == .rejected {
                if method == nil { problems.append(.methodMissing) }
            }
            if method == .vote {
                if votesFor == nil || votesAgainst == nil { problems.append(.votesMissing) }
                if [votesFor, votesAgainst, votesAbstain].contains(where: { ($0 ?? 0) < 0 }) { problems.append(.votesNegative) }
            }
            if PersonalNumber.isTypedInto(note) { problems.append(.personalNumberInText) }
            return problems
        }
    }
}
