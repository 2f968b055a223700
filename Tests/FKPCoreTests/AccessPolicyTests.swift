import FKPCore
import Foundation
import XCTest

final class AccessPolicyTests: XCTestCase {
    let village = try! RegionCode("3201010001")
    let unit = try! RegionCode("32010100010001")
    let otherUnit = try! RegionCode("32010100020001")

    func person(_ assignments: Assignment...) -> Principal {
        Principal(userID: 1, username: "x", displayName: "X", assignments: assignments)
    }

    func testReadsOutsideTheScopeAreNotFoundAndWritesForbidden() {
        let head = person(Assignment(role: .slsHead, region: unit))
        XCTAssertEqual(AccessPolicy.decide(head, .viewFamilies, .region(unit)), .allow)
        XCTAssertEqual(AccessPolicy.decide(head, .viewFamilies, .region(otherUnit)), .notFound)
        XCTAssertEqual(AccessPolicy.decide(head, .giveVerdict, .region(otherUnit)), .forbidden)
        XCTAssertEqual(AccessPolicy.decide(head, .viewAudit, .region(unit)), .forbidden, "in scope but not the role's to do")
        XCTAssertEqual(AccessPolicy.decide(nil, .viewRegion, .region(unit)), .notFound)
    }

    func testAnSLSHeadActsInTheForumsCoveringTheirUnit() {
        let head = person(Assignment(role: .slsHead, region: unit))
        let forum = AccessPolicy.Resource(place: village, forumID: 7, forumUnits: [unit])
        let other = AccessPolicy.Resource(place: village, forumID: 8, forumUnits: [otherUnit])
        XCTAssertEqual(AccessPolicy.decide(head, .giveVerdict, forum), .allow)
        XCTAssertEqual(AccessPolicy.decide(head, .giveVerdict, other), .forbidden)
        XCTAssertEqual(AccessPolicy.decide(head, .runForum, forum), .forbidden)
    }

    func testTheSLSHeadRecordsTheirOwnUnitOnlyAndTheFacilitatorEveryUnitOfTheForum() {
        let forum = ForumSummary(id: 7, place: village, placeName: "Desa", units: [
            Region(code: unit, name: "RT 1", isNonSLS: false), Region(code: try! RegionCode("32010100010002"), name: "RT 2", isNonSLS: false),
        ], title: "FKP", startsAt: Date(), venue: "Balai", state: .reviewing)
        let head = person(Assignment(role: .slsHead, region: unit))
        let facilitator = person(Assignment(role: .facilitator, region: village))
        let figure = person(Assignment(role: .communityFigure, region: village, forumID: 7))
        XCTAssertTrue(AccessPolicy.mayRecordReview(head, in: forum, unit: unit))
        XCTAssertFalse(AccessPolicy.mayRecordReview(head, in: forum, unit: try! RegionCode("32010100010002")), "another unit of the same forum")
        XCTAssertTrue(AccessPolicy.mayRecordReview(facilitator, in: forum, unit: try! RegionCode("32010100010002")))
        XCTAssertFalse(AccessPolicy.mayRecordReview(figure, in: forum, unit: unit), "figures challenge, they do not record verdicts")
        XCTAssertFalse(AccessPolicy.mayRecordReview(nil, in: forum, unit: unit))
    }

    func testTheRootsOfAnActionAreThePlacesWhoseRolePermitsIt() {
        let regency = try! RegionCode("3201")
        XCTAssertNil(AccessPolicy.roots(person(Assignment(role: .admin, region: nil)), for: .importLists), "the whole country")
        XCTAssertEqual(AccessPolicy.roots(person(Assignment(role: .bpsStaff, region: regency)), for: .importLists), [regency])
        XCTAssertEqual(AccessPolicy.roots(person(Assignment(role: .facilitator, region: village)), for: .importLists), [])
        XCTAssertEqual(AccessPolicy.roots(person(Assignment(role: .auditor, region: regency), Assignment(role: .facilitator, region: village)),
                                          for: .viewUsers), [regency])
    }

    func testACommunityFigureIsScopedToTheirForumOnly() {
        let figure = person(Assignment(role: .communityFigure, region: village, forumID: 7))
        XCTAssertEqual(AccessPolicy.decide(figure, .raiseChallenge, .init(place: village, forumID: 7, forumUnits: [unit])), .allow)
        XCTAssertEqual(AccessPolicy.decide(figure, .raiseChallenge, .init(place: village, forumID: 8, forumUnits: [unit])), .forbidden)
        XCTAssertEqual(AccessPolicy.decide(figure, .viewRegion, .region(village)), .notFound)
    }

    func testAuditorsReadEverythingInTheirRegionAndChangeNothing() {
        let auditor = person(Assignment(role: .auditor, region: try! RegionCode("3201")))
        for action in AccessAction.allCases {
            XCTAssertEqual(AccessPolicy.decide(auditor, action, .region(unit)) == .allow, !action.isWrite, "\(action)")
        }
    }

    func testOnlySupervisorsAmongBPSStaffReopenForums() {
        let regency = try! RegionCode("3201")
        XCTAssertEqual(AccessPolicy.decide(person(Assignment(role: .bpsStaff, region: regency)), .reopenForum, .region(village)), .forbidden)
        XCTAssertEqual(AccessPolicy.decide(person(Assignment(role: .bpsStaff, region: regency, isSupervisor: true)), .reopenForum,
                                           .region(village)), .allow)
    }

    func testBPSStaffCreateOnlyRolesBelowThemInsideTheirRegion() throws {
        let regencyStaff = person(Assignment(role: .bpsStaff, region: try RegionCode("3201")))
        XCTAssertTrue(AccessPolicy.mayAssign(regencyStaff, Assignment(role: .facilitator, region: village)))
        XCTAssertFalse(AccessPolicy.mayAssign(regencyStaff, Assignment(role: .facilitator, region: try RegionCode("3202010001"))))
        XCTAssertFalse(AccessPolicy.mayAssign(regencyStaff, Assignment(role: .bpsStaff, region: try RegionCode("3201"))))
        XCTAssertFalse(AccessPolicy.mayAssign(regencyStaff, Assignment(role: .admin, region: nil)))
        XCTAssertFalse(AccessPolicy.mayAssign(regencyStaff, Assignment(role: .bpsStaff, region: try RegionCode("3201"), isSupervisor: true)))
        let provinceStaff = person(Assignment(role: .bpsStaff, region: try RegionCode("32")))
        XCTAssertTrue(AccessPolicy.mayAssign(provinceStaff, Assignment(role: .bpsStaff, region: try RegionCode("3201"))))
        let facilitator = person(Assignment(role: .facilitator, region: village))
        XCTAssertFalse(AccessPolicy.mayAssign(facilitator, Assignment(role: .slsHead, region: unit)))
    }

    func testPasswordRules() {
        XCTAssertEqual(PasswordRules.check("pendek", username: "budi"), .tooShort)
        XCTAssertEqual(PasswordRules.check("password123", username: "budi"), .tooCommon)
        XCTAssertEqual(PasswordRules.check("Bismillah2024!", username: "budi"), .tooCommon)
        XCTAssertEqual(PasswordRules.check("aaaaaaaaaaaa", username: "budi"), .tooCommon)
        XCTAssertEqual(PasswordRules.check("budi.santoso-99", username: "budi.santoso"), .sameAsUsername)
        XCTAssertNil(PasswordRules.check("Sawah hijau di Cibeber", username: "budi"))
    }
}
