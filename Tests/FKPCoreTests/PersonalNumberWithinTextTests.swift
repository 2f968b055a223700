import FKPCore
import XCTest

final class PersonalNumberWithinTextTests: XCTestCase {
    func testEachRunOfAPersonalNumbersLengthIsMaskedInItsText() {
        XCTAssertEqual(PersonalNumber.maskedWithin("Budi (NIK 3201014501800001)"), "Budi (NIK 3201**********01)")
        XCTAssertEqual(PersonalNumber.maskedWithin("Dédé 320101450180001"), "Dédé 3201*********01", "15 digits: one lost")
        XCTAssertEqual(PersonalNumber.maskedWithin("KK 3201010101000001, NIK 32010145018000012"),
                       "KK 3201**********01, NIK 3201***********12")
        XCTAssertEqual(PersonalNumber.maskedWithin("NIK 3201 0145 0180 0001"), "NIK 3201 **** **** **01", "in groups, as a card shows it")
        XCTAssertEqual(PersonalNumber.maskedWithin("3201.0145.0180.0001"), "3201.****.****.**01")
        XCTAssertEqual(PersonalNumber.maskedWithin("RT 001 3201014501800001"), "RT 001 3201**********01", "beside another number")
    }

    func testTextWithoutSuchARunIsNone() {
        for text in ["Kp. Babakan RT 001/RW 002", "HP 081234567890", "HP 0812-3456-7890", "Budi 320101450180000123", "3201014501800001",
                     "RT 001 RW 002 No. 12 - 14", "Jl. 17 Agustus 1945 No. 1234567890", "-6.914744 107.609810", "2024-01-15 2024-01-16", ""] {
            XCTAssertNil(PersonalNumber.maskedWithin(text), text)
        }
    }
}
