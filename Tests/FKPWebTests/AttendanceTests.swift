import FKPCore
import FKPStore
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

final class AttendanceTests: XCTestCase {
    static let invited = TestAccounts.world + [
        "INSERT INTO fkp.forum_participants (forum_id, kind, sls_code, full_name) VALUES (1, 'sls_head', '32010100010001', 'Pak Dadang')",
        "INSERT INTO fkp.forum_participants (forum_id, kind, full_name) VALUES (1, 'community_figure', 'Ibu Euis')",
    ]

    func testTheFacilitatorRecordsWhoCameAndARepresentativeForAnSLSHead() async throws {
        try await WebTest.withApp(seed: Self.invited + SQLTest.advance(to: .open)) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let page = try await facilitator.get("/forums/1/attendance")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("Pak Dadang") && page.text.contains("Ibu Euis"))
            XCTAssertTrue(page.text.contains("Diwakili oleh"), "an SLS head may be represented")
            XCTAssertTrue(page.text.contains("<small>Tokoh masyarakat</small>"), "a community figure has no unit to show")

            let represented = try await facilitator.post("/forums/1/attendance/1", ["version": "1", "attended": "yes", "representative": "Asep (anak)"])
            XCTAssertEqual(represented.status, .seeOther)
            XCTAssertEqual(represented.location, "/forums/1/attendance#p-1")
            let figure = try await facilitator.post("/forums/1/attendance/2", ["version": "1", "attended": "yes"])
            XCTAssertEqual(figure.status, .seeOther)
            let sentTwice = try await facilitator.post("/forums/1/attendance/2", ["version": "1", "attended": "yes"])
            XCTAssertEqual(sentTwice.location, figure.location, "the form sent twice finds it recorded: answered as the first sending was")
            let stored = try await SQLTest.scalar(db, """
                SELECT string_agg(full_name || ':' || attended || ':' || coalesce(representative_name, '-'), ' ' ORDER BY id) FROM fkp.forum_participants
                """, as: String.self)
            XCTAssertEqual(stored, "Pak Dadang:true:Asep (anak) Ibu Euis:true:-")
            let audited = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE action = 'forum.attendance' AND actor = 'fasil'", as: Int64.self)
            XCTAssertEqual(audited, 2)

            let stale = try await facilitator.post("/forums/1/attendance/1", ["version": "1", "attended": "no"])
            XCTAssertEqual(stale.status, .conflict, "a second facilitator's page from before gets a conflict")
            XCTAssertTrue(stale.text.contains("sudah dicatat orang lain"))
        }
    }

    func testAttendanceIsTakenOnlyByWhoeverRunsTheForumAndOnlyOnceItIsOpen() async throws {
        try await WebTest.withApp(seed: Self.invited) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await facilitator.get("/forums/1/attendance")
            let early = try await facilitator.post("/forums/1/attendance/1", ["version": "1", "attended": "yes"])
            XCTAssertEqual(early.status, .conflict)
            XCTAssertTrue(early.text.contains("setelah forum dibuka"))
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get("/forums/1/attendance")
            let byHead = try await head.post("/forums/1/attendance/1", ["version": "1", "attended": "yes"])
            XCTAssertEqual(byHead.status, .forbidden)
            let attended = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.forum_participants WHERE attended", as: Int64.self)
            XCTAssertEqual(attended, 0)
        }
    }

    func testARepresentativesNameTooLongOrARuleNoFormChecksIsRefusedWithAPageAndChangesNothing() async throws {
        try await WebTest.withApp(seed: Self.invited + SQLTest.advance(to: .open)) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await facilitator.get("/forums/1/attendance")
            let long = try await facilitator.post("/forums/1/attendance/1", ["version": "1", "attended": "yes",
                                                                            "representative": String(repeating: "Asep ", count: 41)])
            XCTAssertEqual(long.status, .unprocessableContent)
            XCTAssertTrue(long.text.contains("Nama wakil paling banyak 200 karakter"))
            let withNIK = try await facilitator.post("/forums/1/attendance/1", ["version": "1", "attended": "yes",
                                                                               "representative": "Asep 3201014501800001"])
            XCTAssertEqual(withNIK.status, .unprocessableContent, "the attendance list and the minutes show the name to everyone")
            XCTAssertTrue(withNIK.text.contains("Isian &quot;Diwakili oleh (nama)&quot; memuat bilangan"), withNIK.text)
            XCTAssertTrue(withNIK.text.contains(#"name="representative" value="Asep 3201014501800001""#), "the name typed stays, to be mended")
            XCTAssertTrue(withNIK.text.contains(#"<li id="p-1" class="fam">"#), "shown as not yet recorded present")
            XCTAssertTrue(withNIK.text.contains(#"value="yes" checked>"#), "the form as it was sent")

            // A rule the database holds that no form checks first: the page says nothing was saved (no error page).
            try await SQLTest.undeclared(db, "ALTER TABLE fkp.forum_participants ADD CONSTRAINT test_rule CHECK (representative_name IS DISTINCT FROM 'Dilarang')")
            let ruled = try await facilitator.post("/forums/1/attendance/1", ["version": "1", "attended": "yes", "representative": "Dilarang"])
            XCTAssertEqual(ruled.status, .conflict)
            XCTAssertTrue(ruled.text.contains("melanggar aturan data dan tidak disimpan"))
            let attended = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.forum_participants WHERE attended", as: Int64.self)
            XCTAssertEqual(attended, 0)
        }
    }
}
