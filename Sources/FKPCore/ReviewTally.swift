/// The counts a forum list's summary block shows, always computed from the rows: families by group
/// before the forum and after it, the families that leave the unit by presence, and the added
/// families by presence.
public struct ReviewTally: Sendable, Equatable {
    public var before = GroupCounts()
    /// Families still in the unit after the forum, by their group after it.
    public var after = GroupCounts()
    public var leaving: [Presence: Int] = [:]
    public var added: [Presence: Int] = [:]
    public var reviewed = 0

    public init() {}

    /// The tally of one list: its families, each with its preliminary group and its review (nil
    /// when it has none), and the families added to it.
    public init(listed: some Sequence<(preliminary: WelfareGroup, review: Review?)>, added: some Sequence<AddedFamily>) {
        for family in listed { add(preliminary: family.preliminary, review: family.review, count: 1) }
        for family in added {
            guard let group = family.proposedGroup else { continue }
            addAdded(presence: family.presence, group: group, count: 1)
        }
    }

    /// Counts `count` listed families of group `preliminary` that share the same review.
    public mutating func add(preliminary: WelfareGroup, review: Review?, count: Int) {
        before.byGroup[preliminary, default: 0] += count
        if review?.verdict != nil { reviewed += count }
        let review = review ?? .none
        if review.presence.leavesTheUnit {
            leaving[review.presence, default: 0] += count
        } else {
            after.byGroup[review.groupAfter(preliminary: preliminary), default: 0] += count
        }
    }

    public mutating func addAdded(presence: Presence, group: WelfareGroup, count: Int) {
        added[presence, default: 0] += count
        if presence == .present { after.byGroup[group, default: 0] += count }
    }

    public var total: Int { before.total }

    public static func + (lhs: ReviewTally, rhs: ReviewTally) -> ReviewTally {
        var sum = lhs
        sum.before = lhs.before + rhs.before
        sum.after = lhs.after + rhs.after
        sum.leaving.merge(rhs.leaving, uniquingKeysWith: +)
        sum.added.merge(rhs.added, uniquingKeysWith: +)
        sum.reviewed += rhs.reviewed
        return sum
    }
}
