@testable import FKPCore
import XCTest

final class RepeatedNumberFilterTests: XCTestCase {
    /// 16-digit numbers, distinct, spread as NIKs are (a place, a date, a serial).
    private func numbers(_ count: Int, from start: UInt64 = 3_201_014_501_800_001) -> [String] {
        (0..<UInt64(count)).map { String(start + $0 &* 7_919) }
    }

    func testEveryNumberOnTwoRowsIsACandidateAndFewOthersAre() throws {
        var filter = RepeatedNumberFilter()
        let distinct = numbers(200_000)
        let repeated = ["3201014501800001", distinct[150_000]]
        for number in distinct + repeated { filter.note(number) }
        let candidates = try XCTUnwrap(filter.candidates)
        XCTAssertTrue(Set(candidates).isSuperset(of: repeated), "no number on two rows is missed")
        XCTAssertLessThan(candidates.count, 200, "about one in a thousand others, at most, at a million rows: \(candidates.count)")
    }

    func testLeadingZerosAreKeptAndOtherTextsPassedOver() throws {
        var filter = RepeatedNumberFilter()
        for number in ["0000000000000042", "0000000000000042", "12345", "320101450180000x", "320101450180000x"] { filter.note(number) }
        XCTAssertEqual(filter.candidates, ["0000000000000042"])
    }

    func testTooManyCandidatesTellNothing() {
        var filter = RepeatedNumberFilter(mostCandidates: 10)
        for number in numbers(11) + numbers(11) { filter.note(number) }
        XCTAssertNil(filter.candidates, "the database is asked for the whole column")
        XCTAssertEqual(RepeatedNumberFilter().candidates, [], "a file of no rows has none")
    }
}
