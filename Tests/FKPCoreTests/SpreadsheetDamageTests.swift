@testable import FKPCore
import XCTest

final class SpreadsheetDamageTests: XCTestCase {
    func testAMarkOrWordsForANameNotKnownAreNoNameAndNamesLikeThemAre() {
        for mark in ["NULL", "N/A", "NaN", "<NA>", "\\N"] {
            XCTAssertEqual(ImportProblem.Kind.oneLineTextProblem(mark, in: .name), .missingValueMark, mark)
        }
        for words in ["Tidak Diketahui", "TANPA NAMA", "belum  ada", "Tdk ada"] {
            XCTAssertEqual(ImportProblem.Kind.oneLineTextProblem(words, in: .name), .nameNotKnown, words)
        }
        for name in ["Nan", "NA", "None", "Tidak", "Belum Adaya", "Tanti Nama"] {
            XCTAssertNil(ImportProblem.Kind.oneLineTextProblem(name, in: .name), name)
        }
        XCTAssertNil(ImportProblem.Kind.oneLineTextProblem("tidak ada", in: .address), "an address is any text")
    }

    func testScientificNotationAsSpreadsheetsWriteIt() {
        for text in ["3.20101E+15", "3,20101E+15", "3E+15", "3.2e+15", "9.99999999999999E+31", "3.2E15", "32.1E+15"] {
            XCTAssertTrue(SpreadsheetDamage.isScientificNotation(text), text)
        }
        for text in ["3201010101000001", "3.2E-15", "E+15", "3.2E+", "3.2E+1x", "-3.2E+15", "3.2E+1234", ""] {
            XCTAssertFalse(SpreadsheetDamage.isScientificNotation(text), text)
        }
    }

    func testAFormulasErrorValueInAnyLanguageIsOne() {
        for text in ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#GETTING_DATA!", "#NILAI!", "#NAMA?", "Err:502"] {
            XCTAssertTrue(SpreadsheetDamage.isErrorValue(text), text)
        }
        for text in ["#", "#!", "#n/a", "#1 Warung Bu Siti", "Jl. Mawar #12", "Eko", "Err:50", "Err:5021", "Erna!", ""] {
            XCTAssertFalse(SpreadsheetDamage.isErrorValue(text), text)
        }
    }

    func testAMarkTypedForAnUnknownValueIsOne() {
        for text in ["-", "--", "---", ".", "?", "–", "—", "-.-"] {
            XCTAssertTrue(SpreadsheetDamage.isPlaceholder(text), text)
        }
        for text in ["", "----", "- RT 01", "-5", "Budi", "...a", "—x"] {
            XCTAssertFalse(SpreadsheetDamage.isPlaceholder(text), text)
        }
    }

    func testASmallNumberShownAsADateIsOne() {
        for text in ["05/01/1900", "1900-01-05", "5-Jan-1900", "Jan 5, 1900", "05.01.1900", "1900-01-02 00:00:00", "31/12/1899", "08-Apr-1900",
                     "4-Jan", "04-Jan", "Jan-4", "1-Feb", "3 Mei"] {
            XCTAssertTrue(SpreadsheetDamage.isCalendarStart(text), text)
            XCTAssertEqual(SpreadsheetDamage.problem(of: text, otherwise: .membersRange), .numberShownAsDate, text)
        }
        for text in ["1900", "05/01/2024", "1900-01", "Jl. 1900 No. 5", "RT 01/RW 1900 Blok Melati Indah Permai", "1.5",
                     "RT-01", "Jl-5", "4-Ja", "40-Jan", "0-Jan", "4 orang", "Desil 3", "Junior 1"] {
            XCTAssertFalse(SpreadsheetDamage.isCalendarStart(text), text)
        }
    }

    func testACellTooNarrowForItsNumberIsNamedWhateverTheColumn() {
        for text in ["##", "####", "################"] {
            XCTAssertEqual(SpreadsheetDamage.problem(of: text, otherwise: .notSixteenDigits(digits: nil)), .cellTooNarrow, text)
        }
        for text in ["#", "#1", "## ##", "#N/A"] {
            XCTAssertNotEqual(SpreadsheetDamage.problem(of: text, otherwise: .membersRange), .cellTooNarrow, text)
        }
    }

    func testAnApostropheIsNamedOnlyWhenTheRestWouldDo() {
        XCTAssertEqual(SpreadsheetDamage.kind(of: "'3201010101000001", isValid: PersonalNumber.isValid), .spreadsheetTextMark)
        XCTAssertNil(SpreadsheetDamage.kind(of: "'320101010100000", isValid: PersonalNumber.isValid), "still wrong without it")
        XCTAssertNil(SpreadsheetDamage.kind(of: "32010101010000AB", isValid: PersonalNumber.isValid))
        XCTAssertEqual(SpreadsheetDamage.kind(of: "3.20101E+15", isValid: PersonalNumber.isValid), .spreadsheetNumber)
    }

    /// A letter typed among a NIK's sixteen digits is named by its place (the value is shown masked);
    /// more than two, or a number of another length, is not sixteen digits.
    func testALetterAmongSixteenDigitsIsNamedByItsPlace() {
        XCTAssertEqual(FamilyCSV.personalNumberProblem("32010145O1800001"), .letterAmongDigits(position: 9, letter: "O", length: 16))
        XCTAssertEqual(FamilyCSV.personalNumberProblem("320101450180000l"), .letterAmongDigits(position: 16, letter: "l", length: 16))
        XCTAssertEqual(FamilyCSV.personalNumberProblem("32010101010000AB"), .letterAmongDigits(position: 15, letter: "A", length: 16))
        for text in ["3201014501800O01X", "32O1O145O1800001", "3201014501800-01"] {
            XCTAssertEqual(FamilyCSV.personalNumberProblem(text), .notSixteenDigits(digits: nil), text)
        }
        // Digits only: how many, a digit lost or added.
        XCTAssertEqual(FamilyCSV.personalNumberProblem("320101450180000"), .notSixteenDigits(digits: 15))
        XCTAssertEqual(FamilyCSV.personalNumberProblem("32010145018000011"), .notSixteenDigits(digits: 17))
        XCTAssertEqual(FamilyCSV.personalNumberProblem("3201 0145 0180 0001"), .digitsInGroups)
    }

    func testDigitsInGroupsAreNamedOnlyWhenTheDigitsAloneWouldDo() {
        for text in ["3201 0101 0100 0001", "3201\u{A0}0101\u{A0}0100\u{A0}0001", "3201.0101.0100.0001", "3201-0101-0100-0001", "320101 0101000001"] {
            XCTAssertEqual(SpreadsheetDamage.kind(of: text, isValid: PersonalNumber.isValid), .digitsInGroups, text)
        }
        for text in ["3201 0101 0100 000", "3201 0101 0100 00A1", "3201,0101,0100,0001", "3201010101000001"] {
            XCTAssertNil(SpreadsheetDamage.kind(of: text, isValid: { PersonalNumber.isValid($0) && $0 != "3201010101000001" }), text)
        }
        XCTAssertEqual(SpreadsheetDamage.kind(of: "32.01", isValid: { RegionCode.parse($0) != nil }), .digitsInGroups, "a code as BPS prints it")
    }
}
