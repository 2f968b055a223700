@testable import FKPCore
import XCTest

final class FormulaLikeTextTests: XCTestCase {
    func testWhatASpreadsheetWouldRunIsRefusedAndADashForAMissingStreetIsNot() {
        for text in ["=HYPERLINK(\"http://x.example\",\"Budi\")", "+1", "@SUM(A1)", "-2+3+cmd|' /C calc'!A0", "-SUM(1)", "-Sheet1!A1"] {
            XCTAssertEqual(ImportProblem.Kind.oneLineTextProblem(text, in: .address), .startsAsFormula(in: .address), text)
        }
        for text in ["-", "---", "- RT 01/RW 02", "- (menumpang)", "-, Kp. Babakan", "Jl. Mawar = 3", "Budi (Ujang)", "Ma'ruf"] {
            XCTAssertNil(ImportProblem.Kind.oneLineTextProblem(text, in: .address), text)
        }
    }
}
