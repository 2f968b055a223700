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

            let line = "INSERT INTO fkp.final_ranks (run_id, final_rank, family_id, sls_code, head_name, preliminary_group, final_group) VALUES (\(runID), 3, 'F1', '32010100010001', 'Budi', 2, 1)"
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

    /// The lines' run, unit and added family are checked per statement, not by a key per line; what
    /// the keys refused is still refused, on both sides.
    func testALinesRunUnitAndAddedFamilyMustExistAndWhatLinesNameStays() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, TestAccounts.world + SQLTest.advance(to: .reviewing) + [
                "INSERT INTO fkp.added_families (forum_id, sls_code, head_name, members, proposed_group, reason) VALUES (1, '32010100010001', 'Keluarga Baru', 3, 1, 'Belum terdaftar')",
            ] + SQLTest.advance(from: .reviewing, to: .closed))
            try await SQLTest.write(db, ["DELETE FROM fkp.forum_units WHERE forum_id = 2", "DELETE FROM fkp.forums WHERE id = 2"])
            guard case .ran(let runID, _, _, _, let result) = try await Reranker(database: db).run(
                regency: try RegionCode("3201"), allowOpen: false, context: .system("test", action: "rerank.run"))
            else { return XCTFail("every forum is closed") }
            let added = try XCTUnwrap(result.entries.compactMap(\.addedFamilyID).first)
            func line(run: Int64 = runID, unit: String = "32010100010002", addedFamily: Int64? = nil) -> String {
                let subject = addedFamily.map { "NULL, \($0), NULL" } ?? "'F9', NULL, 2"
                return "INSERT INTO fkp.final_ranks (run_id, final_rank, family_id, added_family_id, preliminary_group, sls_code, head_name, final_group) "
                    + "VALUES (\(run), 99, \(subject), '\(unit)', 'Budi', 1)"
            }
            await SQLTest.assertRefused("final_ranks_run_id_fkey") { try await SQLTest.write(db, [line(run: 404)]) }
            await SQLTest.assertRefused("final_ranks_sls_code_fkey") { try await SQLTest.write(db, [line(unit: "32010100019999")]) }
            await SQLTest.assertRefused("final_ranks_added_family_id_fkey") { try await SQLTest.write(db, [line(addedFamily: 404)]) }

            // Unit 0002 of village 1 holds no family: only the line written here names it.
            try await SQLTest.write(db, [line()])
            await SQLTest.assertRefused("final_ranks_sls_code_fkey") {
                try await SQLTest.write(db, ["DELETE FROM fkp.regions WHERE code = '32010100010002'"])
            }
            await SQLTest.assertRefused("final_ranks_added_family_id_fkey") {
                try await SQLTest.write(db, ["DELETE FROM fkp.added_families WHERE id = \(added)"])
            }
            await SQLTest.assertRefused("append-only") {
                try await SQLTest.write(db, ["UPDATE fkp.rerank_runs SET provisional = true WHERE id = \(runID)"])
            }
            await SQLTest.assertRefused("append-only") {
                try await SQLTest.write(db, ["DELETE FROM fkp.rerank_runs WHERE id = \(runID)"])
            }
            try await SQLTest.write(db, ["DELETE FROM fkp.regions WHERE code = '32010100010003'"])
        }
    }

    /// "family-id head-name preliminary-group" of each line of a run's final list, as exported (so
    /// checked against the run's output SHA-256).
    static func familyNameAndGroup(listedBy run: Int64, of regency: RegionCode, _ db: Database) async throws -> [String] {
        var csv = ""
        try await FinalListExport(database: db).write(regency: regency, runID: run) { csv += $0 }
        return csv.split(separator: "\n").dropFirst().map { line in
            let field = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(field[1]) \(field[4]) \(field[5])"
        }
    }

    /// A unit whose forum has not opened still takes a revised list after a (provisional) run. The
    /// run's list stays what it said: it still verifies, with the name and group it printed, and a
    /// family it listed can leave the preliminary list.
    func testAListRevisedAfterARunLeavesTheRunsListAsItWas() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let header = ListImportTests.header + "\n"
            _ = try await ListImportTests.load(.families, header + [ListImportTests.row("A", name: "Budi", score: "1.0"),
                                                                    ListImportTests.row("B", name: "Siti", score: "2.0")].joined(separator: "\n") + "\n", db)
            let regency = try RegionCode("3201")
            guard case .ran(let first, _, _, _, _) = try await Reranker(database: db).run(regency: regency, allowOpen: true,
                                                                                          context: .system("test", action: "rerank.run"))
            else { return XCTFail("nothing holds the run back") }

            let revised = try await ListImportTests.load(.families, header + ListImportTests.row("A", name: "Budi Santoso", group: "3", score: "1.0") + "\n", db)
            XCTAssertEqual([revised.changed, revised.removed], [1, 1], "A renamed and regrouped, B removed, though the run listed both")

            let kept = try await Self.familyNameAndGroup(listedBy: first, of: regency, db)
            XCTAssertEqual(kept, ["A Budi 2", "B Siti 2"], "the run's list as it was printed, and it still hashes to the run's output")
            guard case .ran(let second, _, _, _, _) = try await Reranker(database: db).run(regency: regency, allowOpen: true,
                                                                                           context: .system("test", action: "rerank.run"))
            else { return XCTFail("nothing holds the run back") }
            let now = try await Self.familyNameAndGroup(listedBy: second, of: regency, db)
            XCTAssertEqual(now, ["A Budi Santoso 3"])
        }
    }

    func testARunReadsItsInputsAsOfOneMomentEvenWhenAForumReopensMeanwhile() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, TestAccounts.world + [
                "INSERT INTO fkp.forum_team (forum_id, user_id, team_role) SELECT 1, id, 'facilitator' FROM fkp.users WHERE username = 'fasil'",
            ] + SQLTest.advance(to: .reviewing) + [
                "INSERT INTO fkp.reviews (forum_id, family_id, verdict, proposed_group, reason) VALUES (1, 'F2', 'tidak_sesuai', 1, 'Sakit menahun')",
                "INSERT INTO fkp.added_families (forum_id, sls_code, head_name, members, proposed_group, reason) VALUES (1, '32010100010001', 'Keluarga Baru', 3, 1, 'Belum terdaftar')",
                "INSERT INTO fkp.added_families (forum_id, sls_code, head_name, members, proposed_group, reason) VALUES (1, '32010100010001', 'Keluarga Keliru', 3, 1, 'Belum terdaftar')",
                "UPDATE fkp.added_families SET withdrawn_at = now(), withdrawn_by = 'ketua', withdraw_reason = 'Ditambahkan dua kali' WHERE head_name = 'Keluarga Keliru'",
            ] + SQLTest.advance(from: .reviewing, to: .closed))
            // Forum 2, planned in the other village, would hold the run back.
            try await SQLTest.write(db, ["DELETE FROM fkp.forum_units WHERE forum_id = 2", "DELETE FROM fkp.forums WHERE id = 2"])

            // Forum 1 reopens while the run reads: the run begins after the reopening has taken its
            // lock on the added families (it sees forum 1 closed: the reopening is not committed),
            // reads the families, waits behind that lock, and goes on once forum 1 has reopened.
            var started: Task<Reranker.Outcome, any Error>?
            try await SQLTest.holding(db, forum: 1, ["LOCK TABLE fkp.added_families IN ACCESS EXCLUSIVE MODE"] + SQLTest.reopen()) {
                started = Task {
                    try await Reranker(database: db).run(regency: try RegionCode("3201"), allowOpen: false,
                                                         context: .system("test", action: "rerank.run"))
                }
                for _ in 0..<200 {
                    let waiting = try await SQLTest.scalar(db, """
                        SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%fkp.added_families a%'
                        """, as: Int64.self)
                    if waiting == 1 { return }
                    try await Task.sleep(for: .milliseconds(20))
                }
                XCTFail("the run never reached the added families")
            }
            let run = try XCTUnwrap(started)
            guard case .ran(_, let provisional, _, _, let result) = try await run.value else {
                return XCTFail("forum 1 was closed when the run began")
            }
            XCTAssertFalse(provisional)
            let corrected = result.entries.filter { $0.familyID == "F2" }.map(\.finalGroup)
            XCTAssertEqual(corrected, [.veryPoor], "forum 1's correction is in the list")
            XCTAssertTrue(result.entries.contains(where: { $0.headName == "Keluarga Baru" }),
                          "and so is the family it added: both as forum 1 stood when the run began")
            XCTAssertFalse(result.entries.contains(where: { $0.headName == "Keluarga Keliru" }), "a withdrawn addition is not ranked")
        }
    }
}
