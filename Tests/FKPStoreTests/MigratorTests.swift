import FKPCore
import FKPStore
import FKPTestSupport
import Foundation
import PostgresNIO
import XCTest

final class MigratorTests: XCTestCase {
    func testMigratingTwiceAppliesEverythingOnceThenNothing() async throws {
        let url = try await TestPostgres.shared.emptyDatabase()
        let migrator = try Migrator(directory: TestPostgres.packageRoot + "/sql")
        try await PostgresClient.with(url, logger: TestPostgres.logger) { client in
            let first = try await migrator.migrate(client, logger: TestPostgres.logger)
            XCTAssertEqual(first, migrator.migrations.map(\.name))
            let second = try await migrator.migrate(client, logger: TestPostgres.logger)
            XCTAssertEqual(second, [])
            let status = try await migrator.status(client, logger: TestPostgres.logger)
            XCTAssertTrue(status.isCurrent)
        }
    }

    func testAnAppliedFileWhoseContentChangedIsRefusedByName() async throws {
        let url = try await TestPostgres.shared.freshDatabase()
        let copy = try copyOfMigrations()
        let edited = copy + "/0002_regions.sql"
        try (String(contentsOfFile: edited, encoding: .utf8) + "\n-- edited after landing\n").write(toFile: edited, atomically: true, encoding: .utf8)
        let migrator = try Migrator(directory: copy)
        try await PostgresClient.with(url, logger: TestPostgres.logger) { client in
            do {
                try await migrator.migrate(client, logger: TestPostgres.logger)
                XCTFail("an edited migration must be refused")
            } catch let failure as Migrator.Failure {
                XCTAssertTrue("\(failure)".contains("0002_regions.sql"), "\(failure)")
            }
            let status = try await migrator.status(client, logger: TestPostgres.logger)
            XCTAssertEqual(status.changed, ["0002_regions.sql"])
        }
    }

    func testAFailingMigrationLeavesNothingBehindAndNamesTheFile() async throws {
        let url = try await TestPostgres.shared.freshDatabase()
        let copy = try copyOfMigrations()
        try "CREATE TABLE fkp.half_done (x int);\nSELECT no_such_function();\n"
            .write(toFile: copy + "/9999_broken.sql", atomically: true, encoding: .utf8)
        let migrator = try Migrator(directory: copy)
        try await PostgresClient.with(url, logger: TestPostgres.logger) { client in
            do {
                try await migrator.migrate(client, logger: TestPostgres.logger)
                XCTFail("a broken migration must fail")
            } catch let failure as Migrator.Failure {
                XCTAssertTrue("\(failure)".contains("9999_broken.sql"), "\(failure)")
            }
            let rows = try await client.query("SELECT to_regclass('fkp.half_done')::text", logger: TestPostgres.logger)
            for try await name in rows.decode(String?.self) { XCTAssertNil(name, "the broken migration's first statement was rolled back") }
        }
    }

