import FKPCore
import FKPStore
import FKPTestSupport
import HTTPTypes
import HummingbirdTesting
import XCTest

/// Row A a duplicate of row B and row B of row A (or round a longer ring): both would leave the
/// final list and the family with them. The second marking is refused, however it comes.
final class DuplicateRingTests: XCTestCase {
    static let unit = "/forums/1/units/32010100010001"

    func testAFamilyMarkedTheOtherFamilysDuplicateInTurnIsRefusedOnTheListAndOnPaper() async throws {
        try await WebTest.withApp(seed: TestAccounts.twoUnitForum) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await facilitator.get(Self.unit)
            let first = try await facilitator.post("\(Self.unit)/families/F1", ["version": "0", "presence": "duplicate", "other_family": "2"])
            XCTAssertEqual(first.status, .seeOther)

            let back = try await facilitator.post("\(Self.unit)/families/F2", ["version": "0", "presence": "duplicate", "other_family": "1"])
            XCTAssertEqual(back.status, .unprocessableContent)
            XCTAssertTrue(back.text.contains("Tandai satu baris saja, agar keluarga itu tetap ada di daftar akhir"), back.text)
            XCTAssertTrue(back.text.contains(#"name="other_family" value="no. 1""#), "what was chosen stays in the row for mending")
            let inPlace = try await facilitator.post("\(Self.unit)/families/F2", ["version": "0", "presence": "merged", "other_family": "F1"],
                                                     accept: "application/json")
            XCTAssertEqual(inPlace.status, .unprocessableContent, "merged into counts too, and a script gets the same refusal")
            let onPaper = try await facilitator.post("\(Self.unit)/paper", ["v_F2": "0", "p_F2": "duplicate", "d_F2": "1"])
            XCTAssertEqual(onPaper.status, .unprocessableContent)
            XCTAssertTrue(onPaper.text.contains("Tandai satu baris saja"))

            // A longer ring: F2 into F3 (another unit), then F3 into F1.
            let chain = try await facilitator.post("\(Self.unit)/families/F2", ["version": "0", "presence": "merged", "other_family": "F3"])
            XCTAssertEqual(chain.status, .seeOther, "a chain that ends on a family staying on the list is fine")
            let ring = try await facilitator.post("/forums/1/units/32010100010002/families/F3",
                                                  ["version": "0", "presence": "duplicate", "other_family": "F1"])
            XCTAssertEqual(ring.status, .unprocessableContent)

            let rows = try await SQLTest.scalar(db, """
                SELECT string_agg(family_id || ':' || presence || ':' || coalesce(duplicate_of, merged_into), ' ' ORDER BY family_id) FROM fkp.reviews
                """, as: String.self)
            XCTAssertEqual(rows, "F1:duplicate:F2 F2:merged:F3", "nothing of the refused markings was kept")
            let refusedEntries = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE table_name = 'fkp.reviews'", as: Int64.self)
            XCTAssertEqual(refusedEntries, 2, "nor entered in the trail")
        }
    }

    func testAnAcceptedChallengeThatWouldCloseARingIsNotDecided() async throws {
        try await WebTest.withApp(seed: TestAccounts.twoUnitForum) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await facilitator.get(Self.unit)
            try await facilitator.post("\(Self.unit)/families/F1", ["version": "0", "presence": "duplicate", "other_family": "F2"])
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            try await figure.get("/forums/1/families/F2")
            let raised = try await figure.post("/forums/1/families/F2/challenges", [
                "kind": "presence", "proposed_presence": "duplicate", "proposed_value": "1", "reason": "Sama dengan nomor 1"])
            XCTAssertEqual(raised.status, .seeOther, "a challenge may be raised: the forum decides")
            try await facilitator.get("/forums/1/challenges")
            let accepted = try await facilitator.post("/forums/1/challenges/1/decision", ["version": "1", "status": "accepted", "method": "consensus"])
            XCTAssertEqual(accepted.status, .unprocessableContent)
            XCTAssertTrue(accepted.text.contains("Tandai satu baris saja"), accepted.text)
            let status = try await SQLTest.scalar(db, "SELECT status FROM fkp.challenges WHERE id = 1", as: String.self)
            XCTAssertEqual(status, "open", "nothing is decided")
            let f2 = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.reviews WHERE family_id = 'F2'", as: Int64.self)
            XCTAssertEqual(f2, 0)
        }
    }
}
