import FKPCore
import FKPStore
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

final class PaperListTests: XCTestCase {
    static let unit = "/forums/1/units/32010100010001"

    func testTheListPrintsWithEmptyColumnsForHandwrittenMarks() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let page = try await head.get("\(Self.unit)/print")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("Daftar Forum Konsultasi Publik"))
            XCTAssertTrue(page.text.contains("Kepala F1") && page.text.contains("Kepala F2"))
            XCTAssertEqual(page.text.matches(of: /<td class="n">\d<\/td>(<td><\/td>){6}<\/tr>/).count, 2,
                           "after each family's group, four empty boxes to mark and two columns to write in")
            XCTAssertTrue(page.text.contains(#"<col class="mark"><col class="mark"><col class="count"><col class="mark"><col class="write"><col class="write">"#))
            XCTAssertTrue(page.text.contains("Pemeriksa"), "the verifier's signature line")
            let before = page.text.matches(of: /<tr><td>\d [^<]+<\/td><td class="n">(\d+)<\/td><td><\/td><\/tr>/).map { Int($0.1) ?? -1 }
            XCTAssertEqual(before, [1, 0, 1, 0], "the summary's counts before the forum are printed (F1 in group 1, F2 in 3), those after left to fill in")
            XCTAssertTrue(page.text.contains(#"<h2>Catatan</h2>"#), "room for the unit's notes")
            XCTAssertFalse(page.text.contains("3201014501800001"), "no personal numbers on paper")
            XCTAssertTrue(page.text.contains(#"<small class="shared">Nomor KK dan NIK kepala keluarga sama dengan: 2. Kepala F2</small>"#),
                          "but which families share them, as on the review page")
        }
    }

    func testAPaperListIsEnteredRowAfterRowAndNothingIsOverwritten() async throws {
        try await WebTest.withApp(seed: TestAccounts.world + SQLTest.advance(to: .reviewing)) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let page = try await facilitator.get("\(Self.unit)/paper")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains(#"name="c_F1""#) && page.text.contains(#"name="v_F2" value="0""#))

            let partly = try await facilitator.post("\(Self.unit)/paper", ["v_F1": "0", "c_F1": "S", "v_F2": "0", "c_F2": "t2", "r_F2": ""])
            XCTAssertEqual(partly.status, .unprocessableContent)
            XCTAssertTrue(partly.text.contains("Tuliskan alasannya"), "the row without a reason is named")
            XCTAssertTrue(partly.text.contains("Baris tersimpan: 1"))
            XCTAssertTrue(partly.text.contains(#"name="c_F2" value="t2""#), "what was typed stays for mending")
            let rest = try await facilitator.post("\(Self.unit)/paper", ["v_F1": "1", "c_F1": "s", "v_F2": "0", "c_F2": "t2", "r_F2": "Sudah bekerja"])
            XCTAssertEqual(rest.status, .seeOther)
            XCTAssertEqual(rest.location, "\(Self.unit)/paper?saved=1", "the unchanged row is not written again")
            let rows = try await SQLTest.scalar(db, """
                SELECT string_agg(family_id || ':' || verdict || ':' || coalesce(proposed_group::text, '-') || ':v' || version, ' ' ORDER BY family_id)
                  FROM fkp.reviews
                """, as: String.self)
            XCTAssertEqual(rows, "F1:sesuai:-:v1 F2:tidak_sesuai:2:v1")
            let action = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE action = 'review.paper' AND actor = 'fasil'", as: Int64.self)
            XCTAssertEqual(action, 2)

            // A paper page loaded before the SLS head changed a row does not overwrite it.
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get(Self.unit)
            try await head.post("\(Self.unit)/families/F1", ["version": "1", "verdict": "tidak_berpendapat"])
            let stale = try await facilitator.post("\(Self.unit)/paper", ["v_F1": "1", "c_F1": "t3", "r_F1": "x"])
            XCTAssertEqual(stale.status, .unprocessableContent)
            XCTAssertTrue(stale.text.contains("sudah diisi orang lain"))
            let kept = try await SQLTest.scalar(db, "SELECT verdict FROM fkp.reviews WHERE family_id = 'F1'", as: String.self)
            XCTAssertEqual(kept, "tidak_berpendapat")

            let moved = try await facilitator.post("\(Self.unit)/paper", ["v_F2": "1", "p_F2": "duplicate", "d_F2": "F1"])
            XCTAssertEqual(moved.status, .seeOther, "presence is entered on paper too")
            let presence = try await SQLTest.scalar(db, "SELECT presence || ' ' || duplicate_of FROM fkp.reviews WHERE family_id = 'F2'", as: String.self)
            XCTAssertEqual(presence, "duplicate F1")
            let outside = try await facilitator.post("\(Self.unit)/paper", ["v_F2": "2", "p_F2": "merged", "d_F2": "NOPE"])
            XCTAssertTrue(outside.text.contains("tidak ada dalam forum ini"))
            let byNumber = try await facilitator.post("\(Self.unit)/paper", ["v_F2": "2", "p_F2": "merged", "d_F2": "1"])
            XCTAssertEqual(byNumber.status, .seeOther, "the other family by its number on the list, as the paper has it")
            let merged = try await SQLTest.scalar(db, "SELECT presence || ' ' || merged_into FROM fkp.reviews WHERE family_id = 'F2'", as: String.self)
            XCTAssertEqual(merged, "merged F1")
            let shown = try await facilitator.get("\(Self.unit)/paper")
            XCTAssertTrue(shown.text.contains(#"name="d_F2" value="no. 1""#), shown.text)

            let figure = try await head.post("\(Self.unit)/paper", ["v_F1": "2", "c_F1": "zz"])
            XCTAssertEqual(figure.status, .unprocessableContent)
            XCTAssertTrue(figure.text.contains("Kode tidak dikenal"))
            var tokoh = TestBrowser(client)
            try await tokoh.login("tokoh", TestAccounts.password)
            _ = try await tokoh.get("/forums/1")
            let refused = try await tokoh.post("\(Self.unit)/paper", ["v_F1": "2", "c_F1": "s"])
            XCTAssertEqual(refused.status, .forbidden)
        }
    }
}
