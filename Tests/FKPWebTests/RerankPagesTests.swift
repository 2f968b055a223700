import FKPCore
import FKPStore
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// Re-ranking a regency from its page, and the final lists of its runs.
final class RerankPagesTests: XCTestCase {
    /// Forum 1 closed with one correction (F1 to group 2), forum 2 still planned.
    static let closedAndPlanned = TestAccounts.world + SQLTest.advance(to: .reviewing) + [
        "INSERT INTO fkp.reviews (forum_id, family_id, verdict, proposed_group, reason) VALUES (1, 'F1', 'tidak_sesuai', 2, 'Sudah bekerja')",
    ] + SQLTest.advance(from: .reviewing, to: .readyToClose) + SQLTest.close()

    func testBPSStaffRerankTheRegencyOnlyWhenItsForumsAreClosedUnlessProvisional() async throws {
        try await WebTest.withApp(seed: Self.closedAndPlanned) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await facilitator.get("/regions")
            let notStaff = try await facilitator.post("/regions/3201/rerank", [:])
            XCTAssertEqual(notStaff.status, .forbidden)

            var bps = TestBrowser(client)
            try await bps.login("bps", TestAccounts.password)
            try await bps.get("/regions/3201/rerank")
            let refused = try await bps.post("/regions/3201/rerank", [:])
            XCTAssertEqual(refused.status, .conflict, "forum 2 is not closed")
            XCTAssertTrue(refused.text.contains("/forums/2"))
            let runs = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.rerank_runs", as: Int64.self)
            XCTAssertEqual(runs, 0)

            let provisional = try await bps.post("/regions/3201/rerank", ["allow_open": "yes"])
            XCTAssertEqual(provisional.status, .seeOther)
            let page = try await bps.get("/regions/3201/rerank")
            XCTAssertTrue(page.text.contains("sementara"))
            let csv = try await bps.get("/regions/3201/rerank/1/final.csv")
            XCTAssertEqual(csv.status, .ok)
            XCTAssertEqual(csv.text, """
                final_rank,family_id,added_family_id,sls_code,head_name,preliminary_group,final_group,change,reason,flags
                1,F1,,32010100010001,Kepala F1,1,2,group_corrected,Sudah bekerja,
                2,F2,,32010100010001,Kepala F2,3,3,,,

                """)
            let hash = try await SQLTest.scalar(db, "SELECT output_sha256 FROM fkp.rerank_runs WHERE id = 1", as: String.self)
            XCTAssertEqual(hash, FinalListCSV.sha256(csv.text), "the download is the list the run recorded")
            let village = try await bps.get("/regions/3201/rerank/1/villages/3201010001")
            XCTAssertEqual(village.status, .ok)
            XCTAssertTrue(village.text.contains("Kepala F1") && village.text.contains("kelompok dikoreksi"))
            XCTAssertTrue(village.text.contains(#"<div class="scroll" role="region" tabindex="0" aria-label="Daftar akhir"><table class="paperlist final">\#n<colgroup>"#),
                          "fixed columns for A4, scrolling inside the page on a phone, from the keyboard too")
        }
    }

    /// `username` signed in, having run a provisional re-ranking of regency 3201 from its page.
    private static func provisionallyReranked(_ client: any TestClientProtocol, by username: String) async throws -> TestBrowser {
        var browser = TestBrowser(client)
        try await browser.login(username, TestAccounts.password)
        try await browser.get("/regions/3201/rerank")
        let ran = try await browser.post("/regions/3201/rerank", ["allow_open": "yes"])
        XCTAssertEqual(ran.status, .seeOther)
        return browser
    }

    /// A run the regency does not have is not found, whatever names it: it was a server error.
    func testAFinalListOfARunTheRegencyDoesNotHaveIsNotFound() async throws {
        try await WebTest.withApp(seed: Self.closedAndPlanned) { client, _ in
            var admin = try await Self.provisionallyReranked(client, by: "admin")
            let run = try await admin.get("/regions/3201/rerank/1/final.csv")
            XCTAssertEqual(run.status, .ok)
            for path in ["/regions/3201/rerank/2/final.csv", "/regions/3201/rerank/0/final.csv", "/regions/3201/rerank/-1/final.csv",
                         "/regions/3201/rerank/x/final.csv", "/regions/3202/rerank/1/final.csv"] {
                let page = try await admin.get(path)
                XCTAssertEqual(page.status, .notFound, path)
                XCTAssertFalse(page.text.contains("final_rank"), path)
            }
        }
    }

