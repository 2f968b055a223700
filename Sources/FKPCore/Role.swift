/// What a person may do, always together with the place or forum the assignment names.
public enum Role: String, CaseIterable, Sendable, Codable {
    case admin
    case bpsStaff = "bps_staff"
    case facilitator
    case slsHead = "sls_head"
    case communityFigure = "community_figure"
    case auditor

    /// Only BPS staff and administrators see personal numbers whole.
    public var seesPersonalNumbers: Bool { self == .admin || self == .bpsStaff }
}
