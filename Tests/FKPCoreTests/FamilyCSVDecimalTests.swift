@testable import FKPCore
import XCTest

final class FamilyCSVDecimalTests: XCTestCase {
    func testDecimalsWithASignDigitsAndOneDotAreAccepted() {
        for text in ["0", "12.5", "-3.25", "+7", String(repeating: "9", count: 30), "-" + String(repeating: "1", count: 28) + ".5"] {
            XCTAssertNil(FamilyCSV.decimalProblem(text), text)
        }
    }

    func testMalformedNumbersAreNotDecimals() {
        for text in ["", "-", ".5", "5.", "1.2.3", "12,5", "1e-3", "NaN", "Infinity", " 1", "١٢"] {
            XCTAssertEqual(FamilyCSV.decimalProblem(text), .notDecimal, text)
        }
    }

    func testAWellFormedNumberLongerThanThirtyCharactersIsSaidToBeTooLong() {
        XCTAssertEqual(FamilyCSV.decimalProblem(String(repeating: "9", count: 31)), .longerThan(characters: 30))
        XCTAssertEqual(FamilyCSV.decimalProblem("-" + String(repeating: "1", count: 28) + ".55"), .longerThan(characters: 30))
    }
}
