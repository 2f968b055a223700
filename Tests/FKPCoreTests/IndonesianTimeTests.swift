import FKPCore
import Foundation
import XCTest

final class IndonesianTimeTests: XCTestCase {
    /// 2026-12-04 09:00 UTC: 16:00 in Java (WIB), 17:00 in Bali (WITA), 18:00 in Papua (WIT).
    let nine = Date(timeIntervalSince1970: 1_796_374_800)
    let java = try! RegionCode("3201010001"), bali = try! RegionCode("5101010001"), papua = try! RegionCode("9101010001")

    func testATimeIsLocalToThePlaceAndWrittenAsEachLanguageWritesIt() {
        XCTAssertEqual(IndonesianTime.format(nine, at: java, languageCode: "id"), "Jumat, 4 Desember 2026 16.00 WIB")
        XCTAssertEqual(IndonesianTime.format(nine, at: java, languageCode: "en"), "Friday, 4 December 2026 16:00 WIB")
        XCTAssertEqual(IndonesianTime.format(nine, at: bali, languageCode: "id"), "Jumat, 4 Desember 2026 17.00 WITA")
        XCTAssertEqual(IndonesianTime.format(nine, at: papua, languageCode: "id"), "Jumat, 4 Desember 2026 18.00 WIT")
    }

    func testASpanWithinOneDaySaysTheDayOnce() {
        let end = nine.addingTimeInterval(3 * 3600)
        XCTAssertEqual(IndonesianTime.format(from: nine, to: end, at: java, languageCode: "id"), "Jumat, 4 Desember 2026 16.00–19.00 WIB")
        XCTAssertEqual(IndonesianTime.format(from: nine, to: end, at: java, languageCode: "en"), "Friday, 4 December 2026 16:00–19:00 WIB")
        let overnight = nine.addingTimeInterval(9 * 3600)
        XCTAssertEqual(IndonesianTime.format(from: nine, to: overnight, at: java, languageCode: "id"),
                       "Jumat, 4 Desember 2026 16.00 WIB – Sabtu, 5 Desember 2026 01.00 WIB", "a span past midnight names both days")
    }
}
