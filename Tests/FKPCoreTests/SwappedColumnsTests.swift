@testable import FKPCore
import XCTest

final class SwappedColumnsTests: XCTestCase {
    private let names = FamilyCSV.columns

    private func cycles(_ rows: [[String]], names: [String]? = nil, key: String = "family_id",
                        fits: (String, String) -> Bool = FamilyCSV.fits) -> [[(under: String, valuesOf: String)]] {
        var columns = SwappedColumns(names: names ?? self.names, key: key, personalNumbers: ["kk_number", "head_nik"])
        rows.forEach { columns.sample($0) }
        return columns.cycles(fits: fits)
    }

    /// The pairs of names swapped, each as its first name and the name of the values under it.
    private func pairs(_ rows: [[String]]) -> [(String, String)] {
        cycles(rows).map {
            XCTAssertEqual($0.count, 2, "\($0)")
            return ($0[0].under, $0[0].valuesOf)
        }
    }

    private func row(_ n: Int) -> [String] {
        ["F\(n)", "32010100010001", "Budi", "Kp. Babakan", "4", "2", "10.5", "320101010100\(String(format: "%04d", n))",
         "320101450180\(String(format: "%04d", n))", "", ""]
    }

    private func swapping(_ rows: [[String]], _ one: Int, _ other: Int) -> [[String]] {
        rows.map { var row = $0; row.swapAt(one, other); return row }
    }

    func testTwoColumnsUnderEachOthersNamesAreAPair() {
        let rows = (1...12).map(row)
        XCTAssertTrue(pairs(rows).isEmpty, "a right list")
        let cases: [(Int, Int)] = [(0, 9), (4, 7), (2, 8), (1, 2), (5, 10)]
        for (one, other) in cases {
            let found = pairs(swapping(rows, one, other))
            XCTAssertEqual(found.map { [$0.0, $0.1] }, [[names[one], names[other]]], "\(names[one]) and \(names[other])")
        }
        // Two pairs at once, each named.
        XCTAssertEqual(pairs(swapping(swapping(rows, 0, 9), 4, 7)).map(\.0), ["family_id", "members"])
    }

    func testValuesThatFitBothRulesOrTooFewRowsAreNoPair() {
        let rows = (1...12).map(row)
        XCTAssertTrue(pairs(swapping(rows, 7, 8)).isEmpty, "a NIK and a family card number fit each other's rule")
        XCTAssertTrue(pairs(swapping(rows, 2, 3)).isEmpty, "a name and an address: the rule of a name is too loose to tell")
        XCTAssertTrue(pairs(Array(swapping(rows, 0, 9).prefix(2))).isEmpty, "two rows")
        // Most rows, not all: a few right rows among swapped ones are still a swap; half are not.
        let mostly = swapping(Array(rows.prefix(10)), 4, 7) + Array(rows.suffix(2))
        XCTAssertEqual(pairs(mostly).count, 1)
        let half = swapping(Array(rows.prefix(6)), 4, 7) + Array(rows.suffix(6))
        XCTAssertTrue(pairs(half).isEmpty)
    }

    /// A unit's code keeps a family id's form: under family_id it is told by repeating, as no id does.
    func testTheListsKeySwappedWithAColumnWhoseValuesKeepItsFormIsAPair() {
        let rows = (1...12).map(row)
        XCTAssertEqual(pairs(swapping(rows, 0, 1)).map { [$0.0, $0.1] }, [["family_id", "sls_code"]])
        // Each unit's code once: as many ids as codes, nothing tells which column is which.
        let oneFamilyAUnit = rows.enumerated().map { n, row in var row = row; row[1] = "320101000100\(String(format: "%02d", n + 1))"; return row }
        XCTAssertTrue(pairs(swapping(oneFamilyAUnit, 0, 1)).isEmpty)
        // Ids repeated, the units right: a list with each row twice, not a swap.
        XCTAssertTrue(pairs(rows + rows).isEmpty)
    }

    /// A family card number keeps a family id's form too: under family_id it is told by the id
    /// that stands under the card number's name.
    func testTheListsKeySwappedWithAPersonalNumberIsAPair() {
        let rows = (1...12).map(row)
        XCTAssertEqual(pairs(swapping(rows, 0, 7)).map { [$0.0, $0.1] }, [["family_id", "kk_number"]])
        XCTAssertEqual(pairs(swapping(rows, 0, 8)).map { [$0.0, $0.1] }, [["family_id", "head_nik"]])
        // Ids of 16 digits are ids: with family card numbers written in groups (which keep an id's
        // form), the numbers' groups are the problem, not the header.
        let longIDs = rows.enumerated().map { n, row in
            var row = row
            row[0] = "320101000000\(String(format: "%04d", n + 1))"
            row[7] = row[7].enumerated().map { $0 > 0 && $0 % 4 == 0 ? ".\($1)" : "\($1)" }.joined()
            return row
        }
        XCTAssertEqual(longIDs[0][7], "3201.0101.0100.0001")
        XCTAssertTrue(pairs(longIDs).isEmpty)
    }

    /// Three names or more moved round: a header typed in one order above values in another.
    func testNamesMovedRoundAreOneCycle() {
        let rows = (1...12).map(row)
        // Under members the scores, under welfare_score the names, under head_name the member counts
        // (which keep a score's rule too, but the scores stand under members).
        let moved = rows.map { r -> [String] in var r = r; (r[4], r[6], r[2]) = (r[6], r[2], r[4]); return r }
        let found = cycles(moved)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.map(\.under), ["head_name", "members", "welfare_score"])
        XCTAssertEqual(found.first?.map(\.valuesOf), ["members", "welfare_score", "head_name"])
        // A regions list: code, name, level under level, code, name.
        let regionNames = ["code", "name", "level"]
        let regions = [["3201", "Bogor", "regency"], ["3201010", "Nanggung", "district"], ["3201010001", "Desa Satu", "village"]]
        let regionCycles = cycles(regions.map { [$0[2], $0[0], $0[1]] }, names: regionNames, key: "code", fits: RegionCSV.fits)
        XCTAssertEqual(regionCycles.map { $0.map(\.under) }, [["code", "level", "name"]])
        XCTAssertEqual(regionCycles.map { $0.map(\.valuesOf) }, [["level", "name", "code"]])
    }

    /// Values that keep two names' rules leave two ways to read the header: none is told.
    func testAHeaderReadTwoWaysIsNotTold() {
        let rows = (1...12).map(row)
        // members and welfare_group under kk_number and head_nik, the NIKs and card numbers under members and welfare_group.
        let moved = rows.map { r -> [String] in var r = r; (r[4], r[5], r[7], r[8]) = (r[7], r[8], r[4], r[5]); return r }
        XCTAssertTrue(cycles(moved).isEmpty, "\(cycles(moved))")
    }

    /// Columns whose values keep other names' rules but fit together in no way (six columns with
    /// the values of five names) are told nothing.
    func testColumnsThatFitTogetherInNoWayAreToldNothing() {
        let names = (0..<11).map { "c\($0)" }
        let rows = (1...5).map { _ in names }
        // The values of c0 to c5 keep the rules of c6 to c10 only, those of c6 to c10 the rules of c0 to c5.
        let fits = { (value: String, name: String) in
            let (column, named) = (Int(value.dropFirst())!, Int(name.dropFirst())!)
            return (column <= 5) != (named <= 5)
        }
        XCTAssertTrue(cycles(rows, names: names, fits: fits).isEmpty)
    }
}
