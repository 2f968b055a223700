import FKPStore
import FKPTestSupport
@testable import FKPWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import XCTest

final class AccountsTests: XCTestCase {
    func testLoginRotatesTheSessionSoThePreLoginIDIsUseless() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client in
            var browser = TestBrowser(client)
            try await browser.get("/login")
            let before = try XCTUnwrap(browser.cookies["fkp_session"])
            try await browser.login("bps", TestAccounts.password)
            let after = try XCTUnwrap(browser.cookies["fkp_session"])
            XCTAssertNotEqual(before, after)
            let fixated = try await client.execute(uri: "/regions/3201", method: .get, headers: [.cookie: "fkp_session=\(before)"], body: nil)
            XCTAssertEqual(fixated.status, .seeOther)
            XCTAssertTrue(fixated.location?.hasPrefix("/login") == true, "the old id opens nothing")
            let page = try await browser.get("/regions/3201")
            XCTAssertEqual(page.status, .ok)
        }
    }

    func testTheSessionCookieIsHttpOnlyAndLax() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client in
            let response = try await client.execute(uri: "/login", method: .get, headers: [:], body: nil)
            let cookie = try XCTUnwrap(response.headers[values: .setCookie].first { $0.hasPrefix("fkp_session=") })
            XCTAssertTrue(cookie.contains("HttpOnly"), cookie)
            XCTAssertTrue(cookie.contains("SameSite=Lax"), cookie)
        }
    }

    func testLogoutEndsTheSession() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client in
            var browser = TestBrowser(client)
            try await browser.login("bps", TestAccounts.password)
            let session = try XCTUnwrap(browser.cookies["fkp_session"])
            let out = try await browser.post("/logout", [:])
            XCTAssertEqual(out.location, "/login")
            let replay = try await client.execute(uri: "/regions/3201", method: .get, headers: [.cookie: "fkp_session=\(session)"], body: nil)
            XCTAssertTrue(replay.location?.hasPrefix("/login") == true)
        }
    }

    func testAStateChangeWithoutOrWithAStaleCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var other = TestBrowser(client)
            try await other.login("admin", TestAccounts.password)
            let staleToken = try XCTUnwrap(other.csrf)
            var browser = TestBrowser(client)
            try await browser.login("bps", TestAccounts.password)
            let form = ["username": "baru", "display_name": "Orang Baru", "role": "facilitator", "region_code": "3201010001"]
            let missing = try await browser.post("/users", form, csrf: "")
            XCTAssertEqual(missing.status, .forbidden)
            XCTAssertTrue(missing.text.contains("kedaluwarsa"), "the page says what happened")
            let stale = try await browser.post("/users", form, csrf: staleToken)
            XCTAssertEqual(stale.status, .forbidden)
            let headerless = try await client.execute(uri: "/logout", method: .post, headers: [.cookie: browser.cookieHeader], body: nil)
            XCTAssertEqual(headerless.location, "/login", "a logout without the token leads to the login page")
            let stillIn = try await browser.get("/regions/3201")
            XCTAssertEqual(stillIn.status, .ok, "and logs nobody out")
            let created = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.users WHERE username = 'baru'", as: Int64.self)
            XCTAssertEqual(created, 0)
            var fresh = TestBrowser(client)
            let login = try await fresh.post("/login", ["username": "bps", "password": TestAccounts.password], csrf: "")
            XCTAssertEqual(login.location, "/login?expired=1", "the login form needs its token too")
            XCTAssertNil(fresh.cookies["fkp_session"], "and signs nobody in without it")
        }
    }

    func testRepeatedFailuresAreThrottledPerAccountAndLogged() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var browser = TestBrowser(client)
            try await browser.get("/login")
            for _ in 0..<5 {
                let failed = try await browser.post("/login", ["username": "bps", "password": "salah-sandi-123"])
                XCTAssertEqual(failed.status, .unauthorized)
                XCTAssertTrue(failed.text.contains("salah"))
            }
            let throttled = try await browser.post("/login", ["username": "bps", "password": TestAccounts.password])
            XCTAssertEqual(throttled.status, .tooManyRequests, "even the right password waits")
            XCTAssertGreaterThan(Int(throttled.headers[.retryAfter] ?? "0") ?? 0, 0)
            var other = TestBrowser(client)
            let otherAccount = try await other.login("admin", TestAccounts.password)
            XCTAssertEqual(otherAccount.status, .tooManyRequests, "five failures from one address slow that address too")
            let failures = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.security_events WHERE event = 'login.failure' AND username = 'bps'", as: Int64.self)
            XCTAssertEqual(failures, 5)
            let refusals = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.security_events WHERE event = 'login.throttled'", as: Int64.self)
            XCTAssertEqual(refusals, 2)
            let leaked = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.security_events WHERE detail LIKE '%salah-sandi%'", as: Int64.self)
            XCTAssertEqual(leaked, 0, "passwords are never logged")
        }
    }

    func testAttemptsSentAtOnceAreCountedOneAfterTheOther() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            // Twelve guesses at one account at once: five are checked, the other seven must wait,
            // as if they had been sent one after the other.
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        var browser = TestBrowser(client)
                        try await browser.get("/login")
                        return try await browser.post("/login", ["username": "bps", "password": "salah-sandi-123"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            XCTAssertEqual(statuses.filter { $0 == .unauthorized }.count, 5, "\(statuses)")
            XCTAssertEqual(statuses.filter { $0 == .tooManyRequests }.count, 7, "\(statuses)")
        }
    }

    func testAGeneratedPasswordMustBeChangedAndWeakOnesAreRefused() async throws {
        try await WebTest.withApp(seed: SQLTest.places + SQLTest.forum() + TestAccounts.statements(mustChangePassword: true)) { client, db in
            var browser = TestBrowser(client)
            let login = try await browser.login("fasil", TestAccounts.password)
            XCTAssertEqual(login.location, "/password")
            let elsewhere = try await browser.get("/regions/3201010001")
            XCTAssertEqual(elsewhere.location, "/password", "nothing else until the password is changed")
            let weak = try await browser.post("/password", ["current_password": TestAccounts.password, "new_password": "password123",
                                                           "confirm_password": "password123"])
            XCTAssertEqual(weak.status, .unprocessableContent)
            XCTAssertTrue(weak.text.contains("terlalu umum"))
            let short = try await browser.post("/password", ["current_password": TestAccounts.password, "new_password": "pendek",
                                                            "confirm_password": "pendek"])
            XCTAssertTrue(short.text.contains("terlalu pendek"))
            let changed = try await browser.post("/password", ["current_password": TestAccounts.password,
                                                              "new_password": "Sawah hijau di Cibeber", "confirm_password": "Sawah hijau di Cibeber"])
            XCTAssertEqual(changed.location, PasswordController.sentPath)
            let page = try await browser.get("/regions/3201010001")
            XCTAssertEqual(page.status, .ok)
            let audited = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE action = 'user.change_password' AND actor = 'fasil'", as: Int64.self)
            XCTAssertEqual(audited, 1)
        }
    }

    /// A shared computer may show the login form all day: its session ends after the idle time.
    func testALoginFormLeftOpenTooLongLeadsToAFreshOneThatSaysWhy() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var browser = TestBrowser(client)
            _ = try await browser.get("/login?next=%2Fregions%2F3201")
            try await db.client.query("UPDATE runtime.sessions SET expires_at = now() - interval '1 second'", logger: db.logger)
            let stale = try await browser.post("/login", ["username": "bps", "password": TestAccounts.password, "next": "/regions/3201"])
            XCTAssertEqual(stale.status, .seeOther)
            XCTAssertEqual(stale.location, "/login?expired=1&next=%2Fregions%2F3201", "not a refusal page: a fresh form, going on to the same place")
            let fresh = try await browser.get(try XCTUnwrap(stale.location))
            XCTAssertTrue(fresh.text.contains("Halaman masuk tadi sudah terlalu lama terbuka. Silakan masuk sekali lagi."))
            let loggedIn = try await browser.post("/login", ["username": "bps", "password": TestAccounts.password, "next": "/regions/3201"])
            XCTAssertEqual(loggedIn.location, "/regions/3201")
            let signedIn = try await SQLTest.scalar(db, "SELECT count(*) FROM runtime.sessions WHERE user_id IS NOT NULL", as: Int64.self)
            XCTAssertEqual(signedIn, 1, "the stale form signed nobody in; the fresh one did")

            let forged = try await browser.post("/logout", [:], csrf: "not-the-token")
            XCTAssertEqual(forged.location, "/login", "a stale logout form leads to the login page...")
            let stillIn = try await browser.get("/regions/3201")
            XCTAssertEqual(stillIn.status, .ok, "...and logs nobody out")
            let other = try await browser.post("/users", ["username": "x"], csrf: "not-the-token")
            XCTAssertEqual(other.status, .forbidden, "any other stale form is refused as before")
        }
    }

    /// After logging in, the login page sends on only to a page of this site: never to another
    /// site, however the address is disguised (browsers drop tabs and line breaks from an address
    /// and read a backslash as a slash, so `/<tab>/evil.example` is `//evil.example`).
    func testTheLoginSendsOnOnlyToPagesOfThisSite() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            let elsewhere = ["https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example", "/\n/evil.example",
                             "/\r/evil.example", " //evil.example", "/ /evil.example", "/\u{7f}/evil.example", "evil.example"]
            for next in elsewhere {
                var browser = TestBrowser(client)
                let form = try await browser.get("/login")
                XCTAssertEqual(form.status, .ok)
                let loggedIn = try await browser.post("/login", ["username": "bps", "password": TestAccounts.password, "next": next])
                XCTAssertEqual(loggedIn.location, "/", "next \(next.debugDescription)")
                let query = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let again = try await browser.get("/login?next=" + query)
                XCTAssertEqual(again.location, "/", "already logged in, next \(next.debugDescription)")
            }
            var browser = TestBrowser(client)
            _ = try await browser.get("/login")
            let here = try await browser.post("/login", ["username": "bps", "password": TestAccounts.password, "next": "/regions/3201?x=1"])
            XCTAssertEqual(here.location, "/regions/3201?x=1")
        }
    }

    /// A form larger than any page sends (over 1 MiB) is refused as too large, on a page that says
    /// so, whether the CSRF check or the handler reads it; it was answered as a failure (500).
    func testAFormTooLargeIsRefusedAsSuchNotAsAFailure() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            let huge = String(repeating: "a", count: 2 << 20)
            var stranger = TestBrowser(client)
            _ = try await stranger.get("/login")
            let login = try await stranger.post("/login", ["username": "bps", "password": huge])
            XCTAssertEqual(login.status, .contentTooLarge)
            XCTAssertTrue(login.text.contains("Berkas atau isian terlalu besar."), login.text)

            var browser = TestBrowser(client)
            _ = try await browser.login("bps", TestAccounts.password)
            let id = try await SQLTest.scalar(db, "SELECT id FROM fkp.users WHERE username = 'ketua'", as: Int64.self) ?? 0
            // The token in a header: the CSRF check leaves the body to the handler.
            browser.extraHeaders[HTTPField.Name("X-CSRF-Token")!] = try XCTUnwrap(browser.csrf)
            let grant = try await browser.post("/users/\(id)/assignments", ["role": "auditor", "region_code": huge])
            XCTAssertEqual(grant.status, .contentTooLarge)
            XCTAssertTrue(grant.text.contains("Berkas atau isian terlalu besar."), grant.text)
            let assignments = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.role_assignments WHERE user_id = \(id)", as: Int64.self)
            XCTAssertEqual(assignments, 1, "nothing was granted")
        }
    }

    func testChangingOnesPasswordEndsOneselfsOtherSessionsAndRenewsThisOne() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var laptop = TestBrowser(client)
            try await laptop.login("bps", TestAccounts.password)
            var phone = TestBrowser(client)
            try await phone.login("bps", TestAccounts.password)
            var colleague = TestBrowser(client)
            try await colleague.login("admin", TestAccounts.password)
            let before = try XCTUnwrap(laptop.cookies["fkp_session"])

            let changed = try await laptop.post("/password", ["current_password": TestAccounts.password,
                                                             "new_password": "Sawah hijau di Cibeber", "confirm_password": "Sawah hijau di Cibeber"])
            XCTAssertEqual(changed.location, PasswordController.sentPath)
            XCTAssertNotEqual(laptop.cookies["fkp_session"], before, "this browser's session has a new id")
            let here = try await laptop.get("/regions/3201")
            XCTAssertEqual(here.status, .ok, "and stays signed in")
            let old = try await client.execute(uri: "/regions/3201", method: .get, headers: [.cookie: "fkp_session=\(before)"], body: nil)
            XCTAssertTrue(old.location?.hasPrefix("/login") == true, "the old id opens nothing")
            let elsewhere = try await phone.get("/regions/3201")
            XCTAssertTrue(elsewhere.location?.hasPrefix("/login") == true, "the other device must sign in with the new password")
            let other = try await colleague.get("/regions/3201")
            XCTAssertEqual(other.status, .ok, "another person's session is untouched")
            let sessions = try await SQLTest.scalar(db, """
                SELECT count(*) FROM runtime.sessions s JOIN fkp.users u ON u.id = s.user_id WHERE u.username = 'bps'
                """, as: Int64.self)
            XCTAssertEqual(sessions, 1)
        }
    }

    func testActivationCodesWorkOnceAndNotAfterExpiry() async throws {
        let seed = TestAccounts.world + [
            "INSERT INTO fkp.users (username, display_name) VALUES ('warga', 'Warga Baru'), ('warga.lama', 'Warga Lama')",
            "INSERT INTO fkp.role_assignments (user_id, role, region_code) SELECT id, 'sls_head', '32010100010002' FROM fkp.users WHERE username LIKE 'warga%'",
            // Codes as stored: the SHA-256 of the code's letters and digits.
            "INSERT INTO fkp.activation_codes (user_id, code_hash, expires_at) SELECT id, encode(sha256('ABCD2345EFGH'), 'hex'), now() + interval '7 days' FROM fkp.users WHERE username = 'warga'",
            "INSERT INTO fkp.activation_codes (user_id, code_hash, expires_at, created_at) SELECT id, encode(sha256('OLDCODE23456'), 'hex'), now() - interval '1 day', now() - interval '8 days' FROM fkp.users WHERE username = 'warga.lama'",
        ]
        try await WebTest.withApp(seed: seed) { client, db in
            var browser = TestBrowser(client)
            try await browser.get("/activate")
            let newPassword = "Kebun singkong belakang"
            let expired = try await browser.post("/activate", ["code": "OLDC-ODE2-3456", "new_password": newPassword, "confirm_password": newPassword])
            XCTAssertEqual(expired.status, .unprocessableContent)
            XCTAssertTrue(expired.text.contains("sudah kedaluwarsa"), expired.text)
            let unknown = try await browser.post("/activate", ["code": "ZZZZ-ZZZZ-ZZZZ", "new_password": newPassword, "confirm_password": newPassword])
            XCTAssertTrue(unknown.text.contains("tidak dikenal"), unknown.text)
            let done = try await browser.post("/activate", ["code": "abcd-2345-efgh", "new_password": newPassword, "confirm_password": newPassword])
            XCTAssertEqual(done.location, "/login?activated=1&username=warga")
            let typed = try await browser.get("/login?activated=1&username=%22%3E%3Cscript%3E")
            XCTAssertFalse(typed.text.contains("<script>") || typed.text.contains("&quot;&gt;"), "only an account name is filled in")
            let reused = try await browser.post("/activate", ["code": "ABCD-2345-EFGH", "new_password": "Lain lagi sandinya", "confirm_password": "Lain lagi sandinya"])
            XCTAssertEqual(reused.status, .unprocessableContent, "a code works once")
            XCTAssertTrue(reused.text.contains("sudah dipakai: akunnya sudah aktif"), reused.text)
            // Its address opened again (the QR code on the invitation scanned later) says so at once.
            let opened = try await browser.get("/activate?code=ABCD-2345-EFGH")
            XCTAssertEqual(opened.status, .ok)
            XCTAssertTrue(opened.text.contains("sudah dipakai: akunnya sudah aktif"), opened.text)
            XCTAssertFalse(opened.text.contains(#"name="username""#), "a code that no longer works names no account")
            var stranger = TestBrowser(client)
            let fresh = try await stranger.get("/activate")
            XCTAssertFalse(fresh.text.contains(#"class="error""#), "without a code, nothing to say yet")
            var warga = TestBrowser(client)
            let login = try await warga.login("warga", newPassword)
            XCTAssertEqual(login.status, .seeOther)
            let own = try await warga.get("/regions/32010100010002")
            XCTAssertEqual(own.status, .ok)
            let events = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.security_events WHERE event = 'activation.refused'", as: Int64.self)
            XCTAssertEqual(events, 4, "the expired, the unknown and the used code sent, and the used one opened")
        }
    }

    func testPersonalNumbersAreMaskedForAllButBPSStaffAndEveryWholeViewIsLogged() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let masked = try await facilitator.get("/regions/32010100010001")
            XCTAssertTrue(masked.text.contains("3201**********01"), "KK masked")
            XCTAssertTrue(masked.text.contains("3201**********01") && !masked.text.contains("3201014501800001"), "NIK never whole")
            let none = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.personal_data_access", as: Int64.self)
            XCTAssertEqual(none, 0)

            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let whole = try await staff.get("/regions/32010100010001")
            XCTAssertTrue(whole.text.contains("3201014501800001"))
            let logged = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.personal_data_access WHERE username = 'bps'", as: Int64.self)
            XCTAssertEqual(logged, 2, "one entry per family shown whole")
        }
    }
}
