import FKPCore
import FKPStore
import FKPTestSupport
import HTTPTypes
import HummingbirdTesting
import XCTest

/// The regency overview names the forums whose time has passed while they are still planned: held
/// and never recorded, or never held; the forum list marks them. Either way BPS staff are to find
/// out which. Like the forums ready to close, a hundred are named, the forum list holds the rest.
final class OverviewTests: XCTestCase {
    func testTheOverviewNamesThePlannedForumsWhoseTimeHasPassed() async throws {
        let seed = TestAccounts.world + [
            // Forum 1 (1 December) stays planned; forum 2 is planned for later; forum 3 was held.
            "UPDATE fkp.forums SET starts_at = now() + interval '2 days', ends_at = now() + interval '2 days 3 hours' WHERE id = 2",
        ] + SQLTest.forum(units: ["32010100010002"], starts: "2026-11-30 09:00+07") + SQLTest.advance(forum: 3, to: .open)
        try await WebTest.withApp(seed: seed) { client, db in
            var bps = TestBrowser(client)
            try await bps.login("bps", TestAccounts.password)
            let page = try await bps.get("/regions/3201/overview")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("Lewat jadwal, belum dibuka"))
            XCTAssertTrue(page.text.contains(#"<li><a href="/forums/1">"#) && page.text.contains("Selasa, 1 Desember 2026 09.00 WIB"),
                          "forum 1, with its planned time")
            XCTAssertFalse(page.text.contains(#"<a href="/forums/2">"#), "forum 2's time has not come")
            XCTAssertFalse(page.text.contains(#"<a href="/forums/3">"#), "forum 3 was opened")
            XCTAssertFalse(page.text.contains("forums?state=planned"), "every one is named")
            let list = try await bps.get("/regions/3201/forums?state=planned")
            XCTAssertEqual(list.text.components(separatedBy: "Direncanakan · lewat jadwal").count - 1, 1,
                           "the forum list marks forum 1, not forum 2, which is planned too: \(list.text)")

            // A regency plans thousands: the first hundred are named, the rest counted, in the forum list.
            try await SQLTest.write(db, ["""
                INSERT INTO fkp.forums (region_code, held_at_level, starts_at, ends_at, venue)
                SELECT '3201010002', 'village', timestamptz '2026-11-01 09:00+07' + n * interval '1 hour',
                       timestamptz '2026-11-01 12:00+07' + n * interval '1 hour', 'Balai Desa'
                  FROM generate_series(1, \(OverviewRepository.namedAtMost)) n
                """,
                "INSERT INTO fkp.regions (code, name, level) SELECT '3201010002' || (1000 + id), 'RT ' || id, 'sls' FROM fkp.forums WHERE id > 3",
                "INSERT INTO fkp.forum_units (forum_id, sls_code, position) SELECT id, '3201010002' || (1000 + id), 1 FROM fkp.forums WHERE id > 3",
            ])
            let many = try await bps.get("/regions/3201/overview")
            XCTAssertEqual(many.text.components(separatedBy: "<li><a href=\"/forums/").count - 1, OverviewRepository.namedAtMost)
            XCTAssertTrue(many.text.contains(#"<a href="/regions/3201/forums?state=planned">dan 1 forum lainnya"#), many.text)
            XCTAssertFalse(many.text.contains(#"<li><a href="/forums/1">"#), "the longest overdue first: forum 1 is the 101st")

            // The same for the forums ready to close: the hundred of them and forum 3.
            try await SQLTest.write(db, ["open", "reviewing", "ready_to_close"].map {
                "UPDATE fkp.forums SET state = '\($0)' WHERE id > 3"
            } + SQLTest.advance(forum: 3, from: .open, to: .readyToClose))
            let ready = try await bps.get("/regions/3201/overview")
            XCTAssertTrue(ready.text.contains(#"<a href="/regions/3201/forums?state=ready_to_close">dan 1 forum lainnya"#), ready.text)
            XCTAssertFalse(ready.text.contains("forums?state=planned"), "forum 1 alone is overdue now")

            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let refused = try await head.get("/regions/3201/overview")
            XCTAssertEqual(refused.status, .notFound)
        }
    }
}
