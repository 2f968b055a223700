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

    private func copyOfMigrations() throws -> String {
        let copy = NSTemporaryDirectory() + "fkp-sql-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: TestPostgres.packageRoot + "/sql", toPath: copy)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: copy) }
        return copy
    }
}
