import FKPCore
import XCTest

final class RegionCodeTests: XCTestCase {
    func testLevelFollowsTheNumberOfDigits() throws {
        XCTAssertEqual(try RegionCode("32").level, .province)
        XCTAssertEqual(try RegionCode("3201").level, .regency)
        XCTAssertEqual(try RegionCode("3201010").level, .district)
        XCTAssertEqual(try RegionCode("3201010001").level, .village)
        XCTAssertEqual(try RegionCode("32010100010001").level, .sls)
        XCTAssertEqual(try RegionCode("3201010001000100").level, .subsls)
    }

    func testParentIsThePrefixAndLineageRunsFromTheProvince() throws {
        let unit = try RegionCode("32010100010001")
        XCTAssertEqual(unit.parent?.value, "3201010001")
        XCTAssertEqual(unit.lineage.map(\.value), ["32", "3201", "3201010", "3201010001", "32010100010001"])
        XCTAssertEqual(unit.regency?.value, "3201")
        XCTAssertNil(try RegionCode("32").parent)
        XCTAssertTrue(try RegionCode("3201").contains(unit))
        XCTAssertFalse(try RegionCode("3202").contains(unit))
    }

    func testMalformedCodesAreRefusedWithTheirReason() {
        XCTAssertThrowsError(try RegionCode("32a1")) { XCTAssertEqual($0 as? RegionCode.Problem, .notDigits) }
        XCTAssertThrowsError(try RegionCode("")) { XCTAssertEqual($0 as? RegionCode.Problem, .notDigits) }
        XCTAssertThrowsError(try RegionCode("320")) { XCTAssertEqual($0 as? RegionCode.Problem, .unknownLength(3)) }
        XCTAssertThrowsError(try RegionCode("3270")) { XCTAssertEqual($0 as? RegionCode.Problem, .reservedRegencyNumber("70")) }
        XCTAssertThrowsError(try RegionCode("3200010")) { XCTAssertEqual($0 as? RegionCode.Problem, .reservedRegencyNumber("00")) }
        XCTAssertThrowsError(try RegionCode("00")) { XCTAssertEqual($0 as? RegionCode.Problem, .unusedProvinceNumber("00")) }
        XCTAssertThrowsError(try RegionCode("1001")) { XCTAssertEqual($0 as? RegionCode.Problem, .unusedProvinceNumber("10")) }
        XCTAssertNoThrow(try RegionCode("11"))
    }

    func testCitiesAreNumberedFrom71() throws {
        XCTAssertTrue(try RegionCode("3271").isCity)
        XCTAssertFalse(try RegionCode("3269").isCity)
    }
}
