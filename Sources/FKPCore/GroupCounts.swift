/// Families per welfare group, the summary shown at every level of the region browser.
public struct GroupCounts: Sendable, Equatable {
    public var byGroup: [WelfareGroup: Int]

    public init(byGroup: [WelfareGroup: Int] = [:]) { self.byGroup = byGroup }

    public subscript(group: WelfareGroup) -> Int { byGroup[group, default: 0] }

    public var total: Int { byGroup.values.reduce(0, +) }

    public static func + (lhs: GroupCounts, rhs: GroupCounts) -> GroupCounts {
        GroupCounts(byGroup: lhs.byGroup.merging(rhs.byGroup, uniquingKeysWith: +))
    }
}
