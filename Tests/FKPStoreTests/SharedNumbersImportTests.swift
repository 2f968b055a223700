@testable import FKPStore
import FKPCore
import FKPTestSupport
import Foundation
import PostgresNIO
import XCTest

/// Families sharing a family card number or a head's NIK are loaded as they are, and the load says
/// which, by family id and line: a check before, the batch after.
final class SharedNumbersImportTests: XCTestCase {
    typealias Holder = SharedNumbers.Holder

    /// Row `n` of unit `unit`, with numbers of its own unless given.
    static func row(_ id: String, _ n: Int, unit: String = "32010100010001", kk: String? = nil, nik: String? = nil) -> String {
        ListImportTests.row(id, unit: unit, name: ListImportTests.headName(n), score: "\(10 + n).5",
                            kk: kk ?? String(3_201_010_101_000_100 + n), nik: nik ?? String(3_201_014_501_800_100 + n))
    }

    static func file(_ rows: [String]) -> String { ListImportTests.header + "\n" + rows.joined(separator: "\n") + "\n" }

    func testACheckAndTheBatchNameTheFamiliesSharingANumberNeverTheNumber() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let card = "3201010101009999", nik = "3201014501809999"
            let text = Self.file([Self.row("F1", 1), Self.row("F2", 2, kk: card), Self.row("F3", 3, nik: nik), Self.row("F4", 4, kk: card),
                                  Self.row("F5", 5, nik: nik), Self.row("F6", 6, unit: "32010100010002", nik: nik)])
            let checked = try await ListImporter(database: db).run(.families, chunks: try FileChunks(bytes: Array(text.utf8)), fileName: "t.csv",
                                                                   context: ListImportTests.context, checkOnly: true)
            var expected = SharedNumbers()
            expected.familyCards.numbers = 1
            expected.familyCards.groups = [.init(families: 2, shown: [Holder(familyID: "F2", line: 3), Holder(familyID: "F4", line: 5)])]
            expected.headNIKs.numbers = 1
            expected.headNIKs.groups = [.init(families: 3, shown: [Holder(familyID: "F3", line: 4), Holder(familyID: "F5", line: 6),
                                                                   Holder(familyID: "F6", line: 7)])]
            XCTAssertEqual(checked.sharedNumbers, expected)
            let families = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.families", as: Int64.self)
            XCTAssertEqual(families, 0, "a check loads nothing")

