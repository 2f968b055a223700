import FKPStore
import FKPTestSupport
import FKPWeb
import Hummingbird
import HummingbirdTesting
import XCTest

final class HealthTests: XCTestCase {
    func testHealthzAnswersAndReadyzIsReadyOnACurrentSchema() async throws {
        try await WebTest.withApp { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(WebTest.body(response), "ok\n")
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(WebTest.body(response), "ready\n")
            }
        }
    }

    func testReadyzRefusesWhileMigrationsArePending() async throws {
        let empty = try await TestPostgres.shared.emptyDatabase()
        let app = try await buildApplication(config: WebTest.config(empty), logger: TestPostgres.logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                XCTAssertEqual(response.status, .serviceUnavailable)
                XCTAssertTrue(WebTest.body(response).contains("pending 0001_audit_infrastructure.sql"), WebTest.body(response))
            }
            try await client.execute(uri: "/healthz", method: .get) { XCTAssertEqual($0.status, .ok) }
        }
    }

    func testReadyzRefusesWhenTheDatabaseDoesNotAnswer() async throws {
        var unreachable = try await TestPostgres.shared.serverURL()
        unreachable.port = 1  // nothing listens there
        let app = try await buildApplication(config: WebTest.config(unreachable), logger: TestPostgres.logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                XCTAssertEqual(response.status, .serviceUnavailable)
                XCTAssertTrue(WebTest.body(response).contains("database does not answer"))
            }
        }
    }

    func testWithTheDatabaseGoneAPageIsA503AtOnceThatSaysNothingWasSaved() async throws {
        var unreachable = try await TestPostgres.shared.serverURL()
        unreachable.port = 1  // nothing listens there
        var config = WebTest.config(unreachable)
        config.databaseWaitSeconds = 1
        let app = try await buildApplication(config: config, logger: TestPostgres.logger)
        try await app.test(.router) { client in
            let started = ContinuousClock.now
            // Someone logged in: the session cannot be read, which is an outage, not "log in again".
            try await client.execute(uri: "/regions", method: .get, headers: [.cookie: "fkp_session=abc"]) { response in
                XCTAssertEqual(response.status, .serviceUnavailable)
                XCTAssertEqual(response.headers[.retryAfter], "5")
                XCTAssertTrue(WebTest.body(response).contains("Isian yang baru Anda kirim belum tersimpan"), WebTest.body(response))
            }
            // Not the pool's 15 seconds of retrying before it gives up.
            XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
            try await client.execute(uri: "/login", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "fkp_session=abc"],
                                     body: ByteBuffer(string: "username=a&password=b")) { response in
                XCTAssertEqual(response.status, .serviceUnavailable)
            }
        }
    }
}
