@testable import FKPStore
import FKPTestSupport
import PostgresNIO
import XCTest

/// The queries that read families by their number on a unit's list (`fkp.families_in_order`)
/// restrict the view to the units concerned before it numbers them. Joined carelessly, the view
/// numbered every family of the table first: a national table's 85 million rows for one number.
final class NumberedViewPlanTests: XCTestCase {
    func testANumberIsLookedUpInItsOwnUnitNotInTheWholeTableNumbered() async throws {
        let plan = try await Self.plan(of: ReviewRepository.FamiliesNamed.sql, "1, ARRAY['4'], ARRAY['32010100010001'], ARRAY[4]")
        XCTAssertTrue(plan.contains("WindowAgg"), plan)
        XCTAssertNotNil(plan.firstMatch(of: /(?m)^\s*(->\s*)?(Filter|Index Cond|Recheck Cond): \(sls_code = t\.unit\)/),
                        "the unit restricts the families before they are numbered:\n\(plan)")
    }

    func testFamiliesReadByIdAreNumberedInTheirOwnUnitsAlone() async throws {
        let plan = try await Self.plan(of: ReviewRepository.RowsByID.sql, "1, ARRAY['F1', 'F3']")
        XCTAssertTrue(plan.contains("WindowAgg"), plan)
        XCTAssertNotNil(plan.firstMatch(of: /(?m)^\s*(->\s*)?(Filter|Index Cond|Recheck Cond): \(sls_code = ANY \(\$\d+\)\)/),
                        "the ids' units restrict the families before they are numbered:\n\(plan)")
    }

    /// The plan PostgreSQL makes for `sql` prepared and run with `arguments`.
    private static func plan(of sql: String, _ arguments: String) async throws -> String {
        try await withTestDatabase { db, _ in
            // One connection: a prepared statement lives on the connection that prepared it.
            try await db.client.withConnection { connection in
                _ = try await connection.query(PostgresQuery(unsafeSQL: "PREPARE planned AS " + sql), logger: db.logger).collect()
                let rows = try await connection.query(PostgresQuery(unsafeSQL: "EXPLAIN EXECUTE planned(\(arguments))"), logger: db.logger)
                var plan = ""
                for try await line in rows.decode(String.self) { plan += line + "\n" }
                return plan
            }
        }
    }
}
