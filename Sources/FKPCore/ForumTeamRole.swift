/// A seat in a forum's team: one facilitator, up to two assistant facilitators, one administrator
/// from BPS.
public enum ForumTeamRole: String, CaseIterable, Sendable, Codable {
    case facilitator
    case assistantFacilitator = "assistant_facilitator"
    case administrator

    /// How many people may hold the seat in one forum.
    public var seats: Int { self == .assistantFacilitator ? 2 : 1 }
}
