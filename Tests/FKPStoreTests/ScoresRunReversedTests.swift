import FKPCore
import FKPStore
import FKPTestSupport
import XCTest

/// A list whose scores run the other way (higher for the poorer groups) would put every unit's
/// richest families first: refused for the column, nothing changed.
final class ScoresRunReversedTests: XCTestCase {
    private static func list(_ score: (_ group: Int, _ n: Int) -> String) -> String {
        let rows = (1...40).map { n in
            let group = n % 4 + 1
            return ListImportTests.row("F\(n)", group: String(group), score: score(group, n),
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
}
