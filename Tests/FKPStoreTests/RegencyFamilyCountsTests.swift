import FKPCore
@testable import FKPStore
import FKPTestSupport
import PostgresNIO
import XCTest

/// The country's and a province's family counts are summed from counts kept per regency, which
/// every write to a regency's families removes, and which are never kept from before a write.
final class RegencyFamilyCountsTests: XCTestCase {
    static let seed = SQLTest.places + [
        SQLTest.family("F1", group: 1, rank: 1), SQLTest.family("F2", group: 1, rank: 2), SQLTest.family("F3", group: 4, rank: 3),
        "INSERT INTO fkp.regions (code, name, level) VALUES ('3202', 'Sukabumi', 'regency'), ('3202010', 'Lain', 'district'), "
            + "('3202010001', 'Desa Lain', 'village'), ('32020100010001', 'RT 001', 'sls')",
        SQLTest.family("G1", sls: "32020100010001", group: 2),
    ]

    static func kept(_ db: Database) async throws -> [String] {
        let text = try await SQLTest.scalar(db, "SELECT string_agg(regency || '=' || array_to_string(by_group, ','), ' ' ORDER BY regency) "
                                                + "FROM runtime.regency_family_counts", as: String.self)
        return text?.split(separator: " ").map(String.init) ?? []
    }

    static func groups(_ counts: RegionRepository.RegionCounts?) -> [Int] {
        WelfareGroup.allCases.map { counts?.counts[$0] ?? -1 }
    }

    func testTheCountsAreKeptPerRegencyAndAWriteToItsFamiliesRemovesThem() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.seed)
            let regions = RegionRepository(database: db)
            let country = try await regions.children(of: nil)
            XCTAssertEqual(Self.groups(country.first { $0.region.code.value == "32" }), [2, 1, 0, 1])
            let kept = try await Self.kept(db)
            XCTAssertEqual(kept, ["3201=2,0,0,1", "3202=0,1,0,0"])
            let province = try await regions.children(of: try RegionCode("32"))
            XCTAssertEqual(Self.groups(province.first { $0.region.code.value == "3201" }), [2, 0, 0, 1])
            XCTAssertEqual(Self.groups(province.first { $0.region.code.value == "3202" }), [0, 1, 0, 0])

            // A later write to 3201's families: its kept counts go, 3202's stay; the next page counts 3201 again.
            try await SQLTest.write(db, [SQLTest.family("F4", group: 3, rank: 4)])
            let afterWrite = try await Self.kept(db)
            XCTAssertEqual(afterWrite, ["3202=0,1,0,0"])
            let again = try await regions.counts(of: [try RegionCode("32")])
            XCTAssertEqual(Self.groups(again.first), [2, 1, 1, 1])
            let keptAgain = try await Self.kept(db)
            XCTAssertEqual(keptAgain, ["3201=2,0,1,1", "3202=0,1,0,0"])
            // A write that is rolled back leaves the kept counts as they were.
            try? await SQLTest.write(db, ["DELETE FROM fkp.families WHERE id = 'F4'", "SELECT 1/0"])
            let afterRollback = try await Self.kept(db)
            XCTAssertEqual(afterRollback, keptAgain)
        }
    }

    func testACountMadeWhileAWriterHoldsTheRegencyIsShownNotKept() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.seed)
            let regions = RegionRepository(database: db)
            try await SQLTest.holding(db, [SQLTest.family("F4", group: 3, rank: 4)]) {
                let during = try await regions.children(of: nil)
                XCTAssertEqual(Self.groups(during.first), [2, 1, 0, 1], "what is committed, not the writer's family")
                let kept = try await Self.kept(db)
                XCTAssertEqual(kept, ["3202=0,1,0,0"], "3201 is counted, not kept, while its writer holds it")
            }
            let after = try await regions.children(of: nil)
            XCTAssertEqual(Self.groups(after.first), [2, 1, 1, 1])
        }
    }
}
