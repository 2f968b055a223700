import FKPCore
import FKPStore
import FKPTestSupport
import XCTest

/// A header that names optional columns no row has (copied from the format, above rows from a
/// system without them) is one problem for the header, not one on every row; nothing changes.
final class OptionalColumnsInNoRowTests: XCTestCase {
    /// A family's row without its coordinates: the nine required fields alone.
    private static func rowWithoutCoordinates(_ id: String, group: String = "2") -> String {
        ListImportTests.row(id, group: group).split(separator: ",", omittingEmptySubsequences: false).prefix(9).joined(separator: ",")
    }

    func testColumnsNoRowHasAreOneProblemForTheHeader() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            // 150 rows, two of them wrong otherwise: those two still named, past the hundred a count is right.
            let rows = (1...150).map { Self.rowWithoutCoordinates("F\($0)", group: $0 == 3 || $0 == 140 ? "7" : "2") }
            let families = ListImportTests.header + "\n" + rows.joined(separator: "\n") + "\n"
            try await ListImportTests.assertRefused(families, "line 1: no row has latitude and longitude: every one of the 150 rows ends before them", db)
            let problems = try await ListImportTests.refusal(.families, families, db)
            XCTAssertEqual(problems?.description, """
                line 1: no row has latitude and longitude: every one of the 150 rows ends before them (delete them from the header)
                line 4: 9 fields where the header has 11
                line 141: 9 fields where the header has 11
                """)
            let regions = "code,name,level,non_sls\n3202,Kabupaten Sukabumi,regency\n3202010,Kecamatan Cisolok,district\n"
            let regionProblems = try await ListImportTests.refusal(.regions, regions, db)
            XCTAssertEqual(regionProblems?.description, "line 1: no row has non_sls: every one of the 2 rows ends before it (delete it from the header)")
        }
    }

    func testColumnsSomeRowHasOrOneRowLeavesOutAreEachRowsProblem() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let leftOut = "9 fields where the header has 11: the line leaves out latitude and longitude at its end"
            // One row with its coordinates: the others must write their commas.
            let oneWith = ListImportTests.header + "\n" + Self.rowWithoutCoordinates("F1") + "\n"
                + ListImportTests.row("F2", latitude: "-6.5", longitude: "106.8") + "\n" + Self.rowWithoutCoordinates("F3") + "\n"
            let some = try await ListImportTests.refusal(.families, oneWith, db)
            XCTAssertEqual(some?.shown.map(\.line), [2, 4])
            XCTAssertTrue(some?.description.contains("line 2: " + leftOut) == true, "\(String(describing: some))")
            try await ListImportTests.assertRefused(ListImportTests.header + "\n" + Self.rowWithoutCoordinates("F1") + "\n", "line 2: " + leftOut, db)
            // Rows short of two values somewhere else are not told that the header's last columns are in no row.
            let middleMissing = ListImportTests.header + "\n" + (1...3).map { "F\($0),32010100010001,Budi,4,2,3201010101000001,3201014501800001,," }
                .joined(separator: "\n") + "\n"
            let shifted = try await ListImportTests.refusal(.families, middleMissing, db)
            XCTAssertFalse(shifted?.description.contains("no row has") ?? true, "\(String(describing: shifted))")
        }
    }
}
