import FKPStore
import FKPTestSupport
import PostgresNIO
import XCTest

/// The small SQL functions that every audited write evaluates are inlined by PostgreSQL. One that is
/// not (a body more volatile than the function is declared, such as `text || bigint` in an
/// IMMUTABLE function) runs as a function of its own, its body parsed and planned anew in every
/// transaction: it cost a verdict 6% of PostgreSQL's work before migration 0027.
final class AuditFunctionInliningTests: XCTestCase {
    func testTheFunctionsEveryWriteEvaluatesAreInlined() async throws {
        try await withTestDatabase { db, _ in
            // Arguments are columns, never constants: a call on constants is folded to its value.
            let calls = [
                "audit.chain_for": "SELECT audit.chain_for(e.forum_id, e.region_code) FROM audit.entries e",
                "audit.entry_hash": "SELECT audit.entry_hash(e) FROM audit.entries e",
                "audit.canonical_text": "SELECT audit.canonical_text(e) FROM audit.entries e",
                "audit.context": "SELECT audit.context(e.actor) FROM audit.entries e",
                "fkp.forum_state_allows": "SELECT fkp.forum_state_allows(f.state, f.venue) FROM fkp.forums f",
            ]
            for (function, call) in calls {
                let rows = try await db.client.query(PostgresQuery(unsafeSQL: "EXPLAIN (VERBOSE) " + call), logger: db.logger)
                var plan = ""
                for try await line in rows.decode(String.self) { plan += line + "\n" }
                XCTAssertFalse(plan.isEmpty)
                XCTAssertFalse(plan.contains(function + "("), "\(function) is not inlined:\n\(plan)")
            }
        }
    }
}
