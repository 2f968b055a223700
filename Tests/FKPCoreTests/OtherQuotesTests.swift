@testable import FKPCore
import XCTest

final class OtherQuotesTests: XCTestCase {
    func testValuesWrappedInQuotesCSVDoesNotReadAsQuotes() {
        XCTAssertTrue(OtherQuotes.isInSingleQuotes("'Budi'"))
        XCTAssertTrue(OtherQuotes.isInSingleQuotes("‘Budi’"))
        XCTAssertTrue(OtherQuotes.isInSingleQuotes("''"), "an empty value so written")
        XCTAssertFalse(OtherQuotes.isInSingleQuotes("'"))
        XCTAssertFalse(OtherQuotes.isInSingleQuotes("'Aisyah"), "a name's own apostrophe at its start")
        XCTAssertFalse(OtherQuotes.isInSingleQuotes("Ma'ruf"))
        XCTAssertTrue(OtherQuotes.isInCurlyDoubleQuotes("“Budi”"))
        XCTAssertTrue(OtherQuotes.isInCurlyDoubleQuotes("„Budi“"))
        XCTAssertFalse(OtherQuotes.isInCurlyDoubleQuotes("“”"))
        XCTAssertFalse(OtherQuotes.isInCurlyDoubleQuotes("Budi “Ucok” Santoso"), "a nickname in quotes inside a name")
        XCTAssertEqual(OtherQuotes.unwrapped("'family_id'"), "family_id")
        XCTAssertEqual(OtherQuotes.unwrapped("“Kp. Baru”"), "Kp. Baru")
        XCTAssertNil(OtherQuotes.unwrapped("family_id"))
    }

    func testANameInSingleQuotesIsRefusedOnlyWithAnApostropheWrittenTwiceInside() {
        XCTAssertEqual(ImportProblem.Kind.oneLineTextProblem("'Ma''ruf'", in: .name), .inOtherQuotes(single: true))
        XCTAssertEqual(ImportProblem.Kind.oneLineTextProblem("''", in: .address), .inOtherQuotes(single: true), "an empty address so written")
        XCTAssertNil(ImportProblem.Kind.oneLineTextProblem("'Ala'", in: .name), "a name may begin and end with its own apostrophes")
        XCTAssertNil(ImportProblem.Kind.oneLineTextProblem("Ma'ruf", in: .name))
        XCTAssertEqual(ImportProblem.Kind.oneLineTextProblem("“Budi”", in: .name), .inOtherQuotes(single: false))
        XCTAssertEqual(ImportProblem.Kind.oneLineTextProblem("“Jl. Merdeka No. 5”", in: .address), .inOtherQuotes(single: false))
        XCTAssertNil(ImportProblem.Kind.oneLineTextProblem("Budi “Ucok” Santoso", in: .name))
    }

    func testARefusedValueInQuotesIsToldOfItsQuotes() {
        XCTAssertEqual(OtherQuotes.problem(of: "'Z1'"), .inOtherQuotes(single: true))
        XCTAssertEqual(OtherQuotes.problem(of: "“3”"), .inOtherQuotes(single: false))
        XCTAssertNil(OtherQuotes.problem(of: "'3"), "a spreadsheet's mark for text, said otherwise")
    }
}
