import FKPStore
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import XCTest

/// Accounts made and changed by the people who manage them: created through the form, given and
/// relieved of roles in their places, disabled; every change audited.
final class AccountAdministrationTests: XCTestCase {
    func testCreatingAUserThroughTheFormIsAuditedAndDisablingEndsTheirSessions() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var ketua = TestBrowser(client)
            try await ketua.login("ketua", TestAccounts.password)
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            try await staff.get("/users/new")
            let bad = try await staff.post("/users", ["username": "siti", "display_name": "Siti", "role": "sls_head", "region_code": "3201010001"])
            XCTAssertEqual(bad.status, .unprocessableContent)
            XCTAssertTrue(bad.text.contains("ketua SLS pada SLS"), "the form names the problem")
            // Names are shown to others (team lists, the minutes, the history's actor); personal numbers to BPS staff only.
            let nikName = try await staff.post("/users", ["username": "siti", "display_name": "Siti 3201014501800001", "role": "sls_head",
                                                          "region_code": "32010100010002"])
            XCTAssertEqual(nikName.status, .unprocessableContent)
            XCTAssertTrue(nikName.text.contains("Isian &quot;Nama lengkap&quot; memuat bilangan"), nikName.text)
            let nikUser = try await staff.post("/users", ["username": "3201014501800001", "display_name": "Siti", "role": "sls_head",
                                                          "region_code": "32010100010002"])
            XCTAssertEqual(nikUser.status, .unprocessableContent)
            XCTAssertTrue(nikUser.text.contains("Isian &quot;Nama pengguna&quot; memuat bilangan"), nikUser.text)
            let created = try await staff.post("/users", ["username": "siti", "display_name": "Siti Aminah", "role": "sls_head",
                                                          "region_code": "32010100010002"])
            XCTAssertEqual(created.status, .ok)
            XCTAssertTrue(created.text.contains("fkp-"), "the generated password is shown once")
            let audited = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE action = 'user.create' AND actor = 'bps'", as: Int64.self)
            XCTAssertEqual(audited, 2, "the account and its assignment")
            let ketuaID = try await SQLTest.scalar(db, "SELECT id FROM fkp.users WHERE username = 'ketua'", as: Int64.self)!
            try await staff.get("/users")
            let disabled = try await staff.post("/users/\(ketuaID)/disable", [:])
            XCTAssertEqual(disabled.location, "/users")
            let after = try await ketua.get("/regions/32010100010001")
            XCTAssertTrue(after.location?.hasPrefix("/login") == true, "a disabled account's session ends")
            var again = TestBrowser(client)
            let relogin = try await again.login("ketua", TestAccounts.password)
            XCTAssertEqual(relogin.status, .unauthorized)

