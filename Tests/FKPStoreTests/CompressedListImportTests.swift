import AsyncAlgorithms
import Crypto
import FKPCore
import FKPStore
import FKPTestSupport
import XCTest

/// A list sent compressed (gzip) loads as the list itself: the same checks, the same batch, the
/// same SHA-256; a compressed file that is damaged or cut off is refused as such and changes nothing.
final class CompressedListImportTests: XCTestCase {
    static let generated = SyntheticRegency(.init(regency: try! RegionCode("3201"), villages: 2, families: 400, unitsPerVillage: 2, seed: 11))

    /// Loads `bytes` read in chunks of 4 KiB, as a file's are read: a few rows each.
    static func load(_ kind: ListKind, _ bytes: [UInt8], _ db: Database) async throws -> ImportReport {
        let chunks = stride(from: 0, to: bytes.count, by: 4096).map { Array(bytes[$0..<min($0 + 4096, bytes.count)]) }
        return try await ListImporter(database: db).run(kind, chunks: UnpackedChunks(chunks.async), fileName: "keluarga.csv.gz",
                                                 context: ListImportTests.context)
    }

    static func changes(_ db: Database) async throws -> Int64? {
        try await SQLTest.scalar(db, "SELECT (SELECT count(*) FROM fkp.families) + (SELECT count(*) FROM audit.entries)", as: Int64.self)
    }

    func testACompressedListLoadsAsTheListItselfAndItsBatchRecordsTheListsSHA256() async throws {
        try await withTestDatabase { db, _ in
            _ = try await Self.load(.regions, Array(Self.generated.regionsCSV.utf8), db)
            let list = Array(Self.generated.familiesCSV.utf8)
            let report = try await Self.load(.families, Gzipped.bytes(list), db)
            XCTAssertEqual(report.added, 400)
            XCTAssertEqual(report.sha256, AuditHashing.hex(SHA256.hash(data: list)),
                           "the batch records the list's SHA-256, which an auditor computes from the list unpacked")
            let plain = try await ListImportTests.load(.families, Self.generated.familiesCSV, db)
            XCTAssertTrue(plain.isNoOp, "the same list uncompressed is the same list")
            let recorded = try await SQLTest.scalar(db, "SELECT sha256 FROM fkp.import_batches WHERE kind = 'families'", as: String.self)
            XCTAssertEqual(recorded, report.sha256)
        }
    }

    func testADamagedOrCutOffCompressedListIsRefusedAsSuchAndChangesNothing() async throws {
        try await withTestDatabase { db, _ in
            _ = try await Self.load(.regions, Array(Self.generated.regionsCSV.utf8), db)
            let before = try await Self.changes(db)
            let compressed = Gzipped.text(Self.generated.familiesCSV)
            // Stored, a name's letter changed into a quote: the text unpacked breaks as CSV in the middle
            // of the list, and only the checksum at the file's end says the file, not the list, is wrong.
            var garbled = Gzipped.text(Self.generated.familiesCSV, stored: true)
            let name = Array(Self.generated.families[200].headName.utf8)
            let at = try XCTUnwrap(garbled.indices.first { garbled[$0..<min($0 + name.count, garbled.count)].elementsEqual(name) })
            garbled[at + 1] = UInt8(ascii: "\"")
            for (bytes, expected) in [(Array(compressed.dropLast(100)), ImportProblem.Kind.compressedFileCutOff),
                                      (garbled, .compressedFileDamaged)] {
                do {
                    _ = try await Self.load(.families, bytes, db)
                    XCTFail("expected \(expected)")
                } catch let problems as ImportProblems {
                    XCTAssertEqual(problems.shown.map(\.problem), [expected], "\(problems)")
                }
            }
            let after = try await Self.changes(db)
            XCTAssertEqual(after, before, "a refused file changes nothing")
        }
    }
}
