@testable import FKPCore
import XCTest

final class SwappedColumnsTests: XCTestCase {
    private let names = FamilyCSV.columns

    private func pairs(_ rows: [[String]]) -> [(String, String)] {
        var columns = SwappedColumns(names: names)
        rows.forEach { columns.sample($0) }
        return columns.pairs(fits: FamilyCSV.fits)
    }

    private func row(_ n: Int) -> [String] {
        ["F\(n)", "32010100010001", "Budi", "Kp. Babakan", "4", "2", "10.5", "320101010100\(String(format: "%04d", n))",
         "320101450180\(String(format: "%04d", n))", "", ""]
    }

    private func swapping(_ rows: [[String]], _ one: Int, _ other: Int) -> [[String]] {
        rows.map { var row = $0; row.swapAt(one, other); return row }
    }

    func testTwoColumnsUnderEachOthersNamesAreAPair() {
        let rows = (1...12).map(row)
        XCTAssertTrue(pairs(rows).isEmpty, "a right list")
        let cases: [(Int, Int)] = [(0, 9), (4, 7), (2, 8), (1, 2), (5, 10)]
        for (one, other) in cases {
            let found = pairs(swapping(rows, one, other))
            XCTAssertEqual(found.map { [$0.0, $0.1] }, [[names[one], names[other]]], "\(names[one]) and \(names[other])")
        }
        // Two pairs at once, each named.
        XCTAssertEqual(pairs(swapping(swapping(rows, 0, 9), 4, 7)).map(\.0), ["family_id", "members"])
    }

    func testValuesThatFitBothRulesOrTooFewRowsAreNoPair() {
        let rows = (1...12).map(row)
        XCTAssertTrue(pairs(swapping(rows, 7, 8)).isEmpty, "a NIK and a family card number fit each other's rule")
        XCTAssertTrue(pairs(swapping(rows, 2, 3)).isEmpty, "a name and an address: the rule of a name is too loose to tell")
        XCTAssertTrue(pairs(Array(swapping(rows, 0, 9).prefix(2))).isEmpty, "two rows")
        // Most rows, not all: a few right rows among swapped ones are still a swap; half are not.
        let mostly = swapping(Array(rows.prefix(10)), 4, 7) + Array(rows.suffix(2))
        XCTAssertEqual(pairs(mostly).count, 1)
        let half = swapping(Array(rows.prefix(6)), 4, 7) + Array(rows.suffix(6))
        XCTAssertTrue(pairs(half).isEmpty)
    }
}
