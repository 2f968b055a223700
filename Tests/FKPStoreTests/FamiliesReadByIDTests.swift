import FKPStore
import FKPTestSupport
import XCTest

/// The other families a page names, read by their ids: those of the forum's units with their
/// number on their own list; any other id left out.
final class FamiliesReadByIDTests: XCTestCase {
    func testTheForumsFamiliesComeWithTheirNumberAndOthersAreLeftOut() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, TestAccounts.twoUnitForum + [
                SQLTest.family("X1", sls: "32010100020001"),  // a unit of another village, in no unit of forum 1
            ])
            let reviews = ReviewRepository(database: db)
            let rows = try await reviews.rows(forumID: 1, familyIDs: ["F3", "F2", "X1", "nobody", "F2"])
            XCTAssertEqual(rows.map(\.familyID), ["F2", "F3"], "in list order, each once; X1 is not the forum's")
            XCTAssertEqual(rows.map(\.number), [2, 1], "each numbered on its own unit's list")
            XCTAssertEqual(rows.map(\.unit), ["32010100010001", "32010100010002"])
            let none = try await reviews.rows(forumID: 1, familyIDs: [])
            XCTAssertEqual(none, [])
        }
    }
}
