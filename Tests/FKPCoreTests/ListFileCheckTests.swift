@testable import FKPCore
import FKPTestSupport
import XCTest

/// The reading of a whole list file without a database: what `fkp import` and the upload page tell
/// before they ask the database anything. The messages themselves are tested through the importer
/// (ListImportTests); these hold for any bytes at all.
final class ListFileCheckTests: XCTestCase {
    private struct Outcome: Equatable {
        var rows: Int
        var passed: [Int]
        var problems: String
        /// The lines the problems shown name.
        var problemLines: [Int?]
    }

    /// `bytes` read as `kind`, fed in pieces of `size` bytes (0: all at once).
    private func read(_ kind: ListKind, _ bytes: [UInt8], in size: Int = 0) -> Outcome {
        var check = ListFileCheck(kind)
        var passed: [Int] = []
        func load(_ row: ListFileCheck.Row) {
            switch row {
            case .family(let line, _), .region(let line, _): passed.append(line)
            }
        }
        let step = size == 0 ? max(bytes.count, 1) : size
        for start in stride(from: 0, to: bytes.count, by: step) where !check.stoppedReading {
            check.feed(Array(bytes[start..<min(start + step, bytes.count)]), load: load)
        }
        let problems = check.finish(load: load)
        return Outcome(rows: check.rows, passed: passed, problems: problems.description, problemLines: problems.shown.map(\.line))
    }

    private static let regency = SyntheticRegency(.init(regency: try! RegionCode("3201"), villages: 1, families: 12, seed: 11))

    func testAGoodListGivesEveryRowItsRegenciesAndUnits() throws {
        let families = read(.families, Array(Self.regency.familiesCSV.utf8))
        XCTAssertEqual(families.problems, "")
        XCTAssertEqual(families.rows, 12)
        XCTAssertEqual(families.passed, Array(2...13))
        var check = ListFileCheck(.families)
        var rows = 0
        check.feed(Array(Self.regency.familiesCSV.utf8)) { _ in rows += 1 }
        XCTAssertTrue(check.finish { _ in rows += 1 }.isEmpty)
        XCTAssertEqual(rows, 12)
        XCTAssertEqual(check.regencies, ["3201"])
        XCTAssertEqual(check.familyUnits, Set(Self.regency.families.map { $0.slsCode.value }).sorted())

        let regions = read(.regions, Array(Self.regency.regionsCSV.utf8))
        XCTAssertEqual(regions.problems, "")
        XCTAssertEqual(regions.rows, Self.regency.regions.count)
        XCTAssertEqual(ListFileCheck(.regions).familyUnits, nil)
    }

    func testARowIsGivenToLoadOnlyWhileTheFileHasShownNoProblem() {
        var lines = Self.regency.familiesCSV.split(separator: "\n").map(String.init)
        lines[3] = lines[3].replacingOccurrences(of: ",", with: ";")
        let outcome = read(.families, Array((lines.joined(separator: "\n") + "\n").utf8))
        XCTAssertEqual(outcome.passed, [2, 3], "the rows before the refused one, none after")
        XCTAssertEqual(outcome.rows, 12)
        XCTAssertTrue(outcome.problems.hasPrefix("line 4"), outcome.problems)
    }

    /// Seeded damage of the kinds a file suffers (bytes changed, cut, doubled, the format's own words and
    /// marks dropped in): every damaged file is read to an outcome, the same whatever pieces it arrives in,
    /// and a file that passes gives every row. `scripts/fuzz list-file` tries far more, guided by coverage.
    func testDamagedFilesGiveTheSameOutcomeInAnyPiecesAndPassOnlyWithEveryRow() {
        let words = ["\"", "\"\"", ",", ";", "\t", "\r", "\n", "\r\n", "\u{FEFF}", "sep=,", "\u{00A0}", "\u{200B}", "é", "1e5",
                     "1.234,5", "=SUM(A1)", "#REF!", "family_id", "sls_code", "welfare_score", "code", "level", "sls", "-6.2",
                     "3201010001000101", "true", "\0"].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xFF, 0xFE], [0x1F, 0x8B]]
        var random = SeededRandom(seed: 51)
        for (kind, text) in [(ListKind.families, Self.regency.familiesCSV), (.regions, Self.regency.regionsCSV)] {
            let original = Array(text.utf8)
            for round in 0..<150 {
                let bytes = random.damaged(original, words: words, damages: 1...4, longestRemoval: 40, longestDoubling: 200)
                let whole = read(kind, bytes)
                for size in [1, 7, random.int(2...300)] {
                    XCTAssertEqual(read(kind, bytes, in: size), whole, "\(kind) round \(round), pieces of \(size)")
                }
                if whole.problems.isEmpty {
                    XCTAssertGreaterThan(whole.rows, 0, "\(kind) round \(round)")
                    XCTAssertEqual(whole.passed.count, whole.rows, "\(kind) round \(round)")
                } else {
                    // Each problem is on a line of the file, to be found there.
                    let lastLine = bytes.count { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } + 1
                    XCTAssertTrue(whole.problemLines.allSatisfy { (1...lastLine).contains($0 ?? 0) }, "\(kind) round \(round): \(whole.problems)")
                }
            }
        }
    }
}
