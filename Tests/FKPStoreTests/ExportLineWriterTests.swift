import FKPCore
@testable import FKPStore
import XCTest

/// Export lines are written straight from the database's bytes; read back, every value is the
/// same, whatever it holds: quotes, backslashes, line breaks, tabs, control bytes, commas, spaces
/// at the edges, an empty text, an absent one, non-ASCII letters.
final class ExportLineWriterTests: XCTestCase {
    static let awkward = "Baris satu\nbaris dua\t\"kutip\" \\ garis, \u{01}\u{1f} Pénjelasan"

    static let cells: [String?] = [
        "forum:1", "7", String(repeating: "a", count: 64), String(repeating: "b", count: 64), "2026-12-02T01:02:03.000004Z",
        "ketua \"RT 01\"", "sls_head", "1", nil, "review.save", awkward, " spasi di tepi ", "fkp.reviews", "UPDATE", "",
        nil, #"{"reason": "kata \"kutip\"\nbaris"}"#,
    ]

    func testAJSONLineReadsBackToTheSameValues() throws {
        let out = ExportLineWriter(format: .jsonl).line(Self.cells)
        XCTAssertEqual(out.last, UInt8(ascii: "\n"))
        XCTAssertEqual(out.filter { $0 == UInt8(ascii: "\n") }.count, 1, "one line, whatever the values hold")
        let entry = try AuditExportLine.parseJSONL(out.dropLast(), line: 1)
        Self.assertSameValues(entry)
    }

    func testACSVRecordReadsBackToTheSameValues() throws {
        let out = ExportLineWriter(format: .csv).line(Self.cells)
        var records = AuditExportLine.CSVRecords()
        var found: [String?]?
        for line in String(decoding: out, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            found = records.feed(line)
        }
        Self.assertSameValues(try AuditExportLine.parseCSV(try XCTUnwrap(found), line: 2))
    }

    static func assertSameValues(_ entry: AuditEntry, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(entry.chain, "forum:1", file: file, line: line)
        XCTAssertEqual(entry.seq, 7, file: file, line: line)
        XCTAssertEqual(entry.actor, "ketua \"RT 01\"", file: file, line: line)
        XCTAssertEqual(entry.forumID, 1, file: file, line: line)
        XCTAssertNil(entry.regionCode, file: file, line: line)
        XCTAssertEqual(entry.reason, awkward, file: file, line: line)
        XCTAssertEqual(entry.decisionRef, " spasi di tepi ", file: file, line: line)
        XCTAssertEqual(entry.rowKey, "", file: file, line: line)
        XCTAssertNil(entry.oldRow, file: file, line: line)
        XCTAssertEqual(entry.newRow, cells[16], file: file, line: line)
    }
}
