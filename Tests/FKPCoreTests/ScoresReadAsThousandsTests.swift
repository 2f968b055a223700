@testable import FKPCore
import XCTest

final class ScoresReadAsThousandsTests: XCTestCase {
    /// The lines (from 2) of the scores read as thousands, and what each meant.
    private func readAsThousands(_ scores: [String]) -> [(line: Int, meant: String)] {
        var tally = ScoresReadAsThousands()
        for (index, score) in scores.enumerated() { tally.count(line: index + 2, text: score, value: Double(score)!) }
        return tally.problems.map { ($0.line, $0.meant) }
    }

    /// Twelve scores with decimals, from 0.1234 to 3.9876.
    private let decimals = ["0.1234", "3.9876"] + (1...10).map { "1.\(2000 + $0)" }

    func testAWholeNumberFarAboveTheDecimalsWhoseThousandthLiesAmongThemIsFound() throws {
        let found = readAsThousands(decimals + ["1502", "2.5", "0250", "3987"])
        XCTAssertEqual(found.map(\.line), [14, 16, 17])
        XCTAssertEqual(found.map(\.meant), ["1.502", "0.250", "3.987"])
        var tally = ScoresReadAsThousands()
        for score in decimals + ["1502"] { tally.count(line: 1, text: score, value: Double(score)!) }
        let problem = try XCTUnwrap(tally.problems.first)
        XCTAssertEqual([problem.written, problem.lowest, problem.highest], ["1502", "0.1234", "3.9876"])
    }

    func testWholeNumbersThatMayBeScoresOfTheirOwnAreNotFound() {
        XCTAssertTrue(readAsThousands(decimals + ["39", "1", "0"]).isEmpty, "at most ten times the highest decimal")
        XCTAssertTrue(readAsThousands(decimals + ["4500", "120"]).isEmpty, "a thousandth outside the decimals' range")
        XCTAssertTrue(readAsThousands(Array(decimals.prefix(9)) + ["1502"]).isEmpty, "fewer than ten decimals")
        XCTAssertTrue(readAsThousands(Array(decimals.prefix(10)) + (1...10).map { "15\($0)" }).isEmpty, "as many whole numbers as decimals")
        XCTAssertTrue(readAsThousands(decimals + ["-1502", "+1502"]).isEmpty, "a sign: no spreadsheet's whole number")
    }

    func testWholeNumbersOutnumberingTheDecimalsPastAThousandAreLetGo() {
        // Kept, these would be found: fewer than the decimals that follow. A list of whole-number scores is not kept in memory.
        let wholes = Array(repeating: "1202", count: 1001), laterDecimals = (1...2000).map { "1.\(2000 + $0 % 100)" }
        XCTAssertTrue(readAsThousands(wholes + laterDecimals).isEmpty)
        XCTAssertEqual(readAsThousands(Array(wholes.prefix(1000)) + laterDecimals).count, 1000)
    }

    func testTheThousandthIsWrittenWithThreeDecimals() {
        XCTAssertEqual(ScoresReadAsThousands.thousandth(of: 1502), "1.502")
        XCTAssertEqual(ScoresReadAsThousands.thousandth(of: 50), "0.050")
        XCTAssertEqual(ScoresReadAsThousands.thousandth(of: 12000), "12.000")
    }

    func testAWholeCoordinateOutsideIndonesiaWhoseThousandthIsInsideIsNamedSo() {
        XCTAssertEqual(FamilyCSV.outsideProblem("-6502", bounds: FamilyCSV.latitudes), .coordinateReadAsThousands(meant: "-6.502"))
        XCTAssertEqual(FamilyCSV.outsideProblem("106827", bounds: FamilyCSV.longitudes), .coordinateReadAsThousands(meant: "106.827"))
        let latitudes = FamilyCSV.latitudes, longitudes = FamilyCSV.longitudes
        for (value, bounds) in [("7", latitudes), ("-650", latitudes), ("200000", longitudes), ("-6502.5", latitudes), ("40.5", latitudes)] {
            XCTAssertEqual(FamilyCSV.outsideProblem(value, bounds: bounds), .outsideIndonesia(bounds), value)
        }
    }
}
