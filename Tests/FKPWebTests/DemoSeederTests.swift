import FKPCore
import FKPStore
import FKPTestSupport
@testable import FKPWeb
import XCTest

/// The demo's data arrives as BPS staff's does: the regency's two lists imported as batches, which
/// the demo's BPS account then sees on its import page; a second start changes nothing.
final class DemoSeederTests: XCTestCase {
    func testTheDemoRegencyIsImportedAsTwoBatchesAndASecondStartChangesNothing() async throws {
        try await withTestDatabase { db, _ in
            let seeder = DemoSeeder(database: db, hasher: PasswordHasher(cost: 4))
            let accounts = try await seeder.seed(logger: db.logger)
            XCTAssertEqual(Set(accounts.map(\.role)), Set(Role.allCases), "one account per role")
            XCTAssertEqual(accounts.filter { $0.role == .facilitator }.map(\.place), ["3201010001", "3201010002"],
                           "and a second village's facilitator, who runs the forums planned there")

            let demoForum = try await ForumRepository(database: db).summary(1)
            XCTAssertEqual(demoForum?.opensEarly(now: Date()), true, "the demo's forum is tomorrow's at its village, whatever the hour here")
            let table = DemoSeeder.Account.table(accounts)
            XCTAssertEqual(table.count, accounts.count)
            for (line, account) in zip(table, accounts) {
                XCTAssertTrue(line.hasPrefix(account.username + " ") && line.contains(" password \(account.password) "),
                              "the banner shows every name and password whole: \(line)")
            }
            XCTAssertEqual(Set(table.map { $0.range(of: " password ")?.lowerBound.utf16Offset(in: $0) }).count, 1, "in columns")

            let batches = try await ImportBatchRepository(database: db).recent(within: [DemoSeeder.regency])
            XCTAssertEqual(batches.map(\.fileName).sorted(), ["demo-3201-families.csv", "demo-3201-regions.csv"])
            XCTAssertEqual(batches.first { $0.kind == "families" }?.added, 2000)
            XCTAssertEqual(batches.map(\.actor), ["system:demo", "system:demo"])
            let unbatched = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.families WHERE import_batch_id IS NULL", as: Int64.self)
            XCTAssertEqual(unbatched, 0, "every family came with its batch")

            let state = "SELECT (SELECT count(*) FROM audit.entries) || '/' || (SELECT count(*) FROM fkp.import_batches)"
            let before = try await SQLTest.scalar(db, state, as: String.self)
            _ = try await seeder.seed(logger: db.logger)
            let after = try await SQLTest.scalar(db, state, as: String.self)
            XCTAssertEqual(after, before)
            let verification = try await AuditRepository(database: db).verify()
            XCTAssertTrue(verification.isValid)
        }
    }
}