            // Loaded: every family, and the batch keeps what it shared, its audit entry too; no number anywhere in it.
            let loaded = try await ListImportTests.load(.families, text, db)
            XCTAssertEqual(loaded.added, 6)
            XCTAssertEqual(loaded.sharedNumbers, expected)
            let batch = try await ImportBatchRepository(database: db).batch(try XCTUnwrap(loaded.batchID), within: nil)
            XCTAssertEqual(batch?.sharedNumbers, expected)
            let entry = try await SQLTest.scalar(db, """
                SELECT new_row -> 'numbers_shared' ->> 'family_cards' FROM audit.entries
                 WHERE table_name = 'fkp.import_batches' AND new_row ->> 'id' = '\(loaded.batchID ?? 0)'
                """, as: String.self)
            XCTAssertEqual(entry, #"{"groups": [{"shown": [{"line": 3, "family_id": "F2"}, {"line": 5, "family_id": "F4"}], "families": 2}], "numbers": 1}"#)
            let kept = try await SQLTest.scalar(db, "SELECT numbers_shared::text FROM fkp.import_batches WHERE id = \(loaded.batchID ?? 0)", as: String.self)
            XCTAssertFalse(try XCTUnwrap(kept).contains("9999"), kept ?? "")

            // A file whose families share nothing keeps `{}`.
            let apart = try await ListImportTests.load(.families, Self.file((1...6).map { Self.row("F\($0)", $0) }), db)
            XCTAssertEqual(apart.sharedNumbers, SharedNumbers())
            let keptNone = try await SQLTest.scalar(db, "SELECT numbers_shared::text FROM fkp.import_batches WHERE id = \(apart.batchID ?? 0)", as: String.self)
            XCTAssertEqual(keptNone, "{}")
        }
    }

    /// A revision of some units is compared with the regency's families in the units it does not
    /// list, which stay; not with another regency's, nor a family with itself moved in.
    func testAFileIsComparedWithTheRegencysOtherFamiliesOnly() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            _ = try await ListImportTests.load(.regions, "code,name,level\n3202,Sukabumi,regency\n3202010,Cisolok,district\n"
                                               + "3202010001,Desa Tiga,village\n32020100010001,RT 009,sls\n", db)
            let card = "3201010101009999", nik = "3201014501809999", otherNIK = "3201014501808888", otherCard = "3201010101008888"
            // RT 002 keeps B1 with the card, B3 and B4 with one NIK, and B5 and B6 with one card (between themselves).
            _ = try await ListImportTests.load(.families, Self.file([
                Self.row("A1", 1), Self.row("B1", 2, unit: "32010100010002", kk: card), Self.row("B2", 3, unit: "32010100010002"),
                Self.row("B3", 4, unit: "32010100010002", nik: otherNIK), Self.row("B4", 5, unit: "32010100010002", nik: otherNIK),
                Self.row("B5", 6, unit: "32010100010002", kk: otherCard), Self.row("B6", 7, unit: "32010100010002", kk: otherCard),
                Self.row("S1", 8, unit: "32020100010001", nik: nik),
            ]), db)
            // RT 001 again: A1 with B1's card and S1's NIK (another regency), A2 with B3's and B4's NIK,
            // and B2 moved in from RT 002 with its own numbers.
            let revision = Self.file([Self.row("A1", 1, kk: card, nik: nik), Self.row("A2", 9, nik: otherNIK), Self.row("B2", 3)])
            let report = try await ListImportTests.load(.families, revision, db)
            XCTAssertEqual([report.added, report.changed, report.removed], [1, 2, 0])
            var expected = SharedNumbers()
            expected.familyCards.numbers = 1
            expected.familyCards.groups = [.init(families: 2, shown: [Holder(familyID: "A1", line: 2), Holder(familyID: "B1", line: nil)])]
            expected.headNIKs.numbers = 1
            expected.headNIKs.groups = [.init(families: 3, shown: [Holder(familyID: "A2", line: 3), Holder(familyID: "B3", line: nil),
                                                                   Holder(familyID: "B4", line: nil)])]
            XCTAssertEqual(report.sharedNumbers, expected)
        }
    }

    /// At most ten numbers a column, each with at most five families, the rest counted; the same
    /// whether the reading's candidates are asked of or every row.
    func testManySharedNumbersAreCountedBeyondTheFirstTen() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            var rows = (0..<24).map { Self.row("P\($0)", $0, kk: String(3_201_010_101_000_500 + $0 / 2)) }
            rows += (0..<7).map { Self.row("Q\($0)", 30 + $0, unit: "32010100010002", nik: "3201014501807777") }
            let text = Self.file(rows)
            /// The file staged in a transaction of its own, and asked with its candidates or of every row.
            func shared(everyRow: Bool) async throws -> SharedNumbers {
                try await db.write(ListImportTests.context) { connection in
                    let importer = ListImporter(database: db)
                    let staged = try await importer.stage(.families, chunks: try FileChunks(bytes: Array(text.utf8)), on: connection, progress: nil)
                    let candidates = everyRow ? PossiblyRepeatedNumbers(kkNumbers: nil, headNIKs: nil) : try XCTUnwrap(staged.possiblyRepeated)
                    return try await importer.sharedNumbers(units: try XCTUnwrap(staged.units), regencies: staged.regencies, candidates,
                                                           on: connection)
                }
            }
            let found = try await shared(everyRow: false), fromEveryRow = try await shared(everyRow: true)
            XCTAssertEqual(found.familyCards.numbers, 12)
            XCTAssertEqual(found.familyCards.groups.count, 10)
            XCTAssertEqual(found.familyCards.groups.first?.shown, [Holder(familyID: "P0", line: 2), Holder(familyID: "P1", line: 3)])
            XCTAssertEqual(found.familyCards.groups.last?.shown, [Holder(familyID: "P18", line: 20), Holder(familyID: "P19", line: 21)])
            XCTAssertEqual(found.headNIKs.numbers, 1)
            XCTAssertEqual(found.headNIKs.groups.first?.families, 7)
            XCTAssertEqual(found.headNIKs.groups.first?.shown.map(\.familyID), ["Q0", "Q1", "Q2", "Q3", "Q4"])
            XCTAssertEqual(fromEveryRow, found)
        }
    }
}