    /// Lines changed outside FKP since their run (a superuser with the triggers off) no longer give
    /// the output SHA-256 recorded with the run: the download says so and sends none of them.
    func testAFinalListAlteredSinceItsRunIsNotSent() async throws {
        try await WebTest.withApp(seed: Self.closedAndPlanned) { client, db in
            var bps = try await Self.provisionallyReranked(client, by: "bps")
            try await SQLTest.tamper(db, ["UPDATE fkp.final_ranks SET final_group = 4 WHERE family_id = 'F2'"])
            let altered = try await bps.get("/regions/3201/rerank/1/final.csv")
            XCTAssertEqual(altered.status, .internalServerError)
            XCTAssertTrue(altered.text.contains("Daftar akhir hasil 1 tidak diunduhkan"), altered.text)
            XCTAssertFalse(altered.text.contains("Kepala F1") || altered.text.contains("final_rank"), "not a line of the list is sent")

            let again = try await bps.post("/regions/3201/rerank", ["allow_open": "yes"])
            XCTAssertEqual(again.status, .seeOther)
            let second = try await bps.get("/regions/3201/rerank/2/final.csv")
            XCTAssertEqual(second.status, .ok, "a run made since is sent")
            XCTAssertEqual(second.headers[.contentLength], String(second.text.utf8.count), "its length told before it is sent")
        }
    }

    /// A large regency takes its time to rank, and a person taps the button again: the form sent
    /// twice, one sending after the other or both at once, makes one run, and each sending is
    /// answered with it. From a page that shows that run, or by another person, the form runs again.
    func testTheFormSentTwiceMakesOneRun() async throws {
        try await WebTest.withApp(seed: Self.closedAndPlanned) { client, db in
            var bps = TestBrowser(client)
            try await bps.login("bps", TestAccounts.password)
            let page = try await bps.get("/regions/3201/rerank")
            XCTAssertTrue(page.text.contains(#"<input type="hidden" name="shown_run" value="">"#), "the page shows no run yet")
            let form = ["allow_open": "yes", "shown_run": ""]
            let first = try await bps.post("/regions/3201/rerank", form)
            let second = try await bps.post("/regions/3201/rerank", form)
            XCTAssertEqual([first.status, second.status], [.seeOther, .seeOther])
            XCTAssertEqual(first.location, "/regions/3201/rerank#run-1")
            XCTAssertEqual(second.location, first.location, "answered as the first sending was")
            let once = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.rerank_runs", as: Int64.self)
            XCTAssertEqual(once, 1)

            let shown = try await bps.get("/regions/3201/rerank")
            XCTAssertTrue(shown.text.contains(#"<input type="hidden" name="shown_run" value="1">"#))
            let fromThatPage = try await bps.post("/regions/3201/rerank", ["allow_open": "yes", "shown_run": "1"])
            XCTAssertEqual(fromThatPage.location, "/regions/3201/rerank#run-2", "asked again from a page showing the run: a new run")
            var admin = TestBrowser(client)
            try await admin.login("admin", TestAccounts.password)
            try await admin.get("/regions/3201/rerank")
            let someoneElse = try await admin.post("/regions/3201/rerank", form)
            XCTAssertEqual(someoneElse.location, "/regions/3201/rerank#run-3", "another person's form is not this one sent again")

            // Both sendings at once: they rank side by side, and the second to store finds the first's run.
            try await bps.get("/regions/3201/rerank")
            let answers = try await bps.postTwiceAtOnce("/regions/3201/rerank", ["allow_open": "yes", "shown_run": "3"])
            XCTAssertEqual(answers.map(\.location), ["/regions/3201/rerank#run-4", "/regions/3201/rerank#run-4"])
            let runs = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.rerank_runs", as: Int64.self)
            XCTAssertEqual(runs, 4)
            let lines = try await SQLTest.scalar(db, "SELECT count(DISTINCT run_id) FROM fkp.final_ranks", as: Int64.self)
            XCTAssertEqual(lines, 4, "no lines stored without their run")
            let unreadable = try await bps.post("/regions/3201/rerank", ["allow_open": "yes", "shown_run": "x"])
            XCTAssertEqual(unreadable.location, "/regions/3201/rerank#run-5", "a form that says no run it showed is not taken for one sent again")
            try await SQLTest.tamper(db, ["UPDATE fkp.rerank_runs SET created_at = created_at - interval '11 minutes'"])
            let pageLeftOpen = try await bps.post("/regions/3201/rerank", ["allow_open": "yes", "shown_run": "3"])
            XCTAssertEqual(pageLeftOpen.location, "/regions/3201/rerank#run-6", "from a page left open past minutes, the form runs again")
        }
    }
}
