import FKPStore
@testable import FKPWeb
import FKPTestSupport
import Foundation
import PostgresNIO
import XCTest

final class RuntimeHousekeepingTests: XCTestCase {
    /// A session ended less than a day ago stays stored, though no request reads it: one that began
    /// while it lived renews it when it ends (SessionLifetimeTests).
    func testTheSweepForgetsSessionsADayAfterTheyEndedAndFailedLoginsPastTheThrottlesWindowOnly() async throws {
        try await withTestDatabase { db, _ in
            let sessions = SessionRepository(database: db)
            let throttle = LoginThrottle(database: db)
            _ = try await sessions.create(key: "gone", payload: Data("{}".utf8), userID: nil, expiresAt: Date().addingTimeInterval(-86_401))
            _ = try await sessions.create(key: "ended", payload: Data("{}".utf8), userID: nil, expiresAt: Date().addingTimeInterval(-1))
            _ = try await sessions.create(key: "live", payload: Data("{}".utf8), userID: nil, expiresAt: Date().addingTimeInterval(600))
            _ = try await throttle.admit(username: "old", address: "10.0.0.1")
            _ = try await throttle.admit(username: "recent", address: "10.0.0.2")
            try await db.client.query(
                "UPDATE runtime.login_failures SET failed_at = now() - interval '16 minutes' WHERE username = 'old'", logger: db.logger)

            try await RuntimeHousekeeping(sessions: sessions, throttle: throttle).sweep()

            let live = try await sessions.get(key: "live")
            let ended = try await sessions.get(key: "ended")
            XCTAssertNotNil(live)
            XCTAssertNil(ended, "an ended session is read by no request")
            let storedSessions = try await SQLTest.scalar(db, "SELECT count(*) FROM runtime.sessions", as: Int64.self)
            XCTAssertEqual(storedSessions, 2, "the session ended a day ago is deleted, not only hidden; the one ended now is kept")
            let failures = try await SQLTest.scalar(db, "SELECT string_agg(username, ',') FROM runtime.login_failures", as: String.self)
            XCTAssertEqual(failures, "recent", "a failure inside the window still counts; an older one is forgotten")
            let wait = try await throttle.admit(username: "recent", address: "10.0.0.2")
            XCTAssertEqual(wait, 0, "one failure in the window: the next attempt need not wait")
        }
    }
}
