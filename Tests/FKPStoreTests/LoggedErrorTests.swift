import FKPStore
import FKPTestSupport
import PostgresNIO
import XCTest

/// The failures a request may log: enough to find the fault, no value the database quoted.
final class LoggedErrorTests: XCTestCase {
    static let nik = "3201014501800001"

    /// The error a statement given the NIK as its value fails with.
    static func failure(_ sql: PostgresQuery, before setup: String? = nil) async throws -> any Error {
        let url = try await TestPostgres.shared.freshDatabase()
        let error = try await PostgresClient.with(url, logger: TestPostgres.logger, maximumConnections: 1) { client -> (any Error)? in
            try await client.withConnection { connection in
                if let setup { _ = try await connection.query(PostgresQuery(unsafeSQL: setup), logger: TestPostgres.logger) }
                do {
                    for try await _ in try await connection.query(sql, logger: TestPostgres.logger) {}
                    return nil
                } catch {
                    return error
                }
            }
        }
        return try XCTUnwrap(error, "the statement fails")
    }

    func testADatabaseErrorIsLoggedWithoutItsDetail() async throws {
        let error = try await Self.failure("SELECT pg_temp.refuse(\(Self.nik))", before: """
            CREATE FUNCTION pg_temp.refuse(nik text) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the rule broke' USING DETAIL = 'Failing row contains (' || nik || ')'; END $$
            """)
        XCTAssertTrue(String(reflecting: error).contains(Self.nik), "the driver's own description holds it")
        let logged = LoggedError.text(error)
        XCTAssertTrue(logged.contains("sqlstate: P0001") && logged.contains("message: the rule broke"), logged)
        XCTAssertFalse(logged.contains(Self.nik), logged)
    }

    func testADataExceptionIsLoggedWithoutTheInputItQuotes() async throws {
        let error = try await Self.failure("SELECT \(Self.nik + "x")::integer")
        XCTAssertTrue(String(reflecting: error).contains(Self.nik), "the driver's own description holds it")
        let logged = LoggedError.text(error)
        XCTAssertTrue(logged.contains("sqlstate: 22"), logged)
        XCTAssertTrue(logged.contains("query: SELECT $1::integer"), "the statement is named, its value bound: \(logged)")
        XCTAssertFalse(logged.contains(Self.nik), logged)
    }

    func testAValueThatFailsToDecodeIsLoggedWithoutItsBytes() async throws {
        let url = try await TestPostgres.shared.freshDatabase()
        let error = try await PostgresClient.with(url, logger: TestPostgres.logger, maximumConnections: 1) { client -> (any Error)? in
            do {
                let rows = try await client.query("SELECT \(Self.nik)::text AS head_nik", logger: TestPostgres.logger)
                for try await _ in rows.decode(Int.self) {}
                return nil
            } catch {
                return error
            }
        }
        let logged = LoggedError.text(try XCTUnwrap(error, "text does not decode as Int"))
        XCTAssertTrue(String(reflecting: error!).contains("33323031"), "the driver's own description holds its bytes")
        XCTAssertTrue(logged.contains("head_nik"), "the column is named: \(logged)")
        XCTAssertFalse(logged.contains(Self.nik), logged)
        let hex = Self.nik.utf8.map { String(format: "%02x", $0) }.joined()
        XCTAssertFalse(logged.contains(String(hex.prefix(16))), logged)
    }
}
