import Foundation

/// What BPS staff decide when they plan a forum.
public struct ForumPlan: Sendable, Equatable {
    public enum HeldAt: String, Sendable {
        case village, belowVillage = "below_village", aboveVillage = "above_village"

        /// How a forum planned for a place of `level` is held: a village's forum, or a district's,
        /// above village level, as some cities hold them (its units from the district's villages);
        /// nil where no forum is planned.
        public init?(planningAt level: RegionLevel) {
            switch level {
            case .village: self = .village
            case .district: self = .aboveVillage
            default: return nil
            }
        }
    }

    public var place: RegionCode
    public var heldAt: HeldAt
    public var units: [RegionCode]
    public var title: String
    public var startsAt: Date
    public var endsAt: Date
    public var venue: String
    /// Who runs it: user ids and their seats.
    public var team: [(userID: Int64, role: ForumTeamRole)]

    public init(place: RegionCode, heldAt: HeldAt = .village, units: [RegionCode], title: String,
                startsAt: Date, endsAt: Date, venue: String, team: [(userID: Int64, role: ForumTeamRole)] = []) {
        self.place = place
        self.heldAt = heldAt
        self.units = units
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.venue = venue
        self.team = team
    }

    public static let maximumUnits = 12
    public static let maximumTitleLength = 200

    public static func == (lhs: ForumPlan, rhs: ForumPlan) -> Bool {
        lhs.place == rhs.place && lhs.heldAt == rhs.heldAt && lhs.units == rhs.units && lhs.title == rhs.title
            && lhs.startsAt == rhs.startsAt && lhs.endsAt == rhs.endsAt && lhs.venue == rhs.venue
            && lhs.team.map(\.userID) == rhs.team.map(\.userID) && lhs.team.map(\.role) == rhs.team.map(\.role)
    }

    /// What the planned forum is to the access rules: its place and units. `forumID` nil for a forum
    /// not yet numbered (0 stands for it: no one is assigned to it by number yet).
    public func resource(forumID: Int64?) -> AccessPolicy.Resource {
        AccessPolicy.Resource(place: place, forumID: forumID ?? 0, forumUnits: units)
    }

    /// A rule of ../shared/domain.md the plan breaks, named after the form field it concerns.
    public enum Problem: String, Error, Sendable, CaseIterable {
        case noUnits, tooManyUnits, unitOutsidePlace, unitTwice
        case titleTooLong, titlePersonalNumber
        case endsBeforeStart
        case venueMissing, venueTooLong, venuePersonalNumber
        case facilitatorMissing, seatOverfilled, personTwice

        public var field: String {
            switch self {
            case .noUnits, .tooManyUnits, .unitOutsidePlace, .unitTwice: "units"
            case .titleTooLong, .titlePersonalNumber: "title"
            case .endsBeforeStart: "ends"
            case .venueMissing, .venueTooLong, .venuePersonalNumber: "venue"
            case .facilitatorMissing, .seatOverfilled, .personTwice: "team"
            }
        }
    }

    /// Checks made before the database is asked (which checks them again, and the rules that need
    /// other forums: units in another open forum, people booked elsewhere at the same time).
    public var problems: [Problem] {
        var problems: [Problem] = []
        if units.isEmpty { problems.append(.noUnits) }
        if units.count > Self.maximumUnits { problems.append(.tooManyUnits) }
        if units.contains(where: { !place.contains($0) || ![RegionLevel.sls, .subsls].contains($0.level) }) {
            problems.append(.unitOutsidePlace)
        }
        if Set(units).count != units.count { problems.append(.unitTwice) }
        // The title heads the invitations and the minutes, the venue is printed on them: both are
        // read by everyone invited, a personal number only by BPS staff.
        if title.isLonger(than: Self.maximumTitleLength) { problems.append(.titleTooLong) }
        if PersonalNumber.isTypedInto(title) { problems.append(.titlePersonalNumber) }
        if endsAt <= startsAt { problems.append(.endsBeforeStart) }
        if venue.trimmingWhitespace.isEmpty { problems.append(.venueMissing) }
        if venue.isLonger(than: 300) { problems.append(.venueTooLong) }
        if PersonalNumber.isTypedInto(venue) { problems.append(.venuePersonalNumber) }
        if !team.contains(where: { $0.role == .facilitator }) { problems.append(.facilitatorMissing) }
        if ForumTeamRole.allCases.contains(where: { role in team.filter { $0.role == role }.count > role.seats }) {
            problems.append(.seatOverfilled)
        }
        if Set(team.map(\.userID)).count != team.count { problems.append(.personTwice) }
        return problems
    }
}
