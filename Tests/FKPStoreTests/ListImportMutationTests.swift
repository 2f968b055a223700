import FKPCore
import FKPStore
import FKPTestSupport
import Foundation
import XCTest

/// Files broken in ways no list of cases foresaw: a valid family list with bytes inserted, deleted
/// or replaced at random, lines repeated, fields swapped for odd values, the file cut short. Each
/// is either imported whole or refused with problems that name their line, and a refused file
/// changes nothing. Never any other error.
final class ListImportMutationTests: XCTestCase {
    /// What a mutation may put in: quoting and line ends, bytes that are not UTF-8, invisible and
    /// control characters, numbers out of every range, very long values, a byte order mark.
    private static let pieces: [[UInt8]] = ([
        "\"", ",", "\n", "\r", "\r\n", "\"\"", "'", "\\", "\t", " ", "-", "+3", "0", "-1", "1e400", "NaN", "Infinity",
        "99999999999999999999999999999", String(repeating: "9", count: 40), String(repeating: "a", count: 600), "1.5",
        "3201", "32010100010001", "-90", "180.5", "0x10", "\u{FEFF}", "\u{200B}", "\u{1B}", "\u{7F}", "\u{0}", "Ğ", "٣",
    ] as [String]).map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x80]]

    func testAListBrokenAtRandomIsImportedWholeOrRefusedByLineAndChangesNothing() async throws {
        try await withTestDatabase { db, _ in
            let generated = SyntheticRegency(.init(regency: try RegionCode("3201"), villages: 1, families: 40, seed: 21))
            let importer = ListImporter(database: db)
            let context = WriteContext.system("test", action: "import")
            func load(_ kind: ListKind, _ bytes: [UInt8]) async throws -> ImportReport {
                try await importer.run(kind, chunks: try FileChunks(bytes: bytes), fileName: "mutated.csv", context: context)
            }
            let state = """
                SELECT coalesce((SELECT md5(string_agg(f::text, '|' ORDER BY f.id)) FROM fkp.families f), 'no families')
                       || coalesce((SELECT md5(string_agg(r::text, '|' ORDER BY r.code)) FROM fkp.regions r), 'no regions')
                       || (SELECT count(*) FROM audit.entries) || '/' || (SELECT count(*) FROM fkp.import_batches)
                """
            var random = SeededRandom(seed: 2026)
            for (kind, text) in [(ListKind.regions, generated.regionsCSV), (.families, generated.familiesCSV)] {
                let original = Array(text.utf8)
                _ = try await load(kind, original)
                var imported = 0, refused = 0
                for round in 0..<120 {
                    var bytes = original
                    for _ in 0..<random.int(1...4) { Self.mutate(&bytes, &random) }
                    let before = try await SQLTest.scalar(db, state, as: String.self)
                    do {
                        _ = try await load(kind, bytes)
                        imported += 1
                        _ = try await load(kind, original)  // the list as it was, for the next round
                    } catch let problems as ImportProblems {
                        refused += 1
                        XCTAssertFalse(problems.isEmpty, "\(kind) round \(round)")
                        for problem in problems.shown {
                            XCTAssertNotNil(problem.line, "\(kind) round \(round): \(problem)")
                        }
                        let after = try await SQLTest.scalar(db, state, as: String.self)
                        XCTAssertEqual(after, before, "\(kind) round \(round): a refused file changes nothing")
                    }
                }
                XCTAssertGreaterThan(refused, 60, "\(kind): most random damage is refused (\(imported) imported)")
            }
            let verification = try await AuditRepository(database: db).verify()
            XCTAssertTrue(verification.isValid)
        }
    }

    private static func mutate(_ bytes: inout [UInt8], _ random: inout SeededRandom) {
        guard !bytes.isEmpty else { return }
        let at = random.int(0...(bytes.count - 1))
        switch random.int(0...5) {
        case 0: bytes.insert(contentsOf: random.pick(pieces), at: at)
        case 1: bytes.removeSubrange(at..<min(bytes.count, at + random.int(1...20)))
        case 2: bytes.replaceSubrange(at..<min(bytes.count, at + random.int(1...8)), with: random.pick(pieces))
        case 3:
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            lines.insert(random.pick(lines), at: random.int(0...lines.count))
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        case 4: bytes.removeSubrange(at...)
        default:
            // One field of one line becomes an odd value.
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            let line = random.int(0...(lines.count - 1))
            var fields = lines[line].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Array.init)
            fields[random.int(0...(fields.count - 1))] = random.pick(pieces)
            lines[line] = Array(fields.joined(separator: [UInt8(ascii: ",")]))
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        }
    }
}
