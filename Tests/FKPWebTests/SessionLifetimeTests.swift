import FKPStore
import Foundation
@testable import FKPWeb
import PostgresNIO
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

final class SessionLifetimeTests: XCTestCase {
    /// Moves a stored session's clock back, as if time had passed (dates are seconds since 2001).
    static func age(_ db: Database, field: String, by interval: String) async throws {
        try await db.client.query(PostgresQuery(unsafeSQL: """
            UPDATE runtime.sessions SET payload = jsonb_set(payload::jsonb, '{\(field)}',
                to_jsonb((payload::jsonb ->> '\(field)')::float8 - extract(epoch FROM interval '\(interval)')))::text
             WHERE user_id IS NOT NULL
            """), logger: db.logger)
    }

    func testASessionEndsAfterItsIdleTimeout() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var browser = TestBrowser(client)
            try await browser.login("bps", TestAccounts.password)
            let response1 = try await browser.get("/regions/3201")
            XCTAssertEqual(response1.status, .ok)
            try await Self.age(db, field: "lastSeenAt", by: "31 minutes")
            let idle = try await browser.get("/regions/3201")
            XCTAssertTrue(idle.location?.hasPrefix("/login") == true, "30 minutes idle by default")
        }
    }

    /// The minute's refresh of an active session updates it under its own key. It once created a
    /// new session each minute and left the old ones valid, so logging out ended only the last.
    func testRefreshingAnActiveSessionKeepsItsKeySoLogoutEndsItForGood() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var browser = TestBrowser(client)
            try await browser.login("bps", TestAccounts.password)
            let key = try XCTUnwrap(browser.cookies["fkp_session"])
            try await Self.age(db, field: "lastSeenAt", by: "25 minutes")
            let refreshed = try await browser.get("/regions/3201")
            XCTAssertEqual(refreshed.status, .ok)
            XCTAssertEqual(browser.cookies["fkp_session"], key, "the session keeps its key")
            let renewed = try XCTUnwrap(refreshed.headers[values: .setCookie].first { $0.hasPrefix("fkp_session=") },
                                        "the browser is told the cookie lives on")
            let http = DateFormatter()
            http.locale = Locale(identifier: "en_US_POSIX")
            http.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            let expires = try XCTUnwrap(renewed.firstMatch(of: /Expires=([^;]+)/).flatMap { http.date(from: String($0.1)) }, renewed)
            XCTAssertGreaterThan(expires.timeIntervalSinceNow, 29 * 60, "for the idle time from now: \(renewed)")
            let sessions = "SELECT count(*) FROM runtime.sessions WHERE user_id IS NOT NULL"
            let stored = try await SQLTest.scalar(db, sessions, as: Int64.self)
            XCTAssertEqual(stored, 1, "one session, updated in place")
            // Dates in the payload are seconds since 2001-01-01, 978,307,200 seconds after 1970.
            let restarted = try await SQLTest.scalar(db, """
                SELECT (payload::jsonb ->> 'lastSeenAt')::float8 > extract(epoch FROM now()) - 978307200 - 60
                  FROM runtime.sessions WHERE user_id IS NOT NULL
                """, as: Bool.self)
            XCTAssertEqual(restarted, true, "the refresh restarted the idle time")

            let out = try await browser.post("/logout", [:])
            XCTAssertEqual(out.location, "/login")
            let replay = try await client.execute(uri: "/regions/3201", method: .get, headers: [.cookie: "fkp_session=\(key)"], body: nil)
            XCTAssertTrue(replay.location?.hasPrefix("/login") == true, "the key no longer opens anything")
            let left = try await SQLTest.scalar(db, sessions, as: Int64.self)
            XCTAssertEqual(left, 0)
        }
    }

    /// What the pages' script asks while a person types a long list without sending it.
    func testAskingWhetherTheSessionLivesKeepsItAliveAndSaysWhenItHasEnded() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            let anonymous = try await client.execute(uri: "/session", method: .get, headers: [:], body: nil)
            XCTAssertEqual(anonymous.status, .unauthorized, "no redirect to the login page: the script tells the person")
            var browser = TestBrowser(client)
            let login = try await browser.get("/login")
            XCTAssertFalse(login.text.contains("/js/session.js"), "nobody's session to keep")
            try await browser.login("bps", TestAccounts.password)
            let page = try await browser.get("/regions/3201")
            XCTAssertTrue(page.text.contains(#"<script src="/js/session.js" data-ended="Sesi Anda sudah berakhir."#), page.text)
            try await Self.age(db, field: "lastSeenAt", by: "25 minutes")
            let alive = try await browser.get("/session")
            XCTAssertEqual(alive.status, .noContent)
            XCTAssertEqual(alive.headers[HTTPField.Name("X-CSRF-Token")!], browser.csrf, "the session's token, for the page's forms")
            try await Self.age(db, field: "lastSeenAt", by: "25 minutes")
            let stillAlive = try await browser.get("/regions/3201")
            XCTAssertEqual(stillAlive.status, .ok, "asking restarted the idle time: 50 minutes since the last page")
            try await Self.age(db, field: "lastSeenAt", by: "31 minutes")
            let ended = try await browser.get("/session")
            XCTAssertEqual(ended.status, .unauthorized)
        }
    }

    /// A session ended while one of its requests is still under way (a list uploading from a phone
    /// while the person logs out, or changes the password on the office computer) stays ended. The
    /// end of that request wrote the session back as it had read it, refreshed, and its key opened
    /// pages again.
    func testASessionLoggedOutWhileOneOfItsRequestsIsUnderWayStaysEnded() async throws {
        try await Self.endingASessionWhileItUploads { phone, _ in
            let out = try await phone.post("/logout", [:])
            XCTAssertEqual(out.location, "/login")
        }
    }

    func testASessionEndedByAPasswordChangeElsewhereWhileOneOfItsRequestsIsUnderWayStaysEnded() async throws {
        try await Self.endingASessionWhileItUploads { _, client in
            var office = TestBrowser(client)
            try await office.login("bps", TestAccounts.password)
            try await office.get(PasswordController.path)
            let changed = try await office.post(PasswordController.path, PasswordChangeTests.form)
            XCTAssertEqual(changed.location, PasswordController.sentPath)
        }
    }

    /// A session whose idle time runs out while one of its requests is under way (a list sent for
    /// longer than the idle time over a weak connection) lives on from that request's end: the person
    /// who sent the list is shown its batch, not the login page. The request wrote the session back
    /// as last seen when it began, and the housekeeping had deleted it by then.
    func testASessionWhoseIdleTimeRunsOutWhileAListIsSentLivesOnFromTheSendingsEnd() async throws {
        try await Self.whileAListUploads({ _, _, db in
            // Half an hour passes while the list arrives: the session's end, and the housekeeping after it.
            try await SQLTest.write(db, ["UPDATE runtime.sessions SET expires_at = now() - interval '1 minute' WHERE user_id IS NOT NULL"])
            try await Self.age(db, field: "lastSeenAt", by: "31 minutes")
            try await SessionRepository(database: db).removeExpired()
            try await Task.sleep(for: .seconds(1.5))
        }, then: { key, client, db in
            let renewed = try await SQLTest.scalar(db, """
                SELECT expires_at > now() + interval '29 minutes'
                       AND (payload::jsonb ->> 'lastSeenAt')::float8 > extract(epoch FROM now()) - 978307200 - 1
                  FROM runtime.sessions WHERE id = encode(sha256(convert_to('fkp.\(key)', 'UTF8')), 'hex')
                """, as: Bool.self)
            XCTAssertEqual(renewed, true, "the session lives on, last seen when the list had arrived")
            let page = try await client.execute(uri: "/imports", method: .get, headers: [.cookie: "fkp_session=\(key)"], body: nil)
            XCTAssertEqual(page.status, .ok, "its key opens the import page")
        })
    }

    /// BPS staff's upload under way on a phone while `end` ends its session; then the upload ends,
    /// and the phone's session must stay ended.
    private static func endingASessionWhileItUploads(
        _ end: @escaping @Sendable (inout TestBrowser, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await whileAListUploads({ phone, client, _ in try await end(&phone, client) }, then: { key, client, db in
            // Stored by the SHA-256 of the key under the application's prefix, "fkp.".
            let left = try await SQLTest.scalar(db, """
                SELECT count(*) FROM runtime.sessions WHERE id = encode(sha256(convert_to('fkp.\(key)', 'UTF8')), 'hex')
                """, as: Int64.self)
            XCTAssertEqual(left, 0, "the ended session is not written back")
            let replay = try await client.execute(uri: "/regions/3201", method: .get, headers: [.cookie: "fkp_session=\(key)"], body: nil)
            XCTAssertTrue(replay.location?.hasPrefix("/login") == true, "its key opens nothing")
        })
    }

    /// BPS staff's upload under way on a phone, its session last seen two minutes before it began
    /// (so that its request refreshes it), while `meanwhile` happens; then the upload ends, and
    /// `verify` is given the phone's session key.
    private static func whileAListUploads(
        _ meanwhile: @escaping @Sendable (inout TestBrowser, any TestClientProtocol, Database) async throws -> Void,
        then verify: @escaping @Sendable (_ key: String, any TestClientProtocol, Database) async throws -> Void
    ) async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, TestAccounts.world)
            let app = try await buildApplication(config: try await WebTest.serverConfig(url), logger: TestPostgres.logger)
            try await app.test(.live) { client in
                var phone = try await ImportUploadTests.staffOnImportPage(client)
                let key = try XCTUnwrap(phone.cookies["fkp_session"])
                try await Self.age(db, field: "lastSeenAt", by: "2 minutes")  // the upload's request refreshes it
                let body = Data(("--B\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(phone.csrf ?? "")\r\n"
                                 + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"wilayah.csv\"\r\n\r\n"
                                 + "\(ImportUploadTests.regions)\r\n--B--\r\n").utf8)
                let head = "POST /imports/regions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Cookie: \(phone.cookieHeader)\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: \(body.count)\r\n\r\n"
                let upload = try LoopbackHTTP.Connection(try XCTUnwrap(client.port))
                try upload.send(Data(head.utf8) + body.prefix(body.count / 2))
                try await Task.sleep(for: .milliseconds(300))  // under way

                try await meanwhile(&phone, client, db)
                try upload.send(body.dropFirst(body.count / 2))
                let answer = try upload.receive()
                XCTAssertEqual(answer.status, 303, "the upload, begun signed in, ends: \(answer.text)")
                try await verify(key, client, db)
            }
        }
    }

    func testASessionEndsAfterItsAbsoluteLifetimeEvenWhenActive() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var browser = TestBrowser(client)
            try await browser.login("bps", TestAccounts.password)
            try await Self.age(db, field: "createdAt", by: "13 hours")
            let old = try await browser.get("/regions/3201")
            XCTAssertTrue(old.location?.hasPrefix("/login") == true, "12 hours at most by default")
        }
    }

    func testSessionsLiveInPostgreSQLSoASecondServerServesTheSamePerson() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, TestAccounts.world)
            let first = try await buildApplication(config: try await WebTest.serverConfig(url), logger: TestPostgres.logger)
            let second = try await buildApplication(config: try await WebTest.serverConfig(url), logger: TestPostgres.logger)
            let cookie = try await first.test(.router) { client -> String in
                var browser = TestBrowser(client)
                try await browser.login("bps", TestAccounts.password)
                return browser.cookieHeader
            }
            try await second.test(.router) { client in
                let page = try await client.execute(uri: "/regions/3201", method: .get, headers: [.cookie: cookie], body: nil)
                XCTAssertEqual(page.status, .ok)
            }
            let stored = try await SQLTest.scalar(db, "SELECT count(*) FROM runtime.sessions WHERE user_id IS NOT NULL", as: Int64.self)
            XCTAssertEqual(stored, 1)
            let raw = try await SQLTest.scalar(db, "SELECT count(*) FROM runtime.sessions WHERE id = '\(cookie.split(separator: "=").last ?? "")'", as: Int64.self)
            XCTAssertEqual(raw, 0, "the table holds a hash of the session key, never the key")
        }
    }
}
