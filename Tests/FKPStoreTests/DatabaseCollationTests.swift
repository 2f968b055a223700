import FKPStore
import FKPTestSupport
import PostgresNIO
import XCTest

final class DatabaseCollationTests: XCTestCase {
    func testADatabaseInByteOrderNeedsNoWarning() async throws {
        let url = try await TestPostgres.shared.emptyDatabase(textOrder: .bytes)
        let collation = try await PostgresClient.with(url, logger: TestPostgres.logger, maximumConnections: 1) { client in
            try await DatabaseCollation.read(client, logger: TestPostgres.logger)
        }
        XCTAssertTrue(collation.comparesBytes, collation.name)
        XCTAssertEqual(collation.name, "C.UTF-8")
        XCTAssertNil(collation.warning)
    }

    func testADatabaseOrderedByALanguagesRulesIsNamedInTheWarning() async throws {
        let url = try await TestPostgres.shared.emptyDatabase(textOrder: .americanEnglish)
        let collation = try await PostgresClient.with(url, logger: TestPostgres.logger, maximumConnections: 1) { client in
            try await DatabaseCollation.read(client, logger: TestPostgres.logger)
        }
        XCTAssertFalse(collation.comparesBytes)
        XCTAssertEqual(collation.name, "en-US")
        let warning = try XCTUnwrap(collation.warning)
        XCTAssertTrue(warning.contains("rules of en-US"), warning)
        XCTAssertTrue(warning.contains("LOCALE 'C.UTF-8'"), warning)
        XCTAssertTrue(warning.contains("docs/operations.md"), warning)
    }
}
