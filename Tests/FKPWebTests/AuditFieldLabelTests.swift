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

    /// Every code a CHECK constraint of an audited table allows (`verdict IN ('sesuai', ...)`) reads
    /// in words, as the forms that set it say it.
    func testEveryCodeTheSchemaAllowsReadsInWords() async throws {
        try await withTestDatabase { db, _ in
            let definitions = try await db.read { connection in
                var found: [String] = []
                let rows = try await connection.query("""
                    SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                     WHERE n.nspname = 'fkp' AND c.contype = 'c' ORDER BY 1
                    """, logger: db.logger)
                for try await definition in rows.decode(String.self) { found.append(definition) }
                return found
            }
            // `(verdict = ANY (ARRAY['sesuai'::text, 'tidak_sesuai'::text]))`: a column and its codes.
            let list = try Regex(#"\((\w+) = ANY \(ARRAY\[((?:'\w+'::text(?:, )?)+)\]\)\)"#)
            var codes: [(column: String, code: String)] = []
            for definition in definitions {
                for match in definition.matches(of: list) {
                    guard let column = match.output[1].substring, let values = match.output[2].substring else { continue }
                    for value in values.split(separator: ", ") {
                        codes.append((String(column), String(value.dropFirst().prefix { $0 != "'" })))
                    }
                }
            }
            XCTAssertGreaterThan(Set(codes.map(\.column)).count, 10, "the constraints were read")
            XCTAssertTrue(codes.contains { $0 == ("verdict", "tidak_berpendapat") })
            for language in Language.allCases {
                let t = Translations(language: language)
                let bare = codes.filter { t.words(forCode: $0.code, in: $0.column) == nil }.map { "\($0.column) \($0.code)" }
                XCTAssertEqual(bare, [], "\(language): codes an audit entry would show as stored")
            }
        }
    }

    func testAVerdictAndAGroupReadInWords() throws {
        let entry = AuditEntry(id: 1, chain: "forum:1", seq: 1, prevHash: "", hash: "", occurredAt: "2026-12-01T02:00:00.000000Z",
                               actor: "ketua", actorRole: "sls_head", forumID: 1, regionCode: nil, action: "review.save",
                               reason: nil, decisionRef: nil, tableName: "fkp.reviews", operation: "UPDATE", rowKey: "1/F1",
                               oldRow: #"{"verdict": null, "proposed_group": null, "presence": "present", "moved_to": "sesuai"}"#,
                               newRow: #"{"verdict": "tidak_sesuai", "proposed_group": 2, "presence": "moved", "moved_to": "Bandung"}"#)
        let line = AuditLine(entry, t: Translations(language: .indonesian))
        XCTAssertEqual(line.changes.map(\.new), ["Bandung", "Pindah", "2 Miskin", "Tidak sesuai"])
        XCTAssertEqual(line.changes.first?.old, "sesuai", "free text that happens to spell a code stays as written")
        XCTAssertEqual(line.changes.map(\.old).dropFirst(), ["Masih tinggal di sini", "–", "–"])
        let inserted = AuditLine(AuditEntry(id: 2, chain: "forum:1", seq: 2, prevHash: "", hash: "", occurredAt: "2026-12-01T02:00:00.000000Z",
                                            actor: "ketua", actorRole: "sls_head", forumID: 1, regionCode: nil, action: "review.save",
                                            reason: nil, decisionRef: nil, tableName: "fkp.reviews", operation: "INSERT", rowKey: "1/F2",
                                            oldRow: nil, newRow: #"{"verdict": "sesuai", "reason": null}"#),
                                 t: Translations(language: .english))
        XCTAssertEqual(inserted.changes.map(\.field), ["Verdict"], "a new row shows the values it was given")
        XCTAssertEqual(inserted.changes.first?.new, "Fits")
        XCTAssertNil(inserted.changes.first?.old, "nothing to strike through")
        let minutes = AuditLine(AuditEntry(id: 3, chain: "forum:1", seq: 3, prevHash: "", hash: "", occurredAt: "2026-12-01T02:00:00.000000Z",
                                           actor: "bps", actorRole: "bps_staff", forumID: 1, regionCode: nil, action: "forum.close",
                                           reason: nil, decisionRef: nil, tableName: "fkp.minutes", operation: "INSERT", rowKey: "1/1",
                                           oldRow: nil, newRow: #"{"document": {"title": "FKP", "units": ["RT 001 / RW 001"]}, "forum_id": 1, "empty": {}, "none": []}"#),
                                t: Translations(language: .english))
        let document = try XCTUnwrap(minutes.changes.first { $0.isDocument })
        XCTAssertTrue(document.new.contains("\n") && document.new.contains(#""title" : "FKP""#), "laid out on lines: \(document.new)")
        XCTAssertTrue(document.new.contains("RT 001 / RW 001"), "as written, its slashes not escaped")
        XCTAssertEqual(minutes.changes.filter(\.isDocument).count, 1, "the forum's number is no document, and an empty one is not shown")
        XCTAssertEqual(minutes.changes.count, 2, "\(minutes.changes.map(\.field))")
    }

    func testEveryActionThePeopleTakeHasAPlainName() {
        let actions = ["forum.plan", "forum.replan", "forum.cancel", "forum.attendance", "forum.invite", "forum.invite_reissue", "forum.add_family", "forum.withdraw_added_family", "forum.close",
                       "forum.reopen", "challenge.raise", "minutes.notes", "review.save", "review.paper", "rerank.run", "user.activate",
                       "user.change_password", "user.create", "user.disable", "user.enable", "user.reset_password", "user.grant", "user.revoke",
                       "migration"]
            + ForumController.offered.map { "forum.state.\($0.rawValue)" }
            + Challenge.Status.allCases.filter { $0 != .open }.map { "challenge.\($0.rawValue)" }
            + ["signed", "refused", "void"].map { "minutes.\($0)" } + ["regions", "families"].map { "import.\($0)" }
        for language in Language.allCases {
            let missing = actions.filter { Messages.catalogue(language)["action_" + $0.replacingOccurrences(of: ".", with: "_")] == nil }
            XCTAssertEqual(missing, [], "\(language)")
        }
        XCTAssertEqual(Set(Messages.auditedActions), Set(actions), "the audit filter offers every action, and only those")
        XCTAssertEqual(Messages.auditedActions.count, actions.count, "each once")
        let named = Set(Messages.indonesian.keys.filter { $0.hasPrefix("action_") })
        XCTAssertEqual(named, Set(actions.map { "action_" + $0.replacingOccurrences(of: ".", with: "_") }), "no name for an action no one takes")
    }

    func testAYesOrNoIsShownInWordsAndAFieldByItsName() {
        let entry = AuditEntry(id: 1, chain: "forum:1", seq: 1, prevHash: "", hash: "", occurredAt: "2026-12-01T02:00:00.000000Z",
                               actor: "fasil", actorRole: "facilitator", forumID: 1, regionCode: nil, action: "forum.attendance",
                               reason: nil, decisionRef: nil, tableName: "fkp.forum_participants", operation: "UPDATE", rowKey: "2",
                               oldRow: #"{"attended": false, "attended_at": null, "full_name": "Euis", "id": 2}"#,
                               newRow: #"{"attended": true, "attended_at": "2026-12-01T02:00:00.5+00:00", "full_name": "Euis Rohaeti", "id": 2}"#)
        let line = AuditLine(entry, t: Translations(language: .indonesian))
        XCTAssertEqual(line.changes.map(\.field), ["Hadir", "Waktu hadir", "Nama lengkap"])
        XCTAssertEqual(line.changes.first?.old, "tidak")
        XCTAssertEqual(line.changes.first?.new, "ya")
        XCTAssertEqual(line.changes[1].new, "2026-12-01 09:00:00 WIB", "a time a row holds reads like the entry's own")
        XCTAssertEqual(line.table, "Peserta forum")
        XCTAssertEqual(line.action, "Mencatat kehadiran")
        XCTAssertEqual(line.actionCode, "forum.attendance")
        XCTAssertEqual(line.when, "2026-12-01 09:00:00 WIB", "in the zone of the filter's days")
        XCTAssertEqual(line.instant, "2026-12-01T02:00:00.000000Z", "and exactly as exports carry it")
        let counted = AuditLine(AuditEntry(id: 2, chain: "forum:1", seq: 2, prevHash: "", hash: "", occurredAt: "2026-12-01T02:00:00.000000Z",
                                           actor: "fasil", actorRole: "facilitator", forumID: 1, regionCode: nil, action: "challenge.decide",
                                           reason: nil, decisionRef: nil, tableName: "fkp.challenges", operation: "UPDATE", rowKey: "3",
                                           oldRow: #"{"votes_for": null}"#, newRow: #"{"votes_for": 1}"#),
                                t: Translations(language: .english))
        XCTAssertEqual(counted.changes.map(\.new), ["1"], "a number 1 is a number, not a yes")
    }

    func testAnAccountsIdAndAPlacesCodeAreShownWithTheirNames() throws {
        let entry = AuditEntry(id: 1, chain: "regency:3201", seq: 1, prevHash: "", hash: "", occurredAt: "2026-12-01T02:00:00.000000Z",
                               actor: "bps", actorRole: "bps_staff", forumID: nil, regionCode: "3201010002", action: "user.grant",
                               reason: nil, decisionRef: nil, tableName: "fkp.role_assignments", operation: "INSERT", rowKey: "9",
                               oldRow: nil, newRow: #"{"user_id": 7, "region_code": "3201010002", "role": "facilitator", "forum_id": 2}"#)
        let references = AuditLine.references(in: [entry])
        XCTAssertEqual(references.userIDs, [7])
        XCTAssertEqual(references.placeCodes, ["3201010002"], "a forum's id is not an account's")
        let named = AuditLine(entry, names: .init(users: [7: "fasil"], places: ["3201010002": "Desa Dua"]), t: Translations(language: .indonesian))
        XCTAssertEqual(named.changes.map(\.new), ["2", "3201010002 · Desa Dua", "Fasilitator", "7 · fasil"])
        let unnamed = AuditLine(entry, t: Translations(language: .indonesian))
        XCTAssertEqual(unnamed.changes.map(\.new), ["2", "3201010002", "Fasilitator", "7"], "an id no longer found is shown as kept")
    }
}
