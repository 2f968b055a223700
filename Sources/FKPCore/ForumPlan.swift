import Foundation

/// What BPS staff decide when they plan a forum.
public struct ForumPlan: Sendable, Equatable {
    public enum HeldAt: String, Sendable { case village, belowVillage = "below_village", aboveVillage = "above_village" }

    public var place: RegionCode
    public var heldAt: HeldAt
    public var units: [RegionCode]
    public var title: String
    public var startsAt: Date
    public var endsAt: Date
    public var venue: String

    public init(place: RegionCode, heldAt: HeldAt = .village, units: [RegionCode], title: String,
                startsAt: Date, endsAt: Date, venue: String) {
        self.place = place
        self.heldAt = heldAt
        self.units = units
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.venue = venue
    }

    public static let maximumUnits = 12
}
