@testable import FKPStore
import FKPTestSupport
import PostgresNIO
import XCTest

/// A family named by its number on a unit's list is looked up in that unit alone. Joined as a
/// lateral subquery, the number's view (`fkp.families_in_order`) numbered every family of the
/// table first, a national table's 85 million rows for one number typed.
final class FamiliesNamedPlanTests: XCTestCase {
    func testANumberIsLookedUpInItsOwnUnitNotInTheWholeTableNumbered() async throws {
        try await withTestDatabase { db, _ in
            // One connection: a prepared statement lives on the connection that prepared it.
            let plan = try await db.client.withConnection { connection in
                _ = try await connection.query(PostgresQuery(unsafeSQL: "PREPARE families_named AS " + ReviewRepository.FamiliesNamed.sql),
                                               logger: db.logger).collect()
                let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                    EXPLAIN EXECUTE families_named(1, ARRAY['4'], ARRAY['32010100010001'], ARRAY[4])
                    """), logger: db.logger)
                var plan = ""
                for try await line in rows.decode(String.self) { plan += line + "\n" }
                return plan
            }
            XCTAssertTrue(plan.contains("WindowAgg"), plan)
            XCTAssertNotNil(plan.firstMatch(of: /(?m)^\s*(->\s*)?(Filter|Index Cond|Recheck Cond): \(sls_code = t\.unit\)/),
                            "the unit restricts the families before they are numbered:\n\(plan)")
        }
    }
}
