import FKPCore
import XCTest

final class SyntheticRegencyTests: XCTestCase {
    let parameters = SyntheticRegency.Parameters(regency: try! RegionCode("3201"), villages: 4, families: 2000, seed: 7)

    func testTheSameSeedGivesTheSameList() {
        XCTAssertEqual(SyntheticRegency(parameters).families, SyntheticRegency(parameters).families)
        var other = parameters
        other.seed = 8
        XCTAssertNotEqual(SyntheticRegency(parameters).families, SyntheticRegency(other).families)
    }

    func testPlacesNestAndFamiliesLiveInUnits() {
        let regency = SyntheticRegency(parameters)
        let codes = Set(regency.regions.map(\.code))
        for region in regency.regions { if let parent = region.code.parent { XCTAssertTrue(codes.contains(parent)) } }
        XCTAssertEqual(regency.regions.filter { $0.level == .sls }.count, 20)
        XCTAssertTrue(regency.families.allSatisfy { $0.slsCode.level == .sls && codes.contains($0.slsCode) })
        XCTAssertTrue(regency.families.allSatisfy { PersonalNumber.isValid($0.kkNumber) && PersonalNumber.isValid($0.headNIK) })
    }

    /// A large district's heads share birth dates by the dozen; drawn alone, their NIKs' serial
    /// numbers met by chance (75 numbers shared in these 200,000 families), which a load names.
    func testEachFamilyCardNumberAndNIKIsGivenOnce() {
        let families = SyntheticRegency(.init(regency: try! RegionCode("3201"), villages: 3, families: 200_000, seed: 7)).families
        XCTAssertEqual(Set(families.flatMap { [$0.kkNumber, $0.headNIK] }).count, 2 * families.count)
    }

    func testScoresAreConsistentWithGroups() {
        let families = SyntheticRegency(parameters).families
        for group in WelfareGroup.allCases.dropLast() {
            let maxOfGroup = families.filter { $0.welfareGroup == group }.compactMap { Double($0.welfareScore) }.max() ?? 0
            let minOfNext = families.filter { $0.welfareGroup.rawValue == group.rawValue + 1 }.compactMap { Double($0.welfareScore) }.min() ?? 100
            XCTAssertLessThanOrEqual(maxOfGroup, minOfNext, "group \(group.rawValue) scores must sit below group \(group.rawValue + 1)")
        }
        XCTAssertTrue(WelfareGroup.allCases.allSatisfy { group in families.contains { $0.welfareGroup == group } })
    }

    func testRanksWithinAUnitFollowScoreThenFamilyID() throws {
        let unit = try RegionCode("32010100010001")
        func family(_ id: String, _ score: String) -> PreliminaryFamily {
            PreliminaryFamily(id: id, slsCode: unit, headName: "X", address: "", members: 1, welfareGroup: .poor,
                              welfareScore: score, kkNumber: "1", headNIK: "1")
        }
        let ranks = PreliminaryRanking.ranksWithinUnits([family("B", "10.5"), family("A", "10.50"), family("C", "9.75"), family("D", "100")])
        XCTAssertEqual(ranks, ["C": 1, "A": 2, "B": 3, "D": 4])
    }

    func testPersonalNumbersAreMaskedButForFirstFourAndLastTwoDigits() {
        XCTAssertEqual(PersonalNumber.masked("3201014501800001"), "3201**********01")
    }

    func testLargeRegenciesGetValidCodesForEveryPlace() throws {
        let large = SyntheticRegency(.init(regency: try RegionCode("3299"), villages: 2000, families: 10, unitsPerVillage: 5, seed: 1))
        XCTAssertEqual(large.regions.filter { $0.level == .village }.count, 2000)
        XCTAssertEqual(Set(large.regions.map(\.code)).count, large.regions.count, "no code twice")
        XCTAssertLessThanOrEqual(large.regions.filter { $0.level == .district }.count, 99)
    }
}