            // The account's own page says its state and offers the same actions, coming back to it.
            let page = try await staff.get("/users/\(ketuaID)")
            XCTAssertTrue(page.text.contains("<p>Dinonaktifkan</p>") && page.text.contains(#"action="/users/\#(ketuaID)/enable""#), page.text)
            XCTAssertTrue(page.text.contains(#"<select id="role" name="role" required><option value="">–</option>"#),
                          "no role is chosen until one is picked: the first offered is not given by a slip")
            let enabled = try await staff.post("/users/\(ketuaID)/enable", ["back": "account"])
            XCTAssertEqual(enabled.location, "/users/\(ketuaID)")
            let active = try await staff.get("/users/\(ketuaID)")
            XCTAssertTrue(active.text.contains("<p>Aktif</p>") && active.text.contains(#"action="/users/\#(ketuaID)/reset-password""#))
        }
    }

    func testTheRoleListsOfferOnlyRolesThePersonMayGive() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            let fasilID = try await SQLTest.scalar(db, "SELECT id FROM fkp.users WHERE username = 'fasil'", as: Int64.self)!
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            var admin = TestBrowser(client)
            try await admin.login("admin", TestAccounts.password)
            for path in ["/users/new", "/users/\(fasilID)"] {
                let offered = try await staff.get(path)
                XCTAssertEqual(offered.status, .ok, path)
                XCTAssertTrue(offered.text.contains(#"<option value="facilitator">"#), "\(path): BPS staff give the forum's roles")
                XCTAssertFalse(offered.text.contains(#"<option value="admin">"#), "\(path): but not the administrator's")
                let national = try await admin.get(path)
                XCTAssertTrue(national.text.contains(#"<option value="admin">"#), "\(path): a national administrator gives every role")
            }
        }
    }

    func testAnAccountsRolesChangeInPlacesTheStaffMayGiveAndTheLastOneStays() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var fasil = TestBrowser(client)
            try await fasil.login("fasil", TestAccounts.password)
            let before = try await fasil.get("/regions/3201010002/forums")
            XCTAssertEqual(before.status, .notFound, "the facilitator of village 1 sees nothing of village 2 yet")
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let fasilID = try await SQLTest.scalar(db, "SELECT id FROM fkp.users WHERE username = 'fasil'", as: Int64.self)!
            let list = try await staff.get("/users")
            XCTAssertTrue(list.text.contains(#"<a href="/users/\#(fasilID)">fasil</a>"#), "a manageable account opens its page")
            let page = try await staff.get("/users/\(fasilID)")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("Fasilitator · Desa Satu (3201010001)"), "the place by its name, then its code")
            XCTAssertTrue(list.text.contains("Fasilitator · Desa Satu (3201010001)"), "on the list of accounts too")
            XCTAssertTrue(list.text.contains("Ketua SLS · RT 001 · Desa Satu (32010100010001)"),
                          "a unit with its village, as every village has its RT 001")
            XCTAssertFalse(page.text.contains("/revoke"), "the only role cannot be taken away")

            let wrongPlace = try await staff.post("/users/\(fasilID)/assignments", ["role": "facilitator", "region_code": "32010100020001"])
            XCTAssertEqual(wrongPlace.status, .unprocessableContent)
            XCTAssertTrue(wrongPlace.text.contains("fasilitator pada desa"), wrongPlace.text)
            let elsewhere = try await staff.post("/users/\(fasilID)/assignments", ["role": "facilitator", "region_code": "3202010001"])
            XCTAssertEqual(elsewhere.status, .forbidden, "BPS staff of 3201 give roles in 3201 only")
            XCTAssertTrue(elsewhere.text.contains("Anda tidak dapat memberi peran ini di wilayah ini"), "and the form says so")
            let moved = try await staff.post("/users/\(fasilID)/assignments", ["role": "facilitator", "region_code": "3201010002"])
            XCTAssertEqual(moved.status, .seeOther)
            let twice = try await staff.post("/users/\(fasilID)/assignments", ["role": "facilitator", "region_code": "3201010002"])
            XCTAssertEqual(twice.status, .seeOther)
            let roles = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.role_assignments WHERE user_id = \(fasilID) AND revoked_at IS NULL", as: Int64.self)
            XCTAssertEqual(roles, 2, "a role held already is not given twice")
            let after = try await fasil.get("/regions/3201010002/forums")
            XCTAssertEqual(after.status, .ok, "the new place counts at once, in the session already open")

            let original = try await SQLTest.scalar(db, "SELECT min(id) FROM fkp.role_assignments WHERE user_id = \(fasilID)", as: Int64.self)!
            let revoked = try await staff.post("/users/\(fasilID)/assignments/\(original)/revoke", [:])
            XCTAssertEqual(revoked.status, .seeOther)
            let sentTwice = try await staff.post("/users/\(fasilID)/assignments/\(original)/revoke", [:])
            XCTAssertEqual(sentTwice.location, revoked.location, "the form sent twice finds the role revoked: answered as the first sending was")
            let gone = try await fasil.get("/regions/3201010001/forums")
            XCTAssertEqual(gone.status, .notFound, "and the old one is gone at once")
            let last = try await SQLTest.scalar(db, "SELECT id FROM fkp.role_assignments WHERE user_id = \(fasilID) AND revoked_at IS NULL", as: Int64.self)!
            let refused = try await staff.post("/users/\(fasilID)/assignments/\(last)/revoke", [:])
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertTrue(refused.text.contains("Peran terakhir tidak dapat dicabut"))
            let audited = try await SQLTest.scalar(db, """
                SELECT string_agg(action, ',' ORDER BY id) FROM audit.entries WHERE action IN ('user.grant', 'user.revoke') AND actor = 'bps'
                """, as: String.self)
            XCTAssertEqual(audited, "user.grant,user.revoke")
            let history = try await staff.get("/audit?action=user.grant")
            XCTAssertTrue(history.text.contains(#"<th scope="row">Pengguna</th><td>\#(fasilID) · fasil</td>"#),
                          "the account's id with its user name: \(history.text)")
            XCTAssertTrue(history.text.contains(#"<th scope="row">Wilayah</th><td>3201010002 · Desa Dua</td>"#), "the place's code with its name")

            var other = TestBrowser(client)
            try await other.login("bps.other", TestAccounts.password)
            let notTheirs = try await other.get("/users/\(fasilID)")
            XCTAssertEqual(notTheirs.status, .forbidden, "an account outside one's region is not one's to change")
        }
    }
}
