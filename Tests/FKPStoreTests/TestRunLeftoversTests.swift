import FKPStore
import FKPTestSupport
import Foundation
import PostgresNIO
import XCTest

/// A developer's own server (TEST_DATABASE_URL) keeps no test run's databases or roles once the run
/// is over, and a run never drops those of another run still going.
final class TestRunLeftoversTests: XCTestCase {
    /// Above the kernel's largest process id (4,194,304), so no process has it.
    private let endedRun: Int32 = 2_000_000_000

    func testTheDatabasesAndRoleOfAnEndedRunAreDroppedAndARunningOnesKept() async throws {
        let server = try await TestPostgres.shared.serverURL()
        let ended = ["fkp_test_\(endedRun)_1", "fkp_empty_\(endedRun)_2", "fkp_template_\(endedRun)"]
        let running = "fkp_test_\(getpid())_\(endedRun)"
        let unrelated = "fkp_testing_\(endedRun)"
        for name in ended + [running, unrelated] {
            try await DatabaseAdmin.createDatabase(name, on: server, logger: TestPostgres.logger)
        }
        try await execute("CREATE ROLE fkp_web_\(endedRun) LOGIN", on: server)

        XCTAssertFalse(TestRunLeftovers.processIsRunning(endedRun))
        XCTAssertTrue(TestRunLeftovers.processIsRunning(getpid()))
        try await TestRunLeftovers.drop(on: server, whereRun: TestRunLeftovers.processIsRunning, logger: TestPostgres.logger)

        let databases = try await names("SELECT datname::text FROM pg_database", on: server)
        for name in ended { XCTAssertFalse(databases.contains(name), "\(name) is left") }
        XCTAssertTrue(databases.contains(running), "a running test run's database is its own")
        XCTAssertTrue(databases.contains(unrelated), "a name outside the test runs' pattern is not theirs")
        let roles = try await names("SELECT rolname::text FROM pg_roles", on: server)
        XCTAssertFalse(roles.contains("fkp_web_\(endedRun)"))

        for name in [running, unrelated] {
            try await DatabaseAdmin.dropDatabase(name, on: server, logger: TestPostgres.logger)
        }
    }

    private func execute(_ sql: String, on server: DatabaseURL) async throws {
        try await PostgresClient.with(server, logger: TestPostgres.logger, maximumConnections: 1) { client in
            _ = try await client.query(PostgresQuery(unsafeSQL: sql), logger: TestPostgres.logger)
        }
    }

    private func names(_ sql: String, on server: DatabaseURL) async throws -> Set<String> {
        try await PostgresClient.with(server, logger: TestPostgres.logger, maximumConnections: 1) { client in
            var found: Set<String> = []
            for try await name in try await client.query(PostgresQuery(unsafeSQL: sql), logger: TestPostgres.logger).decode(String.self) {
                found.insert(name)
            }
            return found
        }
    }
}
