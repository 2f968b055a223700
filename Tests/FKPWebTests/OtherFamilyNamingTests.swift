import FKPCore
import FKPStore
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// A duplicate or a merge names the other family: by its number on the list, or by its id, and
/// the conflict page and the list name it the same way.
final class OtherFamilyNamingTests: XCTestCase {
    /// A head reads the list by its numbers: "this one is the same family as number 2".
    func testTheOtherFamilyOfADuplicateIsNamedByItsNumberOnTheListOrByItsId() async throws {
        try await WebTest.withApp(seed: TestAccounts.twoUnitForum) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await facilitator.get(ReviewPageTests.unit)
            let byNumber = try await facilitator.post("\(ReviewPageTests.unit)/families/F1", ["version": "0", "presence": "duplicate", "other_family": "2"])
            XCTAssertEqual(byNumber.status, .seeOther)
            let stored = try await SQLTest.scalar(db, "SELECT duplicate_of FROM fkp.reviews WHERE family_id = 'F1'", as: String.self)
            XCTAssertEqual(stored, "F2", "kept by the id of the family at that number")
            let page = try await facilitator.get(ReviewPageTests.unit)
            XCTAssertTrue(page.text.contains(#"name="other_family" value="no. 2""#), "the field shows the number, which names it again")
            XCTAssertTrue(page.text.contains("Keberadaan: Ganda dengan keluarga lain → 2. Kepala F2"), "whom it names, by number and name")

            let again = try await facilitator.post("\(ReviewPageTests.unit)/families/F1", ["version": "1", "presence": "duplicate", "other_family": "no. 2"])
            XCTAssertEqual(again.status, .seeOther, "the form sent back as shown")
            let entries = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE table_name = 'fkp.reviews'", as: Int64.self)
            XCTAssertEqual(entries, 1, "changes nothing")

            let itself = try await facilitator.post("\(ReviewPageTests.unit)/families/F2", ["version": "0", "presence": "merged", "other_family": "No. 2"])
            XCTAssertEqual(itself.status, .unprocessableContent)
            XCTAssertTrue(itself.text.contains("dirinya sendiri"), "number 2 is the family itself")
            let noSuchRow = try await facilitator.post("\(ReviewPageTests.unit)/families/F2", ["version": "0", "presence": "merged", "other_family": "3"])
            XCTAssertEqual(noSuchRow.status, .unprocessableContent)
            XCTAssertTrue(noSuchRow.text.contains("Keluarga dengan nomor atau ID itu tidak ada dalam forum ini"))
            XCTAssertTrue(noSuchRow.text.contains(#"name="other_family" value="3""#), "what was typed is kept for mending")

            // A family of another unit of the forum by its id; a number is read on the family's own list.
            let refused = try await facilitator.post("\(ReviewPageTests.unit)/families/F1", [
                "version": "1", "verdict": "tidak_sesuai", "proposed_group": "3", "presence": "merged", "other_family": "F3"])
            XCTAssertEqual(refused.status, .unprocessableContent, "no reason given")
            let f1Card = try XCTUnwrap(refused.text.range(of: #"id="f-F1""#).flatMap { start in
                refused.text.range(of: #"id="f-F2""#).map { refused.text[start.lowerBound..<$0.lowerBound] } })
            XCTAssertTrue(f1Card.contains("Bergabung ke keluarga lain → Kepala F3 (RT 002, no. 1)"),
                          "the refused value shown in its row names another unit's family too: \(f1Card)")
            let byID = try await facilitator.post("\(ReviewPageTests.unit)/families/F2", ["version": "0", "presence": "merged", "other_family": "F3"])
            XCTAssertEqual(byID.status, .seeOther)
            let merged = try await SQLTest.scalar(db, "SELECT merged_into FROM fkp.reviews WHERE family_id = 'F2'", as: String.self)
            XCTAssertEqual(merged, "F3")
            let listed = try await facilitator.get(ReviewPageTests.unit)
            XCTAssertTrue(listed.text.contains(#"name="other_family" value="F3""#), "another unit's family stays by its id in the field")
            XCTAssertTrue(listed.text.contains("Bergabung ke keluarga lain → Kepala F3 (RT 002, no. 1)"),
                          "and is named with its unit and its number there: \(listed.text)")
            let f1Page = try await facilitator.get("/forums/1/families/F1")
            XCTAssertTrue(f1Page.text.contains("Ganda dengan keluarga lain → 2. Kepala F2"), "the family's page names it as the list does")
            let f2Page = try await facilitator.get("/forums/1/families/F2")
            XCTAssertTrue(f2Page.text.contains("Bergabung ke keluarga lain → Kepala F3 (RT 002, no. 1)"), "with its unit when another's")
            XCTAssertTrue(f2Page.text.contains("Bergabung ke: <ins>Kepala F3 (RT 002, no. 1)</ins>"), "its history too: \(f2Page.text)")
            let otherUnit = try await facilitator.post("/forums/1/units/32010100010002/families/F3",
                                                       ["version": "0", "presence": "duplicate", "other_family": "1"])
            XCTAssertTrue(otherUnit.text.contains("dirinya sendiri"), "number 1 of F3's own list is F3, not F1")

            // A presence challenge names the family the same way, and is kept by its id.
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            try await figure.get("/forums/1/families/F2")
            let challenge = try await figure.post("/forums/1/families/F2/challenges", [
                "kind": "presence", "proposed_presence": "duplicate", "proposed_value": "nomor 1", "reason": "Sama dengan nomor 1"])
            XCTAssertEqual(challenge.status, .seeOther)
            let proposed = try await SQLTest.scalar(db, "SELECT proposed_value FROM fkp.challenges", as: String.self)
            XCTAssertEqual(proposed, "F1")
            let challenges = try await facilitator.get("/forums/1/challenges")
            XCTAssertTrue(challenges.text.contains("Ganda dengan keluarga lain (1. Kepala F1)"), "the forum's challenges name it as the list does")
            XCTAssertFalse(challenges.text.contains("(F1)"), "not by the id kept")
            let challenged = try await facilitator.get("/forums/1/families/F2")
            XCTAssertTrue(challenged.text.contains("Ganda dengan keluarga lain (1. Kepala F1)"), "and so does the family's page")
        }
    }

    /// Two saves of one row crossing: the page setting them side by side names the other family of
    /// each as the list does, and the late one's form sends its own again as typed.
    func testAConflictPageNamesTheOtherFamilyOfEachSideAsTheListDoes() async throws {
        try await WebTest.withApp(seed: TestAccounts.twoUnitForum) { client, _ in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await head.get(ReviewPageTests.unit)
            try await facilitator.get(ReviewPageTests.unit)
            let first = try await head.post("\(ReviewPageTests.unit)/families/F1", ["version": "0", "presence": "merged", "other_family": "F3"])
            XCTAssertEqual(first.status, .seeOther)
            let late = try await facilitator.post("\(ReviewPageTests.unit)/families/F1", ["version": "0", "presence": "duplicate", "other_family": "2"])
            XCTAssertEqual(late.status, .conflict)
            let theirs = try XCTUnwrap(late.text.range(of: "Nilai yang tersimpan sekarang")?.upperBound)
            let yours = try XCTUnwrap(late.text.range(of: "Nilai Anda")?.lowerBound)
            XCTAssertTrue(late.text[theirs..<yours].contains("Bergabung ke keluarga lain → Kepala F3 (RT 002, no. 1)"),
                          "the stored side's family, of another unit")
            XCTAssertTrue(late.text[yours...].contains("Ganda dengan keluarga lain → 2. Kepala F2"), "the late side's, on the same list")
            XCTAssertFalse(late.text.contains(">F3<") || late.text.contains(">F2<"), "neither by its id")
            XCTAssertTrue(late.text.contains(#"name="other_family" value="no. 2""#), "sent again, it names the same family")
            let chosen = try await facilitator.post("\(ReviewPageTests.unit)/families/F1", ["version": "1", "presence": "duplicate", "other_family": "no. 2"])
            XCTAssertEqual(chosen.status, .seeOther)
        }
    }
}
