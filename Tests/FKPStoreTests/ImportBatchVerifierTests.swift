import FKPCore
import FKPStore
import FKPTestSupport
import Foundation
import PostgresNIO
import XCTest

/// The rows an import batch kept beside the chain, checked against the file it loaded: intact as
/// loaded, and every way of altering them found (docs/audit.md "Bulk loads").
final class ImportBatchVerifierTests: XCTestCase {
    static let header = FamilyCSV.columns.joined(separator: ",")

    static func row(_ n: Int, unit: String = "32010100010001", name: String? = nil, score: String? = nil) -> String {
        ListImportTests.row(String(format: "F%03d", n), unit: unit, name: name ?? ListImportTests.headName(n), score: score ?? "\(n).25",
                            kk: String(format: "32010101010%05d", n), nik: String(format: "32010145018%05d", n))
    }

    /// Imports `text`; returns the batch's entry and the file's bytes.
    static func load(_ kind: ListKind, _ text: String, _ db: Database) async throws -> (ImportBatchVerifier.Entry, String) {
        let report = try await ListImportTests.load(kind, text, db)
        let entry = try await ImportBatchVerifier(database: db).entry(of: try XCTUnwrap(report.batchID))
        return (try XCTUnwrap(entry), text)
    }

    static func verify(_ entry: ImportBatchVerifier.Entry, _ text: String, _ db: Database) async throws -> ImportBatchVerifier.Verification {
        try await ImportBatchVerifier(database: db).verify(entry, chunks: try FileChunks(bytes: Array(text.utf8)))
    }

    func testBatchesAsLoadedAreIntactAndTheCheckChangesNothing() async throws {
        try await withTestDatabase { db, _ in
            // Places written row by row, as a test or an operator's audited SQL would: a regions file
            // listing them again does not add them, and adds the one new unit.
            try await SQLTest.write(db, SQLTest.places)
            let (places, placesFile) = try await Self.load(.regions, "code,name,level\n3201010001,Desa Satu,village\n"
                                                           + "32010100010004,RT 004,sls\n", db)
            XCTAssertEqual(places.counts, .init(added: 1, changed: 0, removed: 0))
            let first = Self.header + "\n" + (1...12).map { Self.row($0) }.joined(separator: "\n") + "\n"
            let (loaded, firstFile) = try await Self.load(.families, first, db)
            // Revised: F002 renamed, F003 moved and rescored (a score written 5.50), F004 removed, F013 added.
            let revised = Self.header + "\n" + ([1, 2, 3] + Array(5...13)).map { n in
                switch n {
                case 2: Self.row(n, name: "Siti Ma'ruf, S.Pd")
                case 3: Self.row(n, unit: "32010100010002", score: "5.50")
                default: Self.row(n)
                }
            }.joined(separator: "\n") + "\n"
            let (revision, revisedFile) = try await Self.load(.families, revised, db)
            XCTAssertEqual(revision.counts, .init(added: 1, changed: 2, removed: 1))
            XCTAssertEqual(revision.chain, "regency:3201")
            let written = "SELECT (SELECT count(*) FROM audit.entries) + (SELECT count(*) FROM audit.imported_families) + (SELECT count(*) FROM fkp.families)"
            let before = try await SQLTest.scalar(db, written, as: Int64.self)
            for (entry, file, rows) in [(places, placesFile, 2), (loaded, firstFile, 12), (revision, revisedFile, 12)] {
                let verification = try await Self.verify(entry, file, db)
                XCTAssertEqual(verification.problems, [], "batch \(entry.batchID)")
                XCTAssertTrue(verification.isIntact)
                XCTAssertEqual(verification.rows, rows)
                XCTAssertEqual(verification.kept, entry.counts)
            }
            let after = try await SQLTest.scalar(db, written, as: Int64.self)
            XCTAssertEqual(before, after, "a check writes nothing")
            // Another batch's file is not this batch's: its SHA-256 says so before any row is compared.
            let other = try await Self.verify(revision, firstFile, db)
            XCTAssertEqual(other.problems.count, 1)
            XCTAssertTrue(other.problems[0].contains("not the \(revision.sha256) of the file batch \(revision.batchID) loaded"), other.problems[0])
            let none = try await ImportBatchVerifier(database: db).entry(of: 99)
            XCTAssertNil(none)
            let exists = try await ImportBatchVerifier(database: db).batchExists(99)
            XCTAssertFalse(exists)
        }
    }

