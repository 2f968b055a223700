import FKPStore
import FKPTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import XCTest

/// The account list is read a page at a time and searched: a season has over a million accounts.
final class AccountListTests: XCTestCase {
    /// 130 heads of units in regency 3201 and 90 in 3202, named so that they sort among the test people.
    static let seed = TestAccounts.world + [
        "INSERT INTO fkp.regions (code, name, level) VALUES ('3202010', 'Lain', 'district'), ('3202010001', 'Desa Lain', 'village'), "
            + "('32020100010001', 'RT 001', 'sls')",
        "INSERT INTO fkp.users (username, display_name, password_hash) SELECT 'ketua.' || lpad(g::text, 3, '0'), "
            + "CASE WHEN g = 7 THEN 'Siti Aminah' ELSE 'Kepala ' || g END, 'x' FROM generate_series(1, 220) g",
        "INSERT INTO fkp.role_assignments (user_id, role, region_code) SELECT u.id, 'sls_head', "
            + "CASE WHEN g <= 130 THEN '32010100010001' ELSE '32020100010001' END FROM generate_series(1, 220) g "
            + "JOIN fkp.users u ON u.username = 'ketua.' || lpad(g::text, 3, '0')",
        // A name with LIKE's own characters, and an account whose only role was taken away.
        "INSERT INTO fkp.users (username, display_name, password_hash) VALUES ('a_b', 'Ibu 100%', 'x'), ('gone', 'Dicabut', 'x')",
        "INSERT INTO fkp.role_assignments (user_id, role, region_code) SELECT id, 'sls_head', '32010100010002' FROM fkp.users WHERE username IN ('a_b', 'gone')",
        "UPDATE fkp.role_assignments SET revoked_at = now() WHERE user_id = (SELECT id FROM fkp.users WHERE username = 'gone')",
    ]

    /// Every user name listed, following the pages' next links from `start`.
    static func names(_ browser: inout TestBrowser, from start: String) async throws -> (names: [String], pages: Int) {
        var names: [String] = []
        var next: String? = start
        var pages = 0
        while let path = next {
            let page = try await browser.get(path)
            XCTAssertEqual(page.status, .ok, path)
            pages += 1
            let shown = page.text.matches(of: /<th scope="row">(?:<a href="\/users\/\d+">)?([^<]+)/).map { String($0.1) }
            XCTAssertLessThanOrEqual(shown.count, 100, "a page holds at most 100 accounts")
            names += shown
            next = page.text.firstMatch(of: /<a href="([^"]+)" rel="next">/).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") }
        }
        return (names, pages)
    }

    func testTheListIsReadAPageAtATimeInThePersonsPlaces() async throws {
        try await WebTest.withApp(seed: Self.seed) { client, db in
            var admin = TestBrowser(client)
            try await admin.login("admin", TestAccounts.password)
            let everyone = try await Self.names(&admin, from: "/users")
            let expected = try await SQLTest.scalar(db, """
                SELECT string_agg(username, ' ' ORDER BY username) FROM fkp.users u
                 WHERE EXISTS (SELECT 1 FROM fkp.role_assignments a WHERE a.user_id = u.id AND a.revoked_at IS NULL)
                """, as: String.self)?.split(separator: " ").map(String.init)
            XCTAssertEqual(everyone.names, expected, "every account with a role, once, in order")
            XCTAssertEqual(everyone.pages, 3)
            XCTAssertFalse(everyone.names.contains("gone"), "an account without a role is not listed")

            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let regency = try await Self.names(&staff, from: "/users")
            XCTAssertEqual(regency.names.filter { $0.hasPrefix("ketua.") }.count, 130, "the heads of 3201 only")
            XCTAssertFalse(regency.names.contains("ketua.131") || regency.names.contains("bps.other"), "nobody of 3202")
        }
    }

    func testTheListFindsAUserByAnyPartOfTheirNamesAsTyped() async throws {
        try await WebTest.withApp(seed: Self.seed) { client, _ in
            var admin = TestBrowser(client)
            try await admin.login("admin", TestAccounts.password)
            let siti = try await Self.names(&admin, from: "/users?q=siti%20amin")
            XCTAssertEqual(siti.names, ["ketua.007"], "the full name, in any case")
            let page = try await admin.get("/users?q=siti%20amin")
            XCTAssertTrue(page.text.contains(#"value="siti amin""#), "the field keeps the search")
            let byUsername = try await Self.names(&admin, from: "/users?q=KETUA.2")
            XCTAssertEqual(byUsername.names.count, 21, "ketua.200 to ketua.220")
            let underscore = try await Self.names(&admin, from: "/users?q=a_b")
            XCTAssertEqual(underscore.names, ["a_b"], "an underscore is itself, not any character")
            let percent = try await Self.names(&admin, from: "/users?q=100%25")
            XCTAssertEqual(percent.names, ["a_b"])
            let paged = try await Self.names(&admin, from: "/users?q=kepala")
            XCTAssertEqual(paged.names.count, 219, "every Kepala, across pages that keep the search")
            XCTAssertEqual(paged.pages, 3)
            let none = try await admin.get("/users?q=tidak-ada-orang-ini")
            XCTAssertTrue(none.text.contains("Tidak ada pengguna yang cocok."))
        }
    }
}
