import FKPCore
import XCTest

final class InvitedUsernameTests: XCTestCase {
    func testTheNameIsTheFirstWordThatIsAName() {
        XCTAssertEqual(InvitedUsername.stem(of: "Siti Aminah"), "siti")
        XCTAssertEqual(InvitedUsername.stem(of: "Ibu Neneng Hasanah"), "neneng")
        XCTAssertEqual(InvitedUsername.stem(of: "Bapak Ujang Suryana"), "ujang")
        XCTAssertEqual(InvitedUsername.stem(of: "H. Oman Abdurrahman"), "oman")
        XCTAssertEqual(InvitedUsername.stem(of: "Hj. Dra. Euis Komariah, M.Pd"), "euis")
        XCTAssertEqual(InvitedUsername.stem(of: "Ustadz  Ahmad"), "ahmad", "more than one space")
    }

    func testLettersAreFoldedToASCIIAndOthersDropped() {
        XCTAssertEqual(InvitedUsername.stem(of: "Nur'aini Ñoman"), "nuraini")
        XCTAssertEqual(InvitedUsername.stem(of: "Ëndang"), "endang")
        XCTAssertEqual(InvitedUsername.stem(of: "Abdurrahmanwahidsyahputra"), "abdurrahmanwahid", "sixteen letters at most")
    }

    func testANameWithoutOneOfThreeLettersIsAResident() {
        XCTAssertEqual(InvitedUsername.stem(of: "X"), "warga")
        XCTAssertEqual(InvitedUsername.stem(of: "Ibu Bu"), "warga")
        XCTAssertEqual(InvitedUsername.stem(of: "李明"), "warga")
    }

    func testTheNumberGrowsADigitEveryThreeAttempts() {
        var random = SystemRandomNumberGenerator()
        let digits = (0..<InvitedUsername.attempts).map {
            InvitedUsername.candidate(stem: "siti", attempt: $0, using: &random).split(separator: ".")[1]
        }
        XCTAssertEqual(digits.map(\.count), [4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10, 10])
        XCTAssertTrue(digits.allSatisfy { !$0.hasPrefix("0") }, "no leading zero to be read as another number")
        let longest = InvitedUsername.candidate(stem: String(repeating: "a", count: 16), attempt: InvitedUsername.attempts - 1, using: &random)
        XCTAssertNotNil(longest.range(of: "^[a-z0-9][a-z0-9._-]{2,39}$", options: .regularExpression), "an account name the database takes")
    }
}
