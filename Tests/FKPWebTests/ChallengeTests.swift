import FKPCore
import FKPStore
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

final class ChallengeTests: XCTestCase {
    static let reviewing = TestAccounts.world + SQLTest.advance(to: .reviewing)

    func testAFigureChallengesTheFacilitatorAcceptsAndTheRowAndSummaryChangeWithTheirHistory() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            let page = try await figure.get("/forums/1/families/F2")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("Ajukan sanggahan"))
            let raised = try await figure.post("/forums/1/families/F2/challenges", [
                "kind": "group", "proposed_group": "1", "reason": "Kepala keluarga sakit, tidak bekerja"])
            XCTAssertEqual(raised.status, .seeOther)
            XCTAssertEqual(raised.location, "/forums/1/families/F2#challenges")
            let raisedBy = try await SQLTest.scalar(db, "SELECT raised_by_name || ' ' || status FROM fkp.challenges", as: String.self)
            XCTAssertEqual(raisedBy, "Uji tokoh open")

            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let list = try await facilitator.get("/forums/1/challenges")
            XCTAssertTrue(list.text.contains("Kepala keluarga sakit"), "open challenges are listed per forum")
            XCTAssertTrue(list.text.contains("/forums/1/challenges/1/decision"))
            XCTAssertFalse(list.text.contains("Sudah diputuskan"), "no decided section while nothing is decided")
            let rows = try await facilitator.get("/forums/1/units/32010100010001")
            XCTAssertTrue(rows.text.contains("1 sanggahan terbuka"), "the row shows its open challenge")
            XCTAssertEqual(rows.text.components(separatedBy: "sanggahan terbuka").count, 2, "and only that row")
            let noMethod = try await facilitator.post("/forums/1/challenges/1/decision", ["version": "1", "status": "accepted"])
            XCTAssertEqual(noMethod.status, .unprocessableContent)
            XCTAssertTrue(noMethod.text.contains("Pilih cara memutuskan"))
            let noCounts = try await facilitator.post("/forums/1/challenges/1/decision", ["version": "1", "status": "accepted", "method": "vote", "votes_for": "5"])
            XCTAssertTrue(noCounts.text.contains("jumlah setuju dan tidak setuju"))
            let accepted = try await facilitator.post("/forums/1/challenges/1/decision", [
                "version": "1", "status": "accepted", "method": "vote", "votes_for": "6", "votes_against": "2", "note": "Disepakati forum"])
            XCTAssertEqual(accepted.status, .seeOther)

            let row = try await SQLTest.scalar(db, "SELECT verdict || ' ' || proposed_group FROM fkp.reviews WHERE family_id = 'F2'", as: String.self)
            XCTAssertEqual(row, "tidak_sesuai 1", "an accepted challenge becomes the correction of the row")
            let decisionRef = try await SQLTest.scalar(db, """
                SELECT string_agg(table_name || ':' || action || ':' || decision_ref, ' ' ORDER BY seq) FROM audit.entries
                 WHERE decision_ref IS NOT NULL
                """, as: String.self)
            XCTAssertEqual(decisionRef, "fkp.challenges:challenge.accepted:challenge:1 fkp.reviews:challenge.accepted:challenge:1")

            let family = try await facilitator.get("/forums/1/families/F2")
            XCTAssertTrue(family.text.contains("<ins>1 Sangat miskin</ins>"), "history shows the new value")
            XCTAssertTrue(family.text.contains("Sanggahan #1"), "and the decision it carries out")
            XCTAssertTrue(family.text.contains("Diterima"))
            let forum = try await facilitator.get("/forums/1")
            XCTAssertTrue(forum.text.contains(#"<th scope="row">1 Sangat miskin</th><td class="n">1</td><td class="n">2</td>"#),
                          "the forum summary counts the corrected family in its new group")

            let decidedList = try await facilitator.get("/forums/1/challenges")
            XCTAssertTrue(decidedList.text.contains("Sudah diputuskan"))
            let again = try await facilitator.post("/forums/1/challenges/1/decision", ["version": "1", "status": "rejected", "method": "consensus"])
            XCTAssertEqual(again.status, .conflict, "a decided challenge is not decided twice")
        }
    }

    func testTheHistoryStrikesThroughEveryEarlierValue() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, _ in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get("/forums/1/units/32010100010001")
            try await head.post("/forums/1/units/32010100010001/families/F1", ["version": "0", "verdict": "sesuai"])
            try await head.post("/forums/1/units/32010100010001/families/F1", [
                "version": "1", "verdict": "tidak_sesuai", "proposed_group": "2", "reason": "Anak sudah bekerja"])
            let page = try await head.get("/forums/1/families/F1")
            XCTAssertTrue(page.text.contains("<del>Sesuai</del> <ins>Tidak sesuai</ins>"))
            XCTAssertTrue(page.text.contains("Anak sudah bekerja"))
            XCTAssertTrue(page.text.contains("ketua (Ketua SLS)"))
            XCTAssertEqual(page.text.components(separatedBy: "<p>Alasan: ").count - 1, 1, "only the change that had a reason shows one")
            // A refused challenge keeps what was typed in its form; no event takes the form's reason as its own.
            let refused = try await head.post("/forums/1/families/F1/challenges", ["kind": "data", "reason": "Kata tetangga"])
            XCTAssertEqual(refused.status, .unprocessableContent)
            XCTAssertTrue(refused.text.contains(#"value="Kata tetangga""#))
            XCTAssertFalse(refused.text.contains("<p>Alasan: Kata tetangga</p>"))
            XCTAssertEqual(refused.text.components(separatedBy: "<p>Alasan: ").count - 1, 1)
        }
    }

    func testRefusals() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            try await figure.get("/forums/1/families/F1")
            let noReason = try await figure.post("/forums/1/families/F1/challenges", ["kind": "data", "proposed_value": "Siti"])
            XCTAssertEqual(noReason.status, .unprocessableContent)
            XCTAssertTrue(noReason.text.contains("Tuliskan alasan sanggahan"))
            XCTAssertTrue(noReason.text.contains(#"value="Siti""#), "what was typed is kept")
            let decides = try await figure.post("/forums/1/challenges/1/decision", ["version": "1", "status": "accepted", "method": "consensus"])
            XCTAssertEqual(decides.status, .forbidden, "a community figure does not decide")

            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            _ = try await staff.get("/regions")
            let staffRaise = try await staff.post("/forums/1/families/F1/challenges", ["kind": "data", "proposed_value": "x", "reason": "y"])
            XCTAssertEqual(staffRaise.status, .forbidden)
            var outsider = TestBrowser(client)
            try await outsider.login("bps.other", TestAccounts.password)
            let hiddenFamily = try await outsider.get("/forums/1/families/F1")
            XCTAssertEqual(hiddenFamily.status, .notFound)
            let hiddenList = try await outsider.get("/forums/1/challenges")
            XCTAssertEqual(hiddenList.status, .notFound)
            let count = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.challenges", as: Int64.self)
            XCTAssertEqual(count, 0)
        }
    }
}
