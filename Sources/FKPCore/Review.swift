/// What a forum records about one listed family: the verdict on its group, its presence, and a
/// note on its place in the SLS order.
public struct Review: Sendable, Equatable {
    public var verdict: Verdict?
    public var proposedGroup: WelfareGroup?
    public var reason: String
    public var presence: Presence
    /// Where a family that moved went, when known (free text or an SLS code).
    public var movedTo: String
    /// The other family of the forum a duplicate repeats, or a merged family joined.
    public var otherFamily: String?
    public var orderNote: String

    public init(verdict: Verdict? = nil, proposedGroup: WelfareGroup? = nil, reason: String = "", presence: Presence = .present,
                movedTo: String = "", otherFamily: String? = nil, orderNote: String = "") {
        self.verdict = verdict
        self.proposedGroup = proposedGroup
        self.reason = reason
        self.presence = presence
        self.movedTo = movedTo
        self.otherFamily = otherFamily
        self.orderNote = orderNote
    }

    public static let none = Review()

    /// A rule the review breaks, named after the form field it concerns.
    public enum Problem: String, Error, Sendable, CaseIterable {
        case proposedGroupMissing
        case proposedGroupIsPreliminary
        case reasonMissing
        case otherFamilyMissing
        case otherFamilyIsItself
        case otherFamilyOutsideForum
        case tooLong
        /// A NIK or family card number typed into a text, which everyone of the forum reads whole.
        case personalNumberInText

        public var field: String {
            switch self {
            case .proposedGroupMissing, .proposedGroupIsPreliminary: "proposed_group"
            case .reasonMissing: "reason"
            case .otherFamilyMissing, .otherFamilyIsItself, .otherFamilyOutsideForum: "other_family"
            case .tooLong, .personalNumberInText: "reason"
            }
        }
    }

    /// The review with what its choices make irrelevant cleared: no proposed group unless the
    /// verdict is "does not fit", no destination unless moved, no other family unless duplicate
    /// or merged; text trimmed.
    public var normalized: Review {
        var review = self
        review.reason = reason.trimmingWhitespace
        review.orderNote = orderNote.trimmingWhitespace
        review.movedTo = presence == .moved ? movedTo.trimmingWhitespace : ""
        if verdict != .doesNotFit { review.proposedGroup = nil }
        let other = otherFamily?.trimmingWhitespace ?? ""
        review.otherFamily = presence.namesAnotherFamily && !other.isEmpty ? other : nil
        return review
    }

    /// The rules of ../shared/domain.md for the review of `familyID`, whose preliminary group is
    /// `preliminary`; `inForum` says whether a family id belongs to the same forum.
    public func problems(familyID: String, preliminary: WelfareGroup, inForum: (String) -> Bool) -> [Problem] {
        let review = normalized
        var problems: [Problem] = []
        if review.verdict == .doesNotFit {
            if let group = review.proposedGroup {
                if group == preliminary { problems.append(.proposedGroupIsPreliminary) }
            } else {
                problems.append(.proposedGroupMissing)
            }
            if review.reason.isEmpty { problems.append(.reasonMissing) }
        }
        if review.presence.namesAnotherFamily {
            if let other = review.otherFamily {
                if other == familyID { problems.append(.otherFamilyIsItself) } else if !inForum(other) { problems.append(.otherFamilyOutsideForum) }
            } else {
                problems.append(.otherFamilyMissing)
            }
        }
        if [review.reason, review.movedTo, review.orderNote].contains(where: { $0.isLonger(than: 500) }) { problems.append(.tooLong) }
        // Not the destination: a sub-SLS's code has a NIK's 16 digits.
        if [review.reason, review.orderNote].contains(where: PersonalNumber.isTypedInto) { problems.append(.personalNumberInText) }
        return problems
    }

    /// The family's group after the forum: the proposed group when the verdict says it does not fit.
    public func groupAfter(preliminary: WelfareGroup) -> WelfareGroup {
        verdict == .doesNotFit ? proposedGroup ?? preliminary : preliminary
    }
}
