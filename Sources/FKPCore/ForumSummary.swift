import Foundation

/// A forum as the pages and the access policy need it.
public struct ForumSummary: Sendable, Equatable {
    public var id: Int64
    public var place: RegionCode
    public var placeName: String
    public var units: [Region]
    public var title: String
    public var startsAt: Date
    public var venue: String
    public var state: ForumState
    /// Why a cancelled forum was called off.
    public var cancelReason: String?

    public init(id: Int64, place: RegionCode, placeName: String, units: [Region], title: String, startsAt: Date,
                venue: String, state: ForumState, cancelReason: String? = nil) {
        self.id = id
        self.place = place
        self.placeName = placeName
        self.units = units
        self.title = title
        self.startsAt = startsAt
        self.venue = venue
        self.state = state
        self.cancelReason = cancelReason
    }

    /// The forum's unit whose list holds a family of unit `code`: that unit, or the SLS above its
    /// sub-SLS (a unit's list holds its sub-units' families).
    public func unit(listing code: String) -> Region? {
        units.first { $0.code.value == code } ?? units.first { code.hasPrefix($0.code.value) }
    }

    /// A planned forum whose day has not come at its place: opening it now is done only on purpose.
    public func opensEarly(now: Date) -> Bool {
        state == .planned && IndonesianTime.isOnALaterDay(startsAt, than: now, at: place)
    }

    /// What the access policy checks a forum action against.
    public var resource: AccessPolicy.Resource {
        AccessPolicy.Resource(place: place, forumID: id, forumUnits: units.map(\.code))
    }
}
