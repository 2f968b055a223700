@testable import FKPCore
import XCTest

final class LostCharactersTests: XCTestCase {
    func testAQuestionMarkNextToALetterIsACharacterLost() {
        for name in ["Nguy?n", "Jos? Rizal", "?ahmad", "Budi Santos?", "Ren\u{E9}?"] {
            XCTAssertTrue(LostCharacters.questionMarkForLetter(name, in: .name), name)
        }
        XCTAssertTrue(LostCharacters.questionMarkForLetter("Gg. Jos?ph", in: .address))
    }

    func testAQuestionMarkApartFromLettersIsNot() {
        XCTAssertFalse(LostCharacters.questionMarkForLetter("Budi (?)", in: .name))
        for address in ["Gg. Mawar No. ?", "Kp. Baru?", "RT 01/RW ?2"] {
            XCTAssertFalse(LostCharacters.questionMarkForLetter(address, in: .address), address)
        }
    }

    func testNamesAndAddressesWithLostCharactersAreRefusedAsSuch() {
        XCTAssertEqual(ImportProblem.Kind.oneLineTextProblem("Ma\u{FFFD}ruf", in: .name), .replacementCharacter)
        XCTAssertEqual(ImportProblem.Kind.oneLineTextProblem("Nguy?n", in: .name), .questionMarkForCharacter)
        XCTAssertEqual(ImportProblem.Kind.oneLineTextProblem("Ma&#39;ruf", in: .name), .htmlEntities(meant: "Ma'ruf"))
        XCTAssertEqual(ImportProblem.Kind.oneLineTextProblem("?", in: .name), .placeholderForMissing)
        XCTAssertNil(ImportProblem.Kind.oneLineTextProblem("Gg. Mawar No. ?", in: .address))
    }
}