    /// Migration 0016 keeps the row images as text: the entries written before it keep their exact
    /// texts and hashes, and every chain still verifies.
    func testEntriesWrittenBeforeTheRowImagesBecameTextKeepTheirTextsAndVerify() async throws {
        let url = try await TestPostgres.shared.emptyDatabase()
        let before = try copyOfMigrations()
        try FileManager.default.removeItem(atPath: before + "/0016_audit_row_images_as_text.sql")
        try await PostgresClient.with(url, logger: TestPostgres.logger) { client in
            let db = Database(client: client, logger: TestPostgres.logger)
            try await Migrator(directory: before).migrate(client, logger: TestPostgres.logger)
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1"), SQLTest.family("F2", rank: 2)] + SQLTest.forum()
                                        + SQLTest.advance(to: .reviewing))
            let texts = "SELECT string_agg(coalesce(old_row::text, '-') || '|' || coalesce(new_row::text, '-') || '|' || hash, E'\n' ORDER BY id) FROM audit.entries"
            let stored = try await SQLTest.scalar(db, texts, as: String.self)
            let applied = try await Migrator(directory: TestPostgres.packageRoot + "/sql").migrate(client, logger: TestPostgres.logger)
            XCTAssertEqual(applied, ["0016_audit_row_images_as_text.sql"])
            let type = try await SQLTest.scalar(db, "SELECT atttypid::regtype::text FROM pg_attribute WHERE attrelid = 'audit.entries'::regclass AND attname = 'new_row'", as: String.self)
            XCTAssertEqual(type, "json")
            let migrated = try await SQLTest.scalar(db, texts, as: String.self)
            XCTAssertEqual(migrated, stored)
            let verification = try await AuditRepository(database: db).verify()
            XCTAssertTrue(verification.isValid, "\(verification.problems)")
            XCTAssertGreaterThan(verification.entries, 5)
        }
    }

    /// Migration 0037 gives the final lines stored before it the head's name and preliminary group
    /// they printed, from the families they name: the run's list still verifies, the change is in
    /// the audit trail line by line, and the lines are append-only again afterwards.
    func testFinalLinesStoredBeforeTheyKeptTheirNamesTakeThemFromTheFamilies() async throws {
        let url = try await TestPostgres.shared.emptyDatabase()
        let before = try copyOfMigrations(upTo: "0037")
        try await PostgresClient.with(url, logger: TestPostgres.logger) { client in
            let db = Database(client: client, logger: TestPostgres.logger)
            try await Migrator(directory: before).migrate(client, logger: TestPostgres.logger)
            let printed = [("F1", WelfareGroup.poor), ("F2", .vulnerable)].enumerated().map { index, family in
                Reranking.Entry(rank: index + 1, familyID: family.0, addedFamilyID: nil, slsCode: "32010100010001", headName: "Kepala \(family.0)",
                                preliminaryGroup: family.1, finalGroup: family.1, changes: [], reason: "", flags: [.notReviewed])
            }
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1"), SQLTest.family("F2", group: 3, rank: 2), """
                INSERT INTO fkp.rerank_runs (regency_code, provisional, inputs_sha256, output_sha256, family_count, created_by)
                VALUES ('3201', false, '\(String(repeating: "0", count: 64))', '\(FinalListCSV.sha256(of: printed))', 2, 'test')
                """, """
                INSERT INTO fkp.final_ranks (run_id, final_rank, family_id, sls_code, final_group, flags)
                VALUES (1, 1, 'F1', '32010100010001', 2, '{not_reviewed}'), (1, 2, 'F2', '32010100010001', 3, '{not_reviewed}')
                """])

            let applied = try await Migrator(directory: TestPostgres.packageRoot + "/sql").migrate(client, logger: TestPostgres.logger)
            XCTAssertEqual(applied.first, "0037_final_lines_keep_what_they_said.sql")
            var lines = ""
            try await FinalListExport(database: db).write(regency: try RegionCode("3201"), runID: 1) { lines += $0 }
            XCTAssertEqual(lines, FinalListCSV.document(printed), "the list as printed, and it still hashes to the run's output")
            let recorded = try await SQLTest.scalar(db, """
                SELECT count(*) FROM audit.entries
                 WHERE action = 'migration' AND table_name = 'fkp.final_ranks' AND operation = 'UPDATE' AND chain = 'regency:3201'
                """, as: Int64.self)
            XCTAssertEqual(recorded, 2)
            let verification = try await AuditRepository(database: db).verify()
            XCTAssertTrue(verification.isValid, "\(verification.problems)")
            await SQLTest.assertRefused("append-only") {
                try await SQLTest.write(db, ["UPDATE fkp.final_ranks SET head_name = 'Orang Lain' WHERE run_id = 1"])
            }
        }
    }

    /// The server's own role may not change the schema: a release's new migration run with its
    /// address is refused with what to do, and nothing is applied; the owner's address applies it
    /// and gives the role the new table.
    func testAMigrationRunAsTheServersRoleIsRefusedWithWhatToDo() async throws {
        let url = try await TestPostgres.shared.freshDatabase()
        let server = try await TestPostgres.shared.serverRoleURL(for: url)
        let copy = try copyOfMigrations()
        try "CREATE TABLE fkp.newer (id int);\n".write(toFile: copy + "/0999_newer.sql", atomically: true, encoding: .utf8)
        let migrator = try Migrator(directory: copy)
        try await PostgresClient.with(server, logger: TestPostgres.logger, maximumConnections: 1) { client in
            let current = try await Migrator(directory: TestPostgres.packageRoot + "/sql").migrate(client, logger: TestPostgres.logger)
            XCTAssertEqual(current, [], "on a current database the role's migrate has nothing to do, and does not fail")
            do {
                try await migrator.migrate(client, logger: TestPostgres.logger)
                XCTFail("the server's role must not change the schema")
            } catch let failure as Migrator.Failure {
                XCTAssertTrue("\(failure)".contains("lacks 1 migration(s), from 0999_newer.sql"), "\(failure)")
                XCTAssertTrue("\(failure)".contains("with the owner's address"), "\(failure)")
            }
        }
        try await PostgresClient.with(url, logger: TestPostgres.logger, maximumConnections: 1) { client in
            let applied = try await migrator.migrate(client, logger: TestPostgres.logger)
            XCTAssertEqual(applied, ["0999_newer.sql"])
            var granted = false
            let rows = try await client.query("SELECT has_table_privilege(\(ServerRole.name), 'fkp.newer', 'INSERT')", logger: TestPostgres.logger)
            for try await answer in rows.decode(Bool.self) { granted = answer }
            XCTAssertTrue(granted, "a table a migration adds is the server's role's at once")
        }
    }

    /// The migrations in a folder of their own; with `upTo`, only those numbered before it, as a
    /// database stood before that migration landed.
    private func copyOfMigrations(upTo first: String? = nil) throws -> String {
        let copy = NSTemporaryDirectory() + "fkp-sql-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: TestPostgres.packageRoot + "/sql", toPath: copy)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: copy) }
        if let first {
            for name in try FileManager.default.contentsOfDirectory(atPath: copy) where name >= first {
                try FileManager.default.removeItem(atPath: copy + "/" + name)
            }
        }
        return copy
    }
}
