import FKPCore
import Foundation
import XCTest

final class ForumPlanTests: XCTestCase {
    private let village = try! RegionCode("3201010001")
    private let start = Date(timeIntervalSince1970: 1_796_000_000)

    private func plan(units: Int = 2, hours: Double = 3, venue: String = "Balai Desa",
                      team: [(userID: Int64, role: ForumTeamRole)] = [(1, .facilitator)]) -> ForumPlan {
        ForumPlan(place: village, units: (1...max(units, 1)).prefix(units).map { try! RegionCode("3201010001" + String(format: "%04d", $0)) },
                  title: "FKP", startsAt: start, endsAt: start.addingTimeInterval(hours * 3600), venue: venue, team: team)
    }

    func testOneToTwelveUnitsOfTheVillage() {
        XCTAssertEqual(plan().problems, [])
        XCTAssertEqual(plan(units: 12).problems, [])
        XCTAssertEqual(plan(units: 13).problems, [.tooManyUnits])
        XCTAssertEqual(plan(units: 0).problems, [.noUnits])
        var outside = plan()
        outside.units.append(try! RegionCode("32010100020001"))
        XCTAssertEqual(outside.problems, [.unitOutsidePlace])
        var village = plan()
        village.units.append(try! RegionCode("3201010001"))
        XCTAssertEqual(village.problems, [.unitOutsidePlace], "the village itself is not a unit")
        var twice = plan()
        twice.units.append(twice.units[0])
        XCTAssertEqual(twice.problems, [.unitTwice])
    }

    func testTimesVenueAndTeam() {
        XCTAssertEqual(plan(hours: 0).problems, [.endsBeforeStart])
        XCTAssertEqual(plan(venue: "  ").problems, [.venueMissing])
        // Counted as the database counts: a decomposed "é" is two characters there.
        XCTAssertEqual(plan(venue: String(repeating: "e\u{301}", count: 151)).problems, [.venueTooLong])
        XCTAssertEqual(plan(venue: String(repeating: "e\u{301}", count: 150)).problems, [])
        XCTAssertEqual(plan(team: []).problems, [.facilitatorMissing])
        XCTAssertEqual(plan(team: [(1, .facilitator), (2, .assistantFacilitator), (3, .assistantFacilitator), (4, .administrator)]).problems, [])
        XCTAssertEqual(plan(team: [(1, .facilitator), (2, .assistantFacilitator), (3, .assistantFacilitator), (4, .assistantFacilitator)]).problems,
                       [.seatOverfilled])
        XCTAssertEqual(plan(team: [(1, .facilitator), (1, .administrator)]).problems, [.personTwice])
    }

    /// The title heads and the venue is printed on the invitations and the minutes everyone reads.
    func testTitleAndVenueHoldNoPersonalNumber() {
        XCTAssertEqual(plan(venue: "Rumah Pak Budi NIK 3201014501800001").problems, [.venuePersonalNumber])
        XCTAssertEqual(plan(venue: "Rumah Pak Budi, KK 3201.0101.0100.0001").problems, [.venuePersonalNumber])
        XCTAssertEqual(plan(venue: "Balai RW 05, Jl. Merdeka No. 12, telp. 0812 3456 7890").problems, [], "a phone number is shorter")
        var title = plan()
        title.title = "FKP keluarga 3201010101000001"
        XCTAssertEqual(title.problems, [.titlePersonalNumber])
        title.title = String(repeating: "a", count: ForumPlan.maximumTitleLength)
        XCTAssertEqual(title.problems, [])
        title.title += "a"
        XCTAssertEqual(title.problems, [.titleTooLong])
        XCTAssertEqual(ForumPlan.Problem.titleTooLong.field, "title")
        XCTAssertEqual(ForumPlan.Problem.venuePersonalNumber.field, "venue")
    }
}
