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

    func testWhetherADayHasComeIsAskedAtThePlace() {
        // 2026-12-04 16:30 UTC: 23:30 on Friday in Java, already 01:30 on Saturday in Papua.
        let now = nine.addingTimeInterval(7.5 * 3600)
        let saturdayMorning = nine.addingTimeInterval(22 * 3600)  // Saturday 07:00 UTC
        XCTAssertTrue(IndonesianTime.isOnALaterDay(saturdayMorning, than: now, at: java), "still Friday in Java")
        XCTAssertFalse(IndonesianTime.isOnALaterDay(saturdayMorning, than: now, at: papua), "Saturday has come in Papua")
        XCTAssertFalse(IndonesianTime.isOnALaterDay(nine, than: now, at: java), "a time earlier the same day")
        XCTAssertFalse(IndonesianTime.isOnALaterDay(nine.addingTimeInterval(-86_400), than: now, at: java), "a day gone by")
    }
}
