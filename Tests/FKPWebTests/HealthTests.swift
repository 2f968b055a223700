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
}
