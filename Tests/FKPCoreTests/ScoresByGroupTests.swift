@testable import FKPCore
import XCTest

final class ScoresByGroupTests: XCTestCase {
    private func reversal(_ rows: [(Int, String)]) -> (poorest: Int, itsMean: String, richest: Int, theirMean: String)? {
        var scores = ScoresByGroup()
        for (group, score) in rows { scores.count(WelfareGroup(rawValue: group)!, score: Double(score)!) }
        return scores.reversal
    }

    private func rows(_ group: Int, _ scores: [Double]) -> [(Int, String)] { scores.map { (group, String($0)) } }

    func testMeansFallingFromTheFirstGroupToTheLastAreAReversal() throws {
        let reversed = rows(1, [0.9, 0.95, 0.85, 0.92, 0.88]) + rows(3, [0.5, 0.55, 0.45, 0.5, 0.5]) + rows(4, [0.1, 0.2, 0.15, 0.1, 0.05])
        let found = try XCTUnwrap(reversal(reversed))
        XCTAssertEqual(found.poorest, 1)
        XCTAssertEqual(found.itsMean, "0.9")
        XCTAssertEqual(found.richest, 4)
        XCTAssertEqual(found.theirMean, "0.12")
    }

    func testRisingOrMixedMeansOrTooFewRowsAreNone() {
        let rising = rows(1, [1, 2, 3, 4, 5]) + rows(2, [6, 7, 8, 9, 10]) + rows(4, [50, 60, 70, 80, 90])
        XCTAssertNil(reversal(rising))
        // Falling from one group to the next but not all the way: the groups overlap, as real lists' may.
        let mixed = rows(1, [5, 5, 5, 5, 5]) + rows(2, [4, 4, 4, 4, 4]) + rows(3, [9, 9, 9, 9, 9])
        XCTAssertNil(reversal(mixed))
        // Falling means over values spread alike in both groups (ids under the score's name): chance.
        let spread = rows(1, [10, 90, 60, 70, 80]) + rows(4, [5, 95, 20, 30, 40])
        XCTAssertNil(reversal(spread))
        XCTAssertNil(reversal(rows(1, [9, 9, 9, 9, 9])), "one group")
        XCTAssertNil(reversal(rows(1, [9, 9, 9, 9]) + rows(4, [1, 1, 1, 1])), "four rows a group could be chance")
        XCTAssertNil(reversal(rows(1, [5, 5, 5, 5, 5]) + rows(4, [5, 5, 5, 5, 5])), "equal means")
    }
}
