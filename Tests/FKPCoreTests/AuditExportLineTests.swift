import FKPCore
import XCTest

/// Export lines read back the same whether the quick reader or the general JSON parser reads them.
final class AuditExportLineTests: XCTestCase {
    static let line = #"{"chain":"forum:7","seq":12,"prev_hash":"aa","hash":"bb","occurred_at":"2026-12-01T01:02:03.000004Z","actor":"ketua","actor_role":"sls_head","forum_id":7,"region_code":null,"action":"review.save","reason":"Kerja \"tetap\",\nbaru\\ü","decision_ref":null,"table_name":"fkp.reviews","operation":"UPDATE","row_key":"7/F1","old_row":"{\"a\": 1}","new_row":null}"#

    func testTheQuickReaderAndTheGeneralParserAgree() throws {
        let quick = try AuditExportLine.parseJSONL(Array(Self.line.utf8)[...], line: 1)
        XCTAssertEqual(quick.reason, "Kerja \"tetap\",\nbaru\\ü")
        XCTAssertEqual(quick.oldRow, "{\"a\": 1}")
        XCTAssertNil(quick.newRow)
        XCTAssertEqual(quick.forumID, 7)
        XCTAssertEqual(quick.seq, 12)
        // A \u escape and a space after a colon are not the exporter's shape: the general parser reads them.
        let general = Self.line.replacingOccurrences(of: "\"actor\":\"ketua\"", with: "\"actor\": \"k\\u0065tua\"")
        XCTAssertEqual(try AuditExportLine.parseJSONL(Array(general.utf8)[...], line: 1), quick)
    }

    func testALineOfAnotherShapeIsNamedUnreadable() {
        XCTAssertThrowsError(try AuditExportLine.parseJSONL(Array("{\"chain\":1}".utf8)[...], line: 4)) { error in
            XCTAssertEqual((error as? AuditExportLine.Unreadable)?.line, 4)
        }
    }
}
