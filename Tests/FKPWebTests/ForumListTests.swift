import FKPStore
import FKPTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import XCTest

/// A place's forum list is read a page at a time, all of them or those in one state: a province
/// holds thousands of forums.
final class ForumListTests: XCTestCase {
    /// 230 more forums in village 3201010001, some on the same day as others (the order then goes
    /// by number), every seventh cancelled; and one in regency 3202.
    static let seed = TestAccounts.world + [
        "INSERT INTO fkp.regions (code, name, level) SELECT '3201010001' || (1000 + i), 'RT ' || i, 'sls' FROM generate_series(1, 230) AS i",
        """
        INSERT INTO fkp.forums (region_code, title, starts_at, ends_at, venue)
        SELECT '3201010001', 'Forum ' || i, timestamptz '2026-12-10 09:00+07' + (i / 3) * interval '1 day',
               timestamptz '2026-12-10 12:00+07' + (i / 3) * interval '1 day', 'Balai' FROM generate_series(1, 230) AS i
        """,
        // Forums 3 to 232, a unit each.
        "INSERT INTO fkp.forum_units (forum_id, sls_code, position) SELECT id, '3201010001' || (1000 + id - 2), 1 FROM fkp.forums WHERE id > 2",
        "UPDATE fkp.forums SET state = 'cancelled', cancel_reason = 'Hujan' WHERE id % 7 = 0",
        "INSERT INTO fkp.regions (code, name, level) VALUES ('3202010', 'Lain', 'district'), ('3202010001', 'Desa Lain', 'village'), "
            + "('32020100010001', 'RT 001', 'sls')",
    ] + SQLTest.forum(units: ["32020100010001"], region: "3202010001")

    /// The forum numbers listed, following the pages' next links from `start`.
    static func forums(_ browser: inout TestBrowser, from start: String) async throws -> (ids: [Int64], pages: Int, first: String) {
        var ids: [Int64] = []
        var next: String? = start
        var pages = 0, first = ""
        while let path = next {
            let page = try await browser.get(path)
            XCTAssertEqual(page.status, .ok, path)
            if pages == 0 { first = page.text }
            pages += 1
            let shown = page.text.matches(of: /<th scope="row"><a href="\/forums\/(\d+)">/).compactMap { Int64($0.1) }
            XCTAssertLessThanOrEqual(shown.count, 100, "a page holds at most 100 forums")
            ids += shown
            next = page.text.firstMatch(of: /<a href="([^"]+)" rel="next">/).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") }
        }
        return (ids, pages, first)
    }

    func testThePlacesForumsArePagedSoonestFirstAndChosenByState() async throws {
        try await WebTest.withApp(seed: Self.seed) { client, db in
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let ordered = { (condition: String) in
                try await SQLTest.scalar(db, """
                    SELECT string_agg(id::text, ' ' ORDER BY starts_at, id) FROM fkp.forums
                     WHERE region_code LIKE '3201%' AND \(condition)
                    """, as: String.self)?.split(separator: " ").compactMap { Int64($0) } ?? []
            }
            let all = try await Self.forums(&staff, from: "/regions/3201/forums")
            let every = try await ordered("true")
            XCTAssertEqual(all.ids, every, "every forum of the regency, once, soonest first")
            XCTAssertEqual(all.pages, 3, "232 forums, a hundred to a page")
            XCTAssertTrue(all.first.contains("<strong aria-current=\"page\">Semua (232)</strong>"))
            XCTAssertTrue(all.first.contains("<a href=\"/regions/3201/forums?state=cancelled\">Dibatalkan (33)</a>"))
            XCTAssertFalse(all.first.contains("state=closed"), "no link to a state no forum is in")

            let cancelled = try await Self.forums(&staff, from: "/regions/3201/forums?state=cancelled")
            let cancelledOrdered = try await ordered("state = 'cancelled'")
            XCTAssertEqual(cancelled.ids, cancelledOrdered)
            XCTAssertEqual(cancelled.ids.count, 33)
            XCTAssertTrue(cancelled.first.contains("<strong aria-current=\"page\">Dibatalkan (33)</strong>"))
            let planned = try await Self.forums(&staff, from: "/regions/3201/forums?state=planned")
            let plannedOrdered = try await ordered("state = 'planned'")
            XCTAssertEqual(planned.ids, plannedOrdered)
            XCTAssertEqual(planned.pages, 2, "the next link keeps the state")

            let village = try await Self.forums(&staff, from: "/regions/3201010002/forums")
            XCTAssertEqual(village.ids, [2], "only the forums of the place")
            let unit = try await staff.get("/regions/32010100010003/forums")
            XCTAssertTrue(unit.text.contains("Belum ada forum di wilayah ini."))
            XCTAssertFalse(unit.text.contains("class=\"choices\""), "no choice of states where there is no forum")

            let badState = try await staff.get("/regions/3201/forums?state=selesai")
            XCTAssertEqual(badState.status, .badRequest)
            XCTAssertTrue(badState.text.contains("Tahap forum “selesai” tidak dikenal"), "the page names the field and what it holds")
            XCTAssertTrue(badState.text.contains("href=\"/regions/3201/forums\""), "and leads back to the whole list")
            let badAfter = try await staff.get("/regions/3201/forums?after=x")
            XCTAssertEqual(badAfter.status, .badRequest)
            XCTAssertTrue(badAfter.text.contains("Halaman “x” tidak terbaca"))

            var other = TestBrowser(client)
            try await other.login("bps.other", TestAccounts.password)
            let refused = try await other.get("/regions/3201/forums?state=planned")
            XCTAssertTrue([.forbidden, .notFound].contains(refused.status), "staff of 3202 see nothing of 3201")
            XCTAssertFalse(refused.text.contains("Forum 1<"), refused.text)
        }
    }
}
