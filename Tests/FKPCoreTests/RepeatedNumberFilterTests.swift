@testable import FKPCore
import XCTest

final class RepeatedNumberFilterTests: XCTestCase {
    /// 16-digit numbers of one district, drawn at random, distinct.
    private func numbers(_ count: Int) -> [String] {
        var random = SeededRandom(seed: 49)
        var drawn = Set<UInt64>()
        while drawn.count < count { drawn.insert(3_201_010_000_000_000 + random.next() % 10_000_000_000) }
        return drawn.sorted().map { String($0) }
    }

    func testEveryNumberOnTwoRowsIsACandidateAndFewOthersAre() throws {
        var filter = RepeatedNumberFilter()
        let distinct = numbers(200_000)
        let repeated = [distinct[0], distinct[150_000], "3201019999999999"]
        for number in distinct + repeated + ["3201019999999999"] { filter.note(number) }
        let candidates = try XCTUnwrap(filter.candidates)
        XCTAssertTrue(Set(candidates).isSuperset(of: repeated), "no number on two rows is missed")
        XCTAssertLessThan(candidates.count, 400, "about one in two thousand others at 200,000 rows, one in two hundred at a million: \(candidates.count)")
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
