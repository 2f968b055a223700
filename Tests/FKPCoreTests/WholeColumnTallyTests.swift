@testable import FKPCore
import XCTest

final class WholeColumnTallyTests: XCTestCase {
    private func tally(_ values: [String], fewest: Int = 10, share: Double = 1,
                       sign: (String) -> Bool = WholeColumnTally.looksRounded) -> WholeColumnTally {
        var tally = WholeColumnTally(fewest: fewest, share: share)
        for (index, value) in values.enumerated() { tally.count(line: index + 2, showsSign: sign(value)) }
        return tally
    }

    /// NIKs as a spreadsheet keeps them: 15 digits, then 0.
    private let rounded = (1...10).map { "32010145018\(String(format: "%04d", $0 * 7))0" }

    func testTenLongNumbersAllEndingInZeroAreASpreadsheetsRounding() {
        let column = tally(rounded)
        XCTAssertTrue(column.isDamaged)
        XCTAssertEqual(column.values, 10)
        XCTAssertEqual(column.firstLine, 2)
        // A number longer than 16 digits loses more than one: still ends in 0.
        XCTAssertTrue(tally((1...12).map { "1234567890123\($0 + 10)00000" }).isDamaged)
    }

    func testFewerNumbersOrOneNotEndingInZeroCouldBeChance() {
        XCTAssertFalse(tally(Array(rounded.prefix(9))).isDamaged, "nine in a row happens once in a billion lists of nine")
        XCTAssertFalse(tally(rounded + ["3201014501800001"]).isDamaged, "one number the spreadsheet did not round")
        XCTAssertFalse(tally(rounded + ["F-20240000000000"]).isDamaged, "an id that is no number")
        XCTAssertFalse(tally(rounded.map { String($0.dropFirst()) }).isDamaged, "15 digits are kept whole")
        XCTAssertFalse(tally((1...20).map { "F\($0)0" }).isDamaged, "short ids ending in 0")
        XCTAssertFalse(tally([]).isDamaged)
    }

    func testMostNamesReadingAsAddressesAreAColumnOfAddresses() {
        for text in ["Kp. Babakan RT 001", "Jl. Mawar", "JL MERDEKA", "Gg. Melati", "RT 02/RW 05", "Dusun Krajan", "Blok C", "Perum Griya Asri", "Budi 2"] {
            XCTAssertTrue(WholeColumnTally.looksLikeAddress(text), text)
        }
        for text in ["Budi Santoso", "H. Jalaludin", "Gunawan", "Rtno", "Dusunah", "Ma'ruf", "Kartini", "Komariah", ""] {
            XCTAssertFalse(WholeColumnTally.looksLikeAddress(text), text)
        }
        let addresses = (1...10).map { "Jl. Mawar No. \($0)" }
        XCTAssertTrue(tally(addresses + ["Cibodas", "Sukamaju"], share: 0.8, sign: WholeColumnTally.looksLikeAddress).isDamaged, "10 of 12")
        XCTAssertFalse(tally(addresses + ["Cibodas", "Sukamaju", "Cikaret"], share: 0.8, sign: WholeColumnTally.looksLikeAddress).isDamaged, "10 of 13")
        XCTAssertFalse(tally(Array(addresses.prefix(9)), share: 0.8, sign: WholeColumnTally.looksLikeAddress).isDamaged, "nine")
    }

    func testWholeNumbersWrittenAsDecimals() {
        let decimal = WholeColumnTally.looksWrittenAsDecimal
        XCTAssertTrue(tally(["320100000061.0", "320100000054.0"], fewest: 2, sign: decimal).isDamaged)
        XCTAssertFalse(tally(["320100000061.0"], fewest: 2, sign: decimal).isDamaged, "one is not enough to tell")
        XCTAssertFalse(tally(["320100000061.0", "320100000054"], fewest: 2, sign: decimal).isDamaged)
        for text in [".0", "A1.0", "12.00", "12.05", "1.0.0"] { XCTAssertFalse(decimal(text), text) }
    }
}
