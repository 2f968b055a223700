@testable import FKPCore
import XCTest

final class SpreadsheetRoundedColumnTests: XCTestCase {
    private func column(_ values: [String]) -> SpreadsheetRoundedColumn {
        var column = SpreadsheetRoundedColumn()
        for (index, value) in values.enumerated() { column.count(value, line: index + 2) }
        return column
    }

    /// NIKs as a spreadsheet keeps them: 15 digits, then 0.
    private let rounded = (1...10).map { "32010145018\(String(format: "%04d", $0 * 7))0" }

    func testTenLongNumbersAllEndingInZeroAreASpreadsheetsRounding() {
        let column = column(rounded)
        XCTAssertTrue(column.isRounded)
        XCTAssertEqual(column.values, 10)
        XCTAssertEqual(column.firstLine, 2)
        // A number longer than 16 digits loses more than one: still ends in 0.
        XCTAssertTrue(self.column((1...12).map { "1234567890123\($0 + 10)00000" }).isRounded)
    }

    func testFewerNumbersOrOneNotEndingInZeroCouldBeChance() {
        XCTAssertFalse(column(Array(rounded.prefix(9))).isRounded, "nine in a row happens once in a billion lists of nine")
        XCTAssertFalse(column(rounded + ["3201014501800001"]).isRounded, "one number the spreadsheet did not round")
        XCTAssertFalse(column(rounded + ["F-20240000000000"]).isRounded, "an id that is no number")
        XCTAssertFalse(column(rounded.map { String($0.dropFirst()) }).isRounded, "15 digits are kept whole")
        XCTAssertFalse(column((1...20).map { "F\($0)0" }).isRounded, "short ids ending in 0")
        XCTAssertFalse(column([]).isRounded)
    }
}
