@testable import FKPCore
import XCTest

final class ScoresWithinUnitsTests: XCTestCase {
    private func oneScorePerUnit(_ rows: [(String, String)]) -> (units: Int, rows: Int)? {
        var scores = ScoresWithinUnits()
        for (unit, score) in rows { scores.count(unit: unit, score: score) }
        return scores.oneScorePerUnit
    }

    func testEveryUnitWithOneScoreIsFound() throws {
        let zeros = (1...12).map { _ in ("A", "0") }
        XCTAssertEqual(oneScorePerUnit(zeros)?.units, 1)
        XCTAssertEqual(oneScorePerUnit(zeros)?.rows, 12)
        // A score per unit; a unit of one family says nothing either way.
        let perUnit = (1...4).map { _ in ("A", "3.5") } + [("B", "7.25")] + (1...4).map { _ in ("C", "1.5") } + (1...3).map { _ in ("D", "9") }
        let found = try XCTUnwrap(oneScorePerUnit(perUnit))
        XCTAssertEqual(found.units, 3)
        XCTAssertEqual(found.rows, 11)
    }

    func testOneUnitWithTwoScoresOrTooFewRowsIsNone() {
        let oneVaries = (1...6).map { _ in ("A", "3.5") } + [("B", "1.5"), ("B", "1.5"), ("B", "1.5"), ("B", "2.5"), ("B", "1.5")]
        XCTAssertNil(oneScorePerUnit(oneVaries))
        XCTAssertNil(oneScorePerUnit((1...9).map { _ in ("A", "0") }), "nine rows could be chance")
        XCTAssertNil(oneScorePerUnit((1...12).map { ("U\($0)", "0") }), "units of one family")
    }
}
