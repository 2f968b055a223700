import FKPCore
import FKPStore
import FKPTestSupport
import Foundation
import PostgresNIO
import XCTest

/// docs/operations.md's backup, done as an operator would: a dump restored into a fresh database
/// keeps the audit trail intact, and the schema is current there.
final class BackupRestoreTests: XCTestCase {
    func testADumpRestoredIntoAFreshDatabaseStillVerifies() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, AuditExportTests.history + SQLTest.close())
            _ = try await TestPostgres.shared.serverRoleURL(for: url)  // the role exists, and the dumped database grants it
            let bin = try XCTUnwrap(LocalPostgres.findBinDirectory(), "the PostgreSQL programs are installed")
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let dump = folder + "/fkp.dump"
            let dumped = try CommandLineTests.run(bin + "/pg_dump", ["--format=custom", "--file=" + dump, "--dbname=" + url.urlString])
            XCTAssertEqual(dumped.status, 0, dumped.output)

            let fresh = try await TestPostgres.shared.emptyDatabase()
            // Without the dump's grants, which name roles the restoring server may not have: `fkp migrate` gives them again.
            let restored = try CommandLineTests.run(bin + "/pg_restore", ["--no-owner", "--no-acl", "--exit-on-error", "--dbname=" + fresh.urlString, dump])
            XCTAssertEqual(restored.status, 0, restored.output)
            let before = try CommandLineTests.fkp(["audit", "verify"], database: url)
            let after = try CommandLineTests.fkp(["audit", "verify"], database: fresh)
            XCTAssertEqual(after.status, 0, after.output)
            XCTAssertEqual(after.output, before.output, "the same entries and chains, intact")
            let migrate = try CommandLineTests.fkp(["migrate"], database: fresh)
            XCTAssertEqual(migrate.status, 0, migrate.output)
            XCTAssertTrue(migrate.output.contains("is up to date"), "the restored schema is current: \(migrate.output)")
            let granted = try await PostgresClient.with(fresh, logger: TestPostgres.logger, maximumConnections: 1) { client in
                var answer = false
                let rows = try await client.query(
                    "SELECT has_table_privilege(\(ServerRole.name), 'audit.security_events', 'INSERT')", logger: TestPostgres.logger)
                for try await value in rows.decode(Bool.self) { answer = value }
                return answer
            }
            XCTAssertTrue(granted, "the server's role may work on the restored database")
        }
    }
}
