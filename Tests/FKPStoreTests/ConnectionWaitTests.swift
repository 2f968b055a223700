import FKPTestSupport
import PostgresNIO
import XCTest

@testable import FKPStore

/// Waiting for a pooled connection is bounded (the server's FKP_DB_WAIT_SECONDS): a request is
/// answered "the database is unavailable" instead of queueing for as long as the pool is busy.
final class ConnectionWaitTests: XCTestCase {
    func testAnOperationThatGetsNoConnectionInTimeIsAnsweredAndThePoolGoesOn() async throws {
        try await withTestDatabase { _, url in
            try await PostgresClient.with(url, logger: TestPostgres.logger, maximumConnections: 1) { client in
                let db = Database(client: client, logger: TestPostgres.logger, leaseTimeout: .milliseconds(500))
                let holding = Task { try await db.read { try await $0.query("SELECT pg_sleep(3)", logger: db.logger) } }
                try await Task.sleep(for: .milliseconds(300))
                XCTAssertEqual(db.poolUse.current, PoolUse.Figures(leased: 1, waiting: 0))

                let started = ContinuousClock.now
                do {
                    _ = try await db.read { try await $0.query("SELECT 1", logger: db.logger) }
                    XCTFail("the second read got the only connection while the first held it")
                } catch let error as DatabaseUnavailable {
                    XCTAssertTrue(error.reason.contains("no database connection within"), error.reason)
                }
                let waited = ContinuousClock.now - started
                XCTAssertGreaterThanOrEqual(waited, .milliseconds(450))
                XCTAssertLessThan(waited, .seconds(2), "answered at its deadline, not when the pool freed up")
                XCTAssertEqual(db.poolUse.current, PoolUse.Figures(leased: 1, waiting: 0), "the given-up wait is not counted")

                _ = try await holding.value
                let answer = try await db.read { connection in
                    for try await value in try await connection.query("SELECT 42", logger: db.logger).decode(Int.self) { return value }
                    return 0
                }
                XCTAssertEqual(answer, 42, "the connection serves the next operation")
                XCTAssertEqual(db.poolUse.current, PoolUse.Figures(leased: 0, waiting: 0))
                XCTAssertEqual(ConnectionCloseWatch.shared.waitingOperations, 0)
            }
        }
    }
}
