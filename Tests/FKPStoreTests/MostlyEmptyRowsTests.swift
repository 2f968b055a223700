import FKPCore
import FKPStore
import FKPTestSupport
import XCTest

/// A list exported without several columns leaves every row mostly empty: the columns empty on
/// every row say it, once each, and the rows add nothing; a note under the list is still its own.
final class MostlyEmptyRowsTests: XCTestCase {
    func testRowsEmptyOnlyInColumnsEmptyOnEveryRowAreThoseColumnsProblem() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let rows = (1...12).map { "F\($0),32010100010001,Budi,Kp. Babakan,,,,,,," }
            let namesOnly = ListImportTests.header + "\n" + rows.joined(separator: "\n") + "\n"
            try await ListImportTests.assertRefused(namesOnly, "line 2, column members: empty on every one of the 12 rows", db)
            let problems = try await ListImportTests.refusal(.families, namesOnly, db)
            XCTAssertEqual(problems?.shown.map(\.column), ["members", "welfare_group", "welfare_score", "kk_number", "head_nik"])
            XCTAssertEqual(problems?.total, 5, "\(String(describing: problems))")
            let withNote = try await ListImportTests.refusal(.families, namesOnly + ",,Jumlah keluarga: 12,,,,,,,,\n", db)
            XCTAssertEqual(withNote?.total, 6)
            XCTAssertEqual(withNote?.shown.last?.description, "line 14: most of the row is empty, only head_name filled: a total or a note "
                           + "under the list, or a family not filled in (delete the line, or fill in the row)")
        }
    }
}
