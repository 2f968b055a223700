import FKPCore
import FKPStore
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

final class ForumPageTests: XCTestCase {
    func testTheFacilitatorMovesTheForumOnAndAStaleClickGetsAConflictNotASecondMove() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let page = try await facilitator.get("/forums/1")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("Direncanakan"), "the stage, in Indonesian by default")
            XCTAssertTrue(page.text.contains("Buka forum"))
            XCTAssertTrue(page.text.contains(#"<td class="n">2</td>"#), "two families listed in the unit")

            let opened = try await facilitator.post("/forums/1/state", ["from": "planned", "to": "open"])
            XCTAssertEqual(opened.status, .seeOther)
            XCTAssertEqual(opened.location, "/forums/1")
            let state = try await SQLTest.scalar(db, "SELECT state FROM fkp.forums WHERE id = 1", as: String.self)
            XCTAssertEqual(state, "open")
            let entry = try await SQLTest.scalar(db, """
                SELECT actor || ' ' || action || ' ' || (old_row ->> 'state') || '→' || (new_row ->> 'state')
                  FROM audit.entries WHERE chain = 'forum:1' AND table_name = 'fkp.forums' ORDER BY seq DESC LIMIT 1
                """, as: String.self)
            XCTAssertEqual(entry, "fasil forum.state.open planned→open")

            // The same button pressed again (a second tap, or from a page loaded before the move): the
            // forum is already where it asks, so it is answered as the first was, nothing moved twice.
            let again = try await facilitator.post("/forums/1/state", ["from": "planned", "to": "open"])
            XCTAssertEqual(again.status, .seeOther)
            XCTAssertEqual(again.location, "/forums/1")
            let next = try await facilitator.get("/forums/1")
            XCTAssertTrue(next.text.contains("Mulai pembahasan daftar") && !next.text.contains("sudah diubah orang lain"),
                          "the page offers the next move")
            // A move from a stage the forum is not in, to another, is still refused as a stale page's.
            let stale = try await facilitator.post("/forums/1/state", ["from": "reviewing", "to": "ready_to_close"])
            XCTAssertEqual(stale.status, .conflict)
            XCTAssertTrue(stale.text.contains("sudah diubah orang lain"))

            let skipping = try await facilitator.post("/forums/1/state", ["from": "open", "to": "closed"])
            XCTAssertEqual(skipping.status, .badRequest, "closing is not made from this page")
            let entries = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE table_name = 'fkp.forums' AND action LIKE 'forum.state%'", as: Int64.self)
            XCTAssertEqual(entries, 1)
        }
    }

    /// Opening a forum freezes its lists and ends its invitations, for good: before the forum's day it
    /// is asked to be confirmed, so that a tap while looking around the day before opens nothing.
    func testAForumIsOpenedBeforeItsDayOnlyOnPurpose() async throws {
        try await WebTest.withApp(seed: TestAccounts.world + [
            "UPDATE fkp.forums SET starts_at = now() + interval '2 days', ends_at = now() + interval '2 days 3 hours' WHERE id = 1",
            // 23:59 today in Java: the forum's day has come.
            """
            UPDATE fkp.forums SET (starts_at, ends_at) = (SELECT today, today + interval '3 hours' FROM (SELECT
                       (date_trunc('day', now() AT TIME ZONE 'Asia/Jakarta') + interval '23 hours 59 minutes') AT TIME ZONE 'Asia/Jakarta') AS t (today))
             WHERE id = 2
            """,
        ]) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let page = try await facilitator.get("/forums/1")
            XCTAssertTrue(page.text.contains("Forum ini dijadwalkan "), page.text)
            XCTAssertTrue(page.text.contains(#"<input type="checkbox" name="early" value="yes" required>"#), "the form asks first")

            let state = "SELECT state || '/' || (SELECT count(*) FROM audit.entries) FROM fkp.forums WHERE id = 1"
            let before = try await SQLTest.scalar(db, state, as: String.self)
            let tapped = try await facilitator.post("/forums/1/state", ["from": "planned", "to": "open"])
            XCTAssertEqual(tapped.status, .unprocessableContent)
            XCTAssertTrue(tapped.text.contains("Forum ini belum sampai harinya"), tapped.text)
            // The page answers the form at its address, which no one can ask for again: its other ways on
            // lead to the forum's own page (a GET of /forums/1/state is no page).
            XCTAssertTrue(tapped.text.contains(#"<form method="get" action="/forums/1" class="filter history-pick">"#))
            XCTAssertTrue(tapped.text.contains(#"<a href="/?lang=en">English</a>"#), "with no page it came from, the start page")
            facilitator.extraHeaders[.referer] = "http://localhost/forums/1?at=2026-12-01T10%3A00"
            let fromTheForum = try await facilitator.post("/forums/1/state", ["from": "planned", "to": "open"])
            XCTAssertTrue(fromTheForum.text.contains(#"<a href="/forums/1?at=2026-12-01T10%3A00&amp;lang=en">English</a>"#),
                          "the page the form was sent from, in English")
            facilitator.extraHeaders[.referer] = "https://elsewhere.example//evil.example/x"
            let odd = try await facilitator.post("/forums/1/state", ["from": "planned", "to": "open"])
            XCTAssertTrue(odd.text.contains(#"<a href="/?lang=en">English</a>"#), "never another site's address")
            facilitator.extraHeaders[.referer] = nil
            let after = try await SQLTest.scalar(db, state, as: String.self)
            XCTAssertEqual(after, before, "nothing moved, nothing written")
            XCTAssertEqual(after?.hasPrefix("planned/"), true)

            let meant = try await facilitator.post("/forums/1/state", ["from": "planned", "to": "open", "early": "yes"])
            XCTAssertEqual(meant.status, .seeOther)
            let open = try await SQLTest.scalar(db, "SELECT state FROM fkp.forums WHERE id = 1", as: String.self)
            XCTAssertEqual(open, "open")

            var other = TestBrowser(client)
            try await other.login("admin", TestAccounts.password)
            let today = try await other.get("/forums/2")
            XCTAssertFalse(today.text.contains(#"name="early""#), "on the forum's day, the button alone opens it")
            let opened = try await other.post("/forums/2/state", ["from": "planned", "to": "open"])
            XCTAssertEqual(opened.status, .seeOther)
        }
    }

    func testOthersSeeTheForumWithoutMovesOrNotAtAll() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let page = try await head.get("/forums/1")
            XCTAssertEqual(page.status, .ok)
            XCTAssertFalse(page.text.contains("/forums/1/state"), "an SLS head does not run the forum")
            let refused = try await head.post("/forums/1/state", ["from": "planned", "to": "open"])
            XCTAssertEqual(refused.status, .forbidden)

            var outsider = TestBrowser(client)
            try await outsider.login("bps.other", TestAccounts.password)
            let hidden = try await outsider.get("/forums/1")
            XCTAssertEqual(hidden.status, .notFound)
            let write = try await outsider.post("/forums/1/state", ["from": "planned", "to": "open"])
            XCTAssertEqual(write.status, .forbidden)

            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let otherVillage = try await facilitator.get("/forums/2")
            XCTAssertEqual(otherVillage.status, .notFound)
            let state = try await SQLTest.scalar(db, "SELECT state FROM fkp.forums WHERE id = 1", as: String.self)
            XCTAssertEqual(state, "planned")
        }
    }
}

final class ForumReadinessTests: XCTestCase {
    func testTheForumSaysWhatKeepsItFromBeingReadyAndRefusesTheMoveUntilThen() async throws {
        try await WebTest.withApp(seed: TestAccounts.world + SQLTest.advance(to: .reviewing)) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let page = try await facilitator.get("/forums/1")
            XCTAssertTrue(page.text.contains("keluarga belum dinilai: 2, sanggahan belum diputuskan: 0"))
            XCTAssertFalse(page.text.contains("Pembahasan selesai: siap ditutup"), "the move is not offered while blocked")
            let early = try await facilitator.post("/forums/1/state", ["from": "reviewing", "to": "ready_to_close"])
            XCTAssertEqual(early.status, .conflict)
            XCTAssertTrue(early.text.contains("Forum belum siap ditutup"))
            try await SQLTest.write(db, [SQLTest.judgeTheRest()])
            let unblocked = try await facilitator.get("/forums/1")
            XCTAssertTrue(unblocked.text.contains("Pembahasan selesai: siap ditutup"))
            let ready = try await facilitator.post("/forums/1/state", ["from": "reviewing", "to": "ready_to_close"])
            XCTAssertEqual(ready.status, .seeOther)
            let state = try await SQLTest.scalar(db, "SELECT state FROM fkp.forums WHERE id = 1", as: String.self)
            XCTAssertEqual(state, "ready_to_close")
        }
    }
}
