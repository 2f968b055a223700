@testable import FKPCore
import XCTest

final class CoordinateTextTests: XCTestCase {
    func testCoordinatesAsMapsAndPeopleWriteThemAreReadInDecimalDegrees() {
        let expected: [(String, String)] = [
            ("6.5 S", "-6.5"), ("6,5° LS", "-6.5"), ("LS 6.5", "-6.5"), ("106,8° BT", "106.8"), ("106.8E", "106.8"),
            ("6°30'15\"S", "-6.504167"), ("6° 30′ 15″ LS", "-6.504167"), ("-6°30'", "-6.5"), ("2°10' LU", "2.166667"),
            ("-6.5 S", "-6.5"), ("6.5°", "6.5"),
        ]
        for (text, decimal) in expected { XCTAssertEqual(CoordinateText.decimalDegrees(text), decimal, text) }
    }

    func testWhatIsNoCoordinateWrittenOtherwiseIsNotRead() {
        for text in ["", "6,5", "-6.5", "abc", "6°75'S", "-6.5 N", "6°30'15\"10\"S", "ABS", "6..5°", "1E5", "°S"] {
            XCTAssertNil(CoordinateText.decimalDegrees(text), text)
        }
    }
}
