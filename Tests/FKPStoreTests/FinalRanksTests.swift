import FKPCore
import FKPStore
import FKPTestSupport
import XCTest

/// A run's final list is one audited entry plus append-only lines that only the run's own
/// transaction may write (docs/audit.md, bulk loads).
final class FinalRanksTests: XCTestCase {
    func testOnlyTheTransactionThatCreatedARunWritesItsLinesAndNoLineChangesAfterwards() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1"), SQLTest.family("F2", rank: 2)])
            let outcome = try await Reranker(database: db).run(regency: try RegionCode("3201"), allowOpen: false,
                                                               context: .system("test", action: "rerank.run"))
            guard case .ran(let runID, _, _, _, let result) = outcome else { return XCTFail("no forum is open") }
            XCTAssertEqual(result.entries.count, 2)
            let entries = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE action = 'rerank.run'", as: Int64.self)
            XCTAssertEqual(entries, 1, "one entry for the run, none per line")

            let line = "INSERT INTO fkp.final_ranks (run_id, final_rank, family_id, sls_code, final_group) VALUES (\(runID), 3, 'F1', '32010100010001', 1)"
            await SQLTest.assertRefused("must have created it") {
                try await SQLTest.write(db, ["SELECT audit.declare_rerank_run(\(runID))", line])
            }
            await SQLTest.assertRefused("append-only") {
                try await SQLTest.write(db, ["UPDATE fkp.final_ranks SET final_group = 4 WHERE run_id = \(runID)"])
            }
            await SQLTest.assertRefused("append-only") {
                try await SQLTest.write(db, ["DELETE FROM fkp.final_ranks WHERE run_id = \(runID)"])
            }
            try await SQLTest.write(db, [line])
            let captured = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE table_name = 'fkp.final_ranks'", as: Int64.self)
            XCTAssertEqual(captured, 1, "a line written without its run declared is captured like any write")
        }
    }
}