    func testEveryAlterationOfTheKeptRowsIsFoundAndNamed() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let (places, placesFile) = try await Self.load(.regions, "code,name,level\n32010100010004,RT 004,sls\n", db)
            let first = Self.header + "\n" + (1...12).map { Self.row($0) }.joined(separator: "\n") + "\n"
            let (loaded, firstFile) = try await Self.load(.families, first, db)
            let revised = Self.header + "\n" + ([1, 2] + Array(5...13)).map { Self.row($0, name: $0 == 2 ? "Siti Aminah Baru" : nil) }
                .joined(separator: "\n") + "\n"
            let (revision, revisedFile) = try await Self.load(.families, revised, db)
            let (b1, b2, b3) = (places.batchID, loaded.batchID, revision.batchID)
            try await SQLTest.tamper(db, [
                "UPDATE audit.imported_regions SET name = 'RT 044' WHERE batch_id = \(b1)",
                // The first load: one row gone, one rescored.
                "DELETE FROM audit.imported_families WHERE batch_id = \(b2) AND family_id = 'F007'",
                "UPDATE audit.imported_families SET welfare_score = 1.5 WHERE batch_id = \(b2) AND family_id = 'F008'",
                // The revision: a changed row's name put back, a removal of a family the file keeps, a row added.
                "UPDATE audit.imported_families SET head_name = 'Siti Aminah' WHERE batch_id = \(b3) AND family_id = 'F002'",
                "UPDATE audit.imported_families SET family_id = 'F011' WHERE batch_id = \(b3) AND change = 'remove' AND family_id = 'F003'",
                """
                INSERT INTO audit.imported_families (batch_id, family_id, change, line, sls_code, head_name, address, members, welfare_group,
                                                     welfare_score, kk_number, head_nik)
                VALUES (\(b3), 'F099', 'add', 14, '32010100010001', 'Palsu', 'Kp. Babakan', 4, 2, 1.25, '3201010101000001', '3201014501800001')
                """,
            ])
            let regions = try await Self.verify(places, placesFile, db)
            XCTAssertEqual(regions.problems, ["region 32010100010004: kept as added from line 2; the file's line differs in name"])
            let firstLoad = try await Self.verify(loaded, firstFile, db)
            XCTAssertEqual(firstLoad.kept, .init(added: 11, changed: 0, removed: 0))
            XCTAssertEqual(firstLoad.problems, [
                "the batch kept 11 added, 0 changed, 0 removed; its entry says 12 added, 0 changed, 0 removed",
                "family F008: kept as added from line 9; the file's line differs in welfare_score",
                "family F007, line 8: nothing loaded or wrote it before this batch, so the batch added it, yet kept no row for it",
            ])
            let revisionCheck = try await Self.verify(revision, revisedFile, db)
            XCTAssertEqual(revisionCheck.problems, [
                "the batch kept 2 added, 1 changed, 2 removed; its entry says 1 added, 1 changed, 2 removed",
                "family F002: kept as changed from line 3; the file's line differs in head_name",
                "family F099: kept as added from line 14, but the file does not list it",
                "family F011: kept as removed from unit 32010100010001, but the file lists it on line 10",
                // F007's load lost its row: its line in this file is one no batch is known to have loaded.
                "family F007, line 6: nothing loaded or wrote it before this batch, so the batch added it, yet kept no row for it",
            ])
            XCTAssertFalse(revisionCheck.isIntact)
        }
    }

    func testAHundredProblemsOfAKindAreListedAndTheRestCounted() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let text = Self.header + "\n" + (1...130).map { Self.row($0) }.joined(separator: "\n") + "\n"
            let (entry, file) = try await Self.load(.families, text, db)
            try await SQLTest.tamper(db, ["UPDATE audit.imported_families SET members = members + 1 WHERE batch_id = \(entry.batchID)"])
            let verification = try await Self.verify(entry, file, db)
            XCTAssertEqual(verification.problems.count, 100)
            XCTAssertEqual(verification.unlisted, 30)
            XCTAssertEqual(verification.problems.first, "family F001: kept as added from line 2; the file's line differs in members")
        }
    }
}
