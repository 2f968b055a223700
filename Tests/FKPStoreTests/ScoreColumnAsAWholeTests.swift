import FKPCore
import FKPStore
import FKPTestSupport
import XCTest

/// A score column wrong as a whole, though each value is a decimal: running the other way (higher
/// for the poorer groups: every unit's richest families first), one score for all of a unit's
/// families (their order by family id alone), or each family's group. Refused for the column,
/// nothing changed. And the scores that only the whole column shows wrong: whole numbers among
/// decimals, their dot lost.
final class ScoreColumnAsAWholeTests: XCTestCase {
    private static func list(_ score: (_ group: Int, _ n: Int) -> String) -> String {
        let rows = (1...40).map { n in
            let group = n % 4 + 1
            return ListImportTests.row("F\(n)", name: ListImportTests.headName(n), group: String(group), score: score(group, n),
                                       kk: "32010101010\(String(format: "%05d", n))", nik: "32010145018\(String(format: "%05d", n))")
        }
        return ListImportTests.header + "\n" + rows.joined(separator: "\n") + "\n"
    }

    func testScoresFallingFromThePoorestGroupToTheRichestAreRefused() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            // A probability of being poor: 0.9 for group 1 down to 0.3 for group 4.
            let probabilities = Self.list { group, n in "0.\(10 - 2 * group)\(n % 10)" }
            try await ListImportTests.assertRefused(probabilities, "line 2, column welfare_score: the scores run the wrong way: "
                                                    + "the families of group 1 score 0.84 on average, those of group 4 0.25", db)
            let report = try await ListImportTests.load(.families, Self.list { group, n in "\(group * 10).\(n % 10)" }, db)
            XCTAssertEqual(report.added, 40, "scores rising with the groups")
        }
    }

    func testOneScoreForEveryFamilyOfAUnitIsRefused() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            // Each family's group as its score: the column filled from welfare_group, the order by group and id alone.
            try await ListImportTests.assertRefused(Self.list { group, _ in "\(group)" },
                                                    "line 2, column welfare_score: on every one of the 40 rows the score is the row's welfare group", db)
            try await ListImportTests.assertRefused(Self.list { _, _ in "0" }, "line 2, column welfare_score: the same score on every one of the 40 rows", db)
            // A score given to each unit, not to each family: twelve families in each of two units.
            let units = ["32010100010001", "32010100010002"]
            let rows = (1...24).map { n in
                ListImportTests.row("F\(n)", unit: units[(n - 1) / 12], name: ListImportTests.headName(n), score: n <= 12 ? "12.75" : "30.5",
                                    kk: "32010101010\(String(format: "%05d", n))", nik: "32010145018\(String(format: "%05d", n))")
            }
            try await ListImportTests.assertRefused(ListImportTests.header + "\n" + rows.joined(separator: "\n") + "\n",
                                                    "line 2, column welfare_score: within each of the 2 units every family has the same score (24 rows)", db)
        }
    }

    func testScoresWhoseDotASpreadsheetTookForAThousandsSeparatorAreRefusedEachOnItsLine() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            // Opened in a spreadsheet set to Indonesian: 2.504 (three decimals) became 2504, 1.2345 stayed as written.
            let mangled = Self.list { group, n in n == 7 ? "2504" : n == 30 ? "3012" : "\(group).\(1000 + n * 7)" }
            let problems = try await ListImportTests.refusal(.families, mangled, db)
            XCTAssertEqual(problems?.shown.map(\.line), [8, 31])
            XCTAssertEqual(problems?.shown.first?.description, "line 8, column welfare_score: value '2504': a whole number far above the "
                           + "list's scores with decimals (from 1.1028 to 4.1273), which would rank this family among the richest of its unit: its "
                           + "dot lost, as when a spreadsheet set to Indonesian, where a dot separates thousands, reads 2.504? (write the score "
                           + "with its dot; open a list in a spreadsheet through Data → From Text/CSV, every column as Text, not by a double click)")
            XCTAssertTrue(problems?.shown.last?.description.contains("value '3012'") == true, "\(String(describing: problems))")
            try await ListImportTests.assertRefused(mangled, "line 31, column welfare_score", db)
            // A whole number at most ten times the highest decimal may be a score of its own (100 on a scale to 99.5): loaded.
            let report = try await ListImportTests.load(.families, Self.list { group, n in n == 7 ? "41" : "\(group).\(1000 + n * 7)" }, db)
            XCTAssertEqual(report.added, 40)
        }
    }
}
