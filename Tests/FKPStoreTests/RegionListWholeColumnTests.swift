import FKPCore
import FKPStore
import FKPTestSupport
import XCTest

/// A regions list broken as a whole, named once for the column or the header rather than on every
/// row, and nothing changed.
final class RegionListWholeColumnTests: XCTestCase {
    private static let places = [
        ("3202", "Kabupaten Sukabumi", "regency"), ("3202010", "Kecamatan Cisolok", "district"),
        ("3202010001", "Desa Cikahuripan", "village"), ("3202010002", "Desa Karangpapak", "village"),
        ("32020100010001", "RT 001 / RW 001", "sls"), ("32020100010002", "RT 002 / RW 001", "sls"),
    ]

    /// The list's rows as `columns` orders them, each row's values changed by `change`.
    private static func list(_ header: String = "code,name,level",
                             _ change: ((String, String, String)) -> [String] = { [$0.0, $0.1, $0.2] }) -> String {
        ([header] + places.map { change($0).joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    func testAColumnEmptyOnEveryRowIsOneProblem() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let noLevels = Self.list { [$0.0, $0.1, ""] }
            try await ListImportTests.assertRefused(noLevels, "line 2, column level: empty on every one of the 6 rows", db, kind: .regions)
            let problems = try await ListImportTests.refusal(.regions, noLevels, db)
            XCTAssertEqual(problems?.total, 1, "the rows' own 'must not be empty' are the column's: \(String(describing: problems))")
            // The rows' other problems are still named.
            let noNamesOneBadCode = Self.list { [$0.0 == "3202010002" ? "320201002" : $0.0, "", $0.2] }
            let withBadCode = try await ListImportTests.refusal(.regions, noNamesOneBadCode, db)
            XCTAssertEqual(withBadCode?.description, """
                line 2, column name: empty on every one of the 6 rows: the column is in the header but its values are not in the file \
                (a list exported without them? the format requires them)
                line 5, column code: value '320201002': 9 digits is no level's length (2, 4, 7, 10, 14 or 16)
                """)
            // One row with its name empty is that row's problem.
            try await ListImportTests.assertRefused(Self.list { [$0.0, $0.0 == "3202" ? "" : $0.1, $0.2] },
                                                    "line 2, column name: must not be empty", db, kind: .regions)
        }
    }

    func testNamesSwappedOrMovedRoundInTheHeaderAreOneProblem() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let swapped = [
                (Self.list("code,level,name"), "name", "level"),
                (Self.list("name,code,level"), "code", "name"),
                (Self.list("code,name,non_sls,level") { [$0.0, $0.1, $0.2, "false"] }, "level", "non_sls"),
            ]
            for (text, one, other) in swapped {
                try await ListImportTests.assertRefused(text, "line 1, column \(one): the values under \(one) are those of \(other)", db, kind: .regions)
                let problems = try await ListImportTests.refusal(.regions, text, db)
                XCTAssertEqual(problems?.total, 1, text)
            }
            // Three names moved round: a header typed in another order than the values'.
            let movedRound = Self.list("level,code,name")
            let moved = try await ListImportTests.refusal(.regions, movedRound, db)
            XCTAssertEqual(moved?.description, "line 1, column code: the names in the header stand over other columns' values: under code are "
                           + "the values of name, under name those of level, under level those of code (put each name over its own values)")
            // A name that is a level's word on a row or two is those rows' problem, not a swap.
            try await ListImportTests.assertRefused(Self.list { [$0.0, $0.1, $0.0 == "3202" ? "Kabupaten" : $0.2] },
                                                    "line 2, column level: value 'Kabupaten': write the level in the format's words", db, kind: .regions)
            let report = try await ListImportTests.load(.regions, Self.list { [$0.0, $0.0 == "3202010" ? "Desa" : $0.1, $0.2] }, db)
            XCTAssertEqual(report.added, 6, "a place named as a level's word is still a name")
        }
    }

    /// Names filled from the code's column (or columns shifted): a code where the name belongs is
    /// refused on its row. A unit named by a short number (`001`) is a name.
    func testACodeAsAPlacesNameIsRefused() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            try await ListImportTests.assertRefused(Self.list { [$0.0, $0.0, $0.2] },
                                                    "line 2, column name: value '3202': a number where a name belongs", db, kind: .regions)
            try await ListImportTests.assertRefused(Self.list { [$0.0, $0.0 == "3202010001" ? "3202010002" : $0.1, $0.2] },
                                                    "line 4, column name: value '3202010002': a number where a name belongs", db, kind: .regions)
            // A number that may be a personal one is masked.
            let nik = try await ListImportTests.refusal(.regions, Self.list { [$0.0, $0.0 == "3202" ? "3202014501800001" : $0.1, $0.2] }, db)
            XCTAssertEqual(nik?.shown.first?.value, PersonalNumber.masked("3202014501800001"))
            let report = try await ListImportTests.load(.regions, Self.list { [$0.0, $0.2 == "sls" ? String($0.0.suffix(3)) : $0.1, $0.2] }, db)
            XCTAssertEqual(report.added, 6)
        }
    }

    /// Levels, or yes and no, written in other words on every row: one replacement for the column,
    /// each word once. A few rows so written are each told their own.
    func testAColumnInOtherWordsOnEveryRowIsOneReplacement() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let words = ["regency": "Kabupaten", "district": "Kecamatan", "village": "Desa", "sls": "RT"]
            let indonesian = try await ListImportTests.refusal(.regions, Self.list { [$0.0, $0.1, words[$0.2]!] }, db)
            XCTAssertEqual(indonesian?.description, "line 2, column level: every one of the 6 values is in other words than the format's: "
                           + "write regency for Kabupaten, district for Kecamatan, village for Desa, sls for RT (replace them in the whole column)")
            let yesOrNo = try await ListImportTests.refusal(.regions, Self.list("code,name,level,non_sls") { [$0.0, $0.1, $0.2, $0.2 == "sls" ? "" : "Tidak"] }, db)
            XCTAssertEqual(yesOrNo?.description, "line 2, column non_sls: every one of the 4 values is in other words than the format's: "
                           + "write false for Tidak (replace them in the whole column)")
            let some = try await ListImportTests.refusal(.regions, Self.list { [$0.0, $0.1, $0.2 == "village" ? "Desa" : $0.2] }, db)
            XCTAssertEqual(some?.shown.map(\.problem), [.levelNamedOtherwise(.village), .levelNamedOtherwise(.village)])
        }
    }

    /// One name on every row for places of several levels: the column filled down, which would name
    /// every place alike. Units alone may share one (`Pondok Pesantren` in each village).
    func testOneNameOnEveryRowOfSeveralLevelsIsRefusedForTheColumn() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let units = (1...12).map { ("3202010001\(String(format: "%04d", $0))", "RT \($0)", "sls") }
            let header = "code,name,level\n"
            let places = [("3202", "regency"), ("3202010", "district"), ("3202010001", "village")] + units.map { ($0.0, $0.2) }
            let filledDown = header + places.map { "\($0.0),Desa Cikahuripan,\($0.1)" }.joined(separator: "\n") + "\n"
            let refused = try await ListImportTests.refusal(.regions, filledDown, db)
            XCTAssertEqual(refused?.description, "line 2, column name: the same name on every one of the 15 rows, for places of several levels: "
                           + "one name filled down or pasted over the whole column (give each place its own name)")
            try await ListImportTests.assertRefused(filledDown, "the same name on every one of the 15 rows", db, kind: .regions)
            // Units of one level sharing a name, and fewer than ten rows of several levels, load.
            let sharedUnitName = header + "3202,Sukabumi,regency\n3202010,Cisolok,district\n3202010001,Desa Cikahuripan,village\n"
            let loaded = try await ListImportTests.load(.regions, sharedUnitName, db)
            XCTAssertEqual(loaded.added, 3)
            let pesantren = try await ListImportTests.load(.regions, header + units.map { "\($0.0),Pondok Pesantren,\($0.2)" }.joined(separator: "\n") + "\n", db)
            XCTAssertEqual(pesantren.added, 12)
            let few = try await ListImportTests.load(.regions, header + "3202,X,regency\n3202010,X,district\n", db)
            XCTAssertEqual(few.changed, 2)
        }
    }
}
