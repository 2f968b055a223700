import FKPCore
import FKPStore
@testable import FKPWeb
import FKPTestSupport
import PostgresNIO
import XCTest

/// An auditor reads every changed field by a name in their language, never a column name.
final class AuditFieldLabelTests: XCTestCase {
    func testEveryColumnOfTheAuditedTablesHasAPlainName() async throws {
        try await withTestDatabase { db, _ in
            let columns = try await db.read { connection in
                var found: [String] = []
                let rows = try await connection.query("""
                    SELECT DISTINCT c.column_name FROM information_schema.columns c JOIN pg_tables t
                        ON t.schemaname = c.table_schema AND t.tablename = c.table_name
                     WHERE c.table_schema = 'fkp' ORDER BY 1
                    """, logger: db.logger)
                for try await name in rows.decode(String.self) { found.append(name) }
                return found
            }
            XCTAssertGreaterThan(columns.count, 50)
            for language in Language.allCases {
                let missing = columns.filter { !AuditLine.unremarkable.contains($0) && Messages.catalogue(language)["field_\($0)"] == nil }
                XCTAssertEqual(missing, [], "\(language): columns an audit entry would show by their bare name")
            }
        }
    }

    func testEveryActionThePeopleTakeHasAPlainName() {
        let actions = ["forum.plan", "forum.attendance", "forum.invite", "forum.invite_reissue", "forum.add_family", "forum.close",
                       "forum.reopen", "challenge.raise", "minutes.notes", "review.save", "review.paper", "rerank.run", "user.activate",
                       "user.change_password", "user.create", "user.disable", "user.enable", "user.reset_password", "demo.load"]
            + ForumController.offered.map { "forum.state.\($0.rawValue)" }
            + Challenge.Status.allCases.filter { $0 != .open }.map { "challenge.\($0.rawValue)" }
            + ["signed", "refused"].map { "minutes.\($0)" } + ["regions", "families"].map { "import.\($0)" }
        for language in Language.allCases {
            let missing = actions.filter { Messages.catalogue(language)["action_" + $0.replacingOccurrences(of: ".", with: "_")] == nil }
            XCTAssertEqual(missing, [], "\(language)")
        }
    }

    func testAYesOrNoIsShownInWordsAndAFieldByItsName() {
        let entry = AuditEntry(id: 1, chain: "forum:1", seq: 1, prevHash: "", hash: "", occurredAt: "2026-12-01T02:00:00.000000Z",
                               actor: "fasil", actorRole: "facilitator", forumID: 1, regionCode: nil, action: "forum.attendance",
                               reason: nil, decisionRef: nil, tableName: "fkp.forum_participants", operation: "UPDATE", rowKey: "2",
                               oldRow: #"{"attended": false, "full_name": "Euis", "id": 2}"#,
                               newRow: #"{"attended": true, "full_name": "Euis Rohaeti", "id": 2}"#)
        let line = AuditLine(entry, t: Translations(language: .indonesian))
        XCTAssertEqual(line.changes.map(\.field), ["Hadir", "Nama lengkap"])
        XCTAssertEqual(line.changes.first?.old, "tidak")
        XCTAssertEqual(line.changes.first?.new, "ya")
        XCTAssertEqual(line.table, "Peserta forum")
        XCTAssertEqual(line.action, "Mencatat kehadiran")
        XCTAssertEqual(line.actionCode, "forum.attendance")
        let counted = AuditLine(AuditEntry(id: 2, chain: "forum:1", seq: 2, prevHash: "", hash: "", occurredAt: "2026-12-01T02:00:00.000000Z",
                                           actor: "fasil", actorRole: "facilitator", forumID: 1, regionCode: nil, action: "challenge.decide",
                                           reason: nil, decisionRef: nil, tableName: "fkp.challenges", operation: "UPDATE", rowKey: "3",
                                           oldRow: #"{"votes_for": null}"#, newRow: #"{"votes_for": 1}"#),
                                t: Translations(language: .english))
        XCTAssertEqual(counted.changes.map(\.new), ["1"], "a number 1 is a number, not a yes")
    }
}
