import FKPCore
import XCTest

final class Windows1252Tests: XCTestCase {
    func testWindowsTextIsReadAsWindowsReadsIt() throws {
        XCTAssertEqual(Windows1252.text([0x4D, 0x61, 0x92, 0x72, 0x75, 0x66, 0x20, 0x80, 0x9D, 0xE9]), "Ma’ruf €\u{9D}é")
        for byte in UInt8.min...UInt8.max {
            let text = Windows1252.text([byte])
            XCTAssertEqual(text.unicodeScalars.count, 1)
            XCTAssertEqual(Windows1252.byte(for: try XCTUnwrap(text.unicodeScalars.first)), byte, "byte \(byte)")
        }
    }
}
