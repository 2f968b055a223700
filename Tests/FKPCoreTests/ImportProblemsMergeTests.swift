import FKPCore
import XCTest

final class ImportProblemsMergeTests: XCTestCase {
    private func problems(lines: [Int], column: String? = nil) -> ImportProblems {
        ImportProblems(lines.map { ImportProblem(line: $0, column: column, problem: .empty) })
    }

    func testTwoListsMergeInTheOrderOfTheirLines() {
        let merged = problems(lines: [1, 4, 9]).mergedByLine(with: problems(lines: [2, 4, 12]))
        XCTAssertEqual(merged.shown.map(\.line), [1, 2, 4, 4, 9, 12])
        XCTAssertEqual(merged.total, 6)
    }

    /// Each list shows its first hundred; the merge shows the first hundred of both and counts the
    /// rest, by column, whichever list held them.
    func testTheFirstHundredOfBothAreShownAndTheRestCounted() {
        let rows = problems(lines: Array(stride(from: 2, through: 400, by: 2)), column: "members")
        let lines = problems(lines: Array(stride(from: 3, through: 301, by: 2)))
        let merged = rows.mergedByLine(with: lines)
        XCTAssertEqual(merged.total, 200 + 150)
        XCTAssertEqual(merged.shown.count, ImportProblems.shownAtMost)
        XCTAssertEqual(merged.shown.map(\.line), Array(2...101))
        XCTAssertEqual(merged.unshown.map(\.count).reduce(0, +), 250)
        XCTAssertEqual(merged.unshown.first { $0.column == "members" }?.count, 150)
    }

    func testProblemsKnownOnlyByTheirNumberAreCountedNotShown() {
        var problems = problems(lines: [2, 3])
        problems.appendCounted(40, inColumn: nil)
        problems.appendCounted(0, inColumn: "members")
        XCTAssertEqual(problems.total, 42)
        XCTAssertEqual(problems.shown.count, 2)
        XCTAssertEqual(problems.unshown.map(\.count), [40])
        XCTAssertTrue(problems.description.hasSuffix("... and 40 more problems (40 in whole lines)"), problems.description)
    }
}
