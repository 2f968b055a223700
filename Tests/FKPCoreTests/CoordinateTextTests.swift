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

    func testBothCoordinatesInOneValueAreReadEitherFirst() {
        XCTAssertEqual(CoordinateText.pair("-6.595038, 106.816635").map { [$0.latitude, $0.longitude] }, ["-6.595038", "106.816635"])
        XCTAssertEqual(CoordinateText.pair("-6.5 106.8").map { [$0.latitude, $0.longitude] }, ["-6.5", "106.8"])
        XCTAssertEqual(CoordinateText.pair("106.8;-6.5").map { [$0.latitude, $0.longitude] }, ["-6.5", "106.8"])
        for text in ["-6.5", "-6.5, 6.8", "106.8, 107.1", "-6.5, 106.8, 3", "-6,5 106,8", "abc, 106.8", "-60.5, 106.8"] {
            XCTAssertNil(CoordinateText.pair(text), text)
        }
    }

    func testWhatIsNoCoordinateWrittenOtherwiseIsNotRead() {
        for text in ["", "6,5", "-6.5", "abc", "6°75'S", "-6.5 N", "6°30'15\"10\"S", "ABS", "6..5°", "1E5", "°S"] {
            XCTAssertNil(CoordinateText.decimalDegrees(text), text)
        }
    }
}
