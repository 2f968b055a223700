@testable import FKPCore
import XCTest

final class FamilyCSVDecimalTests: XCTestCase {
    func testDecimalsWithASignDigitsAndOneDotAreAccepted() {
        for text in ["0", "12.5", "-3.25", "+7", ".5", "-.25", "5.", String(repeating: "9", count: 30), "-" + String(repeating: "1", count: 28) + ".5"] {
            XCTAssertNil(FamilyCSV.decimalProblem(text), text)
        }
    }

    func testMalformedNumbersAreNotDecimals() {
        for text in ["", "-", ".", "-.", "1.2.3", "12,5", "1e-3x", "NaN", "Infinity", " 1", "0x1p-3", "\u{2212}x", "１a"] {
            XCTAssertEqual(FamilyCSV.decimalProblem(text), .notDecimal, text)
        }
    }

    func testScientificNotationIsNamedWithTheNumberWrittenOut() {
        for (text, writtenOut) in [("1.37E-01", "0.137"), ("1,37E-01", "0.137"), ("-2.5e3", "-2500"), ("2.5E+00", "2.5"),
                                   (".5e1", "5"), ("1.2345E+2", "123.45"), ("7E-05", "0.00007"), ("1.5E+999", nil),
                                   ("1E-29", nil), ("1E-28", "0." + String(repeating: "0", count: 27) + "1")] {
            XCTAssertEqual(FamilyCSV.decimalProblem(text), .scientificNotation(writtenOut: writtenOut), text)
        }
        for text in ["1.37E", "E-01", "1.37E-1234", "1.37E--1", "1.3.7E-01"] {
            XCTAssertEqual(FamilyCSV.decimalProblem(text), .notDecimal, text)
        }
    }

    /// A score saved as its cell showed it: thousands separated (in English's, Indonesian's or a
    /// space's way), or a percentage. A separator that could be a decimal mark is not taken for one.
    func testAScoreAsASpreadsheetShowsItIsNamedWithTheNumberWrittenOut() {
        for (text, writtenOut) in [("1,502.75", "1502.75"), ("1.502,75", "1502.75"), ("1,502,345", "1502345"), ("1.502.345", "1502345"),
                                   ("1 502", "1502"), ("1\u{A0}502,5", "1502.5"), ("-12,345.5", "-12345.5"), ("+1.000,0", "1000.0")] {
            XCTAssertEqual(FamilyCSV.scoreProblem(text), .thousandsSeparators(writtenOut: writtenOut), text)
        }
        for text in ["12%", "12,5%", "0.5 %", "-3%"] {
            XCTAssertEqual(FamilyCSV.scoreProblem(text), .percentage, text)
        }
        for text in ["1,502", "1.502", "12,5", "1,50,000.5", "1,5021.5", "1,502.", ",502.5", "1,,502.5", "abc%", "%", "1 502 5"] {
            XCTAssertNil(FamilyCSV.scoreProblem(text), text)
        }
    }

    /// Look-alikes of digits, minus and dot are named, with the number in plain characters.
    func testLookAlikesOfDigitsAndMinusAreNamedWithThePlainNumber() {
        for (text, plain) in [("\u{2212}6.5", "-6.5"), ("\u{2013}6.5", "-6.5"), ("١٢", "12"), ("１２．５", "12.5"), ("\u{FF0D}0.5", "-0.5")] {
            XCTAssertEqual(FamilyCSV.decimalProblem(text), .notPlainCharacters(writtenOut: plain), text)
        }
    }

    func testAWellFormedNumberLongerThanThirtyCharactersIsSaidToBeTooLong() {
        XCTAssertEqual(FamilyCSV.decimalProblem(String(repeating: "9", count: 31)), .longerThan(characters: 30))
        XCTAssertEqual(FamilyCSV.decimalProblem("-" + String(repeating: "1", count: 28) + ".55"), .longerThan(characters: 30))
    }
}
