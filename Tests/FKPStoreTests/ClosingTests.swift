import FKPCore
import FKPStore
import FKPTestSupport
import XCTest

/// Signatures, closing, the frozen forum and reopening, against the database's own rules.
final class ClosingTests: XCTestCase {
    /// Forum 1 ready to close: facilitator 'fasil', an SLS head and a community figure who came.
    static let ready = readyToClose()

    /// The same, with `more` participants invited beside them (and present).
    static func readyToClose(inviting more: [String] = []) -> [String] {
        TestAccounts.world + [
            "INSERT INTO fkp.forum_team (forum_id, user_id, team_role) SELECT 1, id, 'facilitator' FROM fkp.users WHERE username = 'fasil'",
            "INSERT INTO fkp.forum_participants (forum_id, kind, sls_code, full_name) VALUES (1, 'sls_head', '32010100010001', 'Pak Dadang')",
            "INSERT INTO fkp.forum_participants (forum_id, kind, full_name) VALUES (1, 'community_figure', 'Ibu Euis')",
        ] + more + SQLTest.advance(to: .open) + [
            "UPDATE fkp.forum_participants SET attended = true, attended_at = now() WHERE forum_id = 1",
        ] + SQLTest.advance(from: .open, to: .readyToClose)
    }

    static let bps = WriteContext(actor: "bps", role: .bpsStaff, action: "test.closing", forumID: 1)

    static func sign(_ db: Database, _ role: Signatory.Role, name: String, status: Signatory.Status = .signed, reason: String? = nil,
              refusing refusal: Int64? = nil) async throws {
        let places = try await SignatureRepository(database: db).signatories(forumID: 1)
        let place = try XCTUnwrap(places.first { refusal == nil ? $0.role == role && $0.escalatedFrom == nil && $0.mark == nil : $0.escalatedFrom == refusal },
                                  "no place for \(role)")
        try await SignatureRepository(database: db).record(forumID: 1, place: place, signerName: name, status: status, method: .paper,
                                                           refusalReason: reason, withStamp: false, context: Self.bps)
    }

    static func refusalID(_ db: Database, of name: String) async throws -> Int64 {
        let id = try await SQLTest.scalar(db, "SELECT id FROM fkp.signatures WHERE signer_name = '\(name)' AND status = 'refused'", as: Int64.self)
        return try XCTUnwrap(id)
    }

    func testARefusalAsksTheLevelAboveAndTheForumClosesOnlyWhenEveryPlaceIsAnswered() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.ready)
            let closings = ClosingRepository(database: db)
            let first = try await closings.blockers(forumID: 1)
            XCTAssertEqual(first, [.unsigned(role: .facilitator, name: "Uji fasil"), .unsigned(role: .slsHead, name: "Pak Dadang"),
                                   .unsigned(role: .communityFigure, name: "Ibu Euis"), .unsigned(role: .villageHead, name: nil)])

            try await Self.sign(db, .facilitator, name: "Uji fasil")
            try await Self.sign(db, .slsHead, name: "Pak Dadang", status: .refused, reason: "Tidak setuju dengan hasil")
            try await Self.sign(db, .communityFigure, name: "Ibu Euis")
            try await Self.sign(db, .villageHead, name: "Pak Kades", status: .refused, reason: "Belum membaca")
            let escalations = try await closings.blockers(forumID: 1)
            XCTAssertEqual(escalations, [.escalation(role: .villageHead, refusedBy: "Pak Dadang"),
                                         .escalation(role: .districtHead, refusedBy: "Pak Kades")])
            let assembled = try await MinutesRepository(database: db).assemble(forumID: 1)
            let document = try XCTUnwrap(assembled)
            await SQLTest.assertRefused("forum_closing_blocked") {
                _ = try await closings.close(forumID: 1, version: 1, minutes: document, context: Self.bps)
            }

            let dadang = try await Self.refusalID(db, of: "Pak Dadang")
            let kades = try await Self.refusalID(db, of: "Pak Kades")
            await SQLTest.assertRefused("signatures_escalation_goes_up", {
                try await SQLTest.write(db, forum: 1, ["""
                    INSERT INTO fkp.signatures (forum_id, forum_version, signatory_role, signer_name, status, method, escalated_from, recorded_by)
                    VALUES (1, 1, 'district_head', 'Pak Camat', 'signed', 'paper', \(dadang), 'test')
                    """])
            })
            try await Self.sign(db, .villageHead, name: "Pak Kades", refusing: dadang)
            try await Self.sign(db, .districtHead, name: "Pak Camat", refusing: kades)
            let none = try await closings.blockers(forumID: 1)
            XCTAssertEqual(none, [])

            let closed = try await closings.close(forumID: 1, version: 1, minutes: document, context: Self.bps)
            let head = try XCTUnwrap(closed)
            let entry = try await AuditRepository(database: db).entries(chain: "forum:1").first { $0.seq == head.seq }
            XCTAssertEqual(entry?.hash, head.hash, "the stored head is the chain's entry at that sequence number")
            XCTAssertEqual(entry?.tableName, "fkp.forums")
            XCTAssertTrue(entry?.newRow?.contains("\"state\": \"closed\"") == true, "the head is the entry of the move to closed")
            let stored = try await MinutesRepository(database: db).minutes(forumID: 1, version: 1)
            XCTAssertEqual(stored, document, "the minutes are kept as printed")
        }
    }

    func testAClosedForumRefusesEveryWriteToItsRecordsEvenByHandTypedSQL() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.ready + SQLTest.close())
            let attempts: [(String, String)] = [
                ("reviews", "UPDATE fkp.reviews SET verdict = 'sesuai' WHERE forum_id = 1"),
                ("challenges", "INSERT INTO fkp.challenges (forum_id, family_id, kind, proposed_group, reason, raised_by_name) VALUES (1, 'F1', 'group', 2, 'x', 'y')"),
                ("added", "INSERT INTO fkp.added_families (forum_id, sls_code, head_name, members, proposed_group, reason) VALUES (1, '32010100010001', 'A', 2, 1, 'x')"),
                ("minutes", "UPDATE fkp.minutes SET notes = 'diubah' WHERE forum_id = 1"),
                ("signatures", "DELETE FROM fkp.signatures WHERE forum_id = 1"),
                ("attendance", "UPDATE fkp.forum_participants SET attended = false, attended_at = NULL WHERE forum_id = 1"),
                ("families", "UPDATE fkp.families SET welfare_group = 4 WHERE id = 'F1'"),
                ("closing", "UPDATE fkp.forum_closings SET chain_head = repeat('0', 64) WHERE forum_id = 1"),
                ("forum", "UPDATE fkp.forums SET venue = 'Masjid' WHERE id = 1"),
            ]
            for (what, statement) in attempts {
                let refusal = try await SQLTest.attempt(db, forum: what == "families" ? nil : 1, setup: [], statement)
                XCTAssertNotNil(refusal, "\(what): a write to a closed forum was accepted")
            }
        }
    }

    func testReopeningNeedsAReasonKeepsTheClosedVersionAndTheNextClosingExtendsTheChain() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.ready + [SQLTest.close()[0]])
            let closings = ClosingRepository(database: db)
            let minutes = try await MinutesRepository(database: db).assemble(forumID: 1)
            _ = try await closings.close(forumID: 1, version: 1, minutes: try XCTUnwrap(minutes), context: Self.bps)
            await SQLTest.assertRefused("forum_closings_reopen_has_reason") {
                _ = try await closings.reopen(forumID: 1, version: 1, reason: " ", context: Self.bps)
            }
            let reopened = try await closings.reopen(forumID: 1, version: 1, reason: "Keluarga F2 terlewat", context: Self.bps)
            XCTAssertTrue(reopened)
            let again = try await closings.reopen(forumID: 1, version: 1, reason: "dua kali", context: Self.bps)
            XCTAssertFalse(again, "a closing is reopened once")
            let version = try await SQLTest.scalar(db, "SELECT forum_version || ' ' || state FROM fkp.forums WHERE id = 1", as: String.self)
            XCTAssertEqual(version, "2 reopened")

            try await SQLTest.write(db, forum: 1, [
                "UPDATE fkp.forums SET state = 'reviewing' WHERE id = 1",
                "UPDATE fkp.forums SET state = 'ready_to_close' WHERE id = 1",
                SQLTest.close()[0],
            ])
            let places = try await SignatureRepository(database: db).signatories(forumID: 1)
            XCTAssertTrue(places.allSatisfy { $0.mark != nil }, "version 2 has its own signatures")
            let kept = try await SignatureRepository(database: db).recorded(forumID: 1, version: 1)
            XCTAssertEqual(kept.count, 4, "version 1 keeps its signatures")
            let assembled = try await MinutesRepository(database: db).assemble(forumID: 1)
            let document = try XCTUnwrap(assembled)
            XCTAssertEqual(document.forumVersion, 2)
            let closedAgain = try await closings.close(forumID: 1, version: 2, minutes: document, context: Self.bps)
            let second = try XCTUnwrap(closedAgain)

            let all = try await closings.closings(forumID: 1)
            XCTAssertEqual(all.map(\.version), [1, 2])
            XCTAssertEqual(all[0].reopenReason, "Keluarga F2 terlewat")
            XCTAssertGreaterThan(second.seq, all[0].head.seq)
            let chain = try await AuditRepository(database: db).entries(chain: "forum:1")
            XCTAssertEqual(chain.first { $0.seq == all[0].head.seq }?.hash, all[0].head.hash, "the first head is still in the chain")
            XCTAssertEqual(chain.first { $0.seq == all[0].head.seq + 1 }?.prevHash, all[0].head.hash, "and the chain goes on from it")
            let verification = try await AuditRepository(database: db).verify(chain: "forum:1")
            XCTAssertTrue(verification.isValid, "\(verification.problems)")
            let first = try await MinutesRepository(database: db).minutes(forumID: 1, version: 1)
            XCTAssertNotNil(first, "version 1's minutes are kept")
        }
    }

    func testFamiliesWithoutAVerdictAndOpenChallengesAreListedAsBlockersToo() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, TestAccounts.world + SQLTest.advance(to: .reviewing) + [
                "INSERT INTO fkp.reviews (forum_id, family_id, verdict) VALUES (1, 'F1', 'sesuai')",
                "INSERT INTO fkp.challenges (forum_id, family_id, kind, proposed_group, reason, raised_by_name) VALUES (1, 'F1', 'group', 2, 'PHK', 'Pak RT')",
            ])
            let blockers = try await ClosingRepository(database: db).blockers(forumID: 1)
            XCTAssertEqual(blockers, [.withoutVerdict(count: 1), .openChallenges(count: 1), .unsigned(role: .villageHead, name: nil)])
        }
    }

    func testAForumIsNotReopenedWhileALaterForumHoldsOneOfItsUnits() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.ready + SQLTest.close())
            // Forum 3 takes unit 32010100010001 again, as it may once forum 1 is closed.
            try await SQLTest.write(db, SQLTest.forum(starts: "2026-12-20 09:00+07"))
            await SQLTest.assertRefused("forum_units_one_open_forum") {
                _ = try await ClosingRepository(database: db).reopen(forumID: 1, version: 1, reason: "Keluarga F2 terlewat", context: Self.bps)
            }
            let state = try await SQLTest.scalar(db, "SELECT state FROM fkp.forums WHERE id = 1", as: String.self)
            XCTAssertEqual(state, "closed")

            try await SQLTest.write(db, ["DELETE FROM fkp.forum_units WHERE forum_id = 3", "DELETE FROM fkp.forums WHERE id = 3"])
            let reopened = try await ClosingRepository(database: db).reopen(forumID: 1, version: 1, reason: "Keluarga F2 terlewat", context: Self.bps)
            XCTAssertTrue(reopened, "with the later forum gone, the unit is free again")
        }
    }

    func testGoingBackToReviewVoidsTheSignaturesSoTheChangedMinutesAreSignedAgain() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.ready)
            try await Self.sign(db, .facilitator, name: "Uji fasil")
            try await Self.sign(db, .slsHead, name: "Pak Dadang")
            try await Self.sign(db, .communityFigure, name: "Ibu Euis")
            try await Self.sign(db, .villageHead, name: "Pak Kades")
            let signed = try await ClosingRepository(database: db).blockers(forumID: 1)
            XCTAssertEqual(signed, [])

            // Back to review: a verdict changes, so the counts the signatories signed no longer hold.
            try await SQLTest.write(db, forum: 1, [
                "UPDATE fkp.forums SET state = 'reviewing' WHERE id = 1",
                "UPDATE fkp.reviews SET verdict = 'tidak_sesuai', proposed_group = 4, reason = 'Sudah bekerja' WHERE forum_id = 1 AND family_id = 'F1'",
                "UPDATE fkp.forums SET state = 'ready_to_close' WHERE id = 1",
            ])
            let again = try await ClosingRepository(database: db).blockers(forumID: 1)
            XCTAssertEqual(again, [.unsigned(role: .facilitator, name: "Uji fasil"), .unsigned(role: .slsHead, name: "Pak Dadang"),
                                   .unsigned(role: .communityFigure, name: "Ibu Euis"), .unsigned(role: .villageHead, name: nil)],
                           "every place is to be signed again")
            let voided = try await SQLTest.scalar(db, """
                SELECT count(*) FROM audit.entries WHERE table_name = 'fkp.signatures' AND operation = 'DELETE' AND actor = 'test'
                """, as: Int64.self)
            XCTAssertEqual(voided, 4, "the voided signatures stay in the audit trail")
        }
    }

    func testASignatureRecordedWhileTheForumGoesBackToReviewIsVoidedWithTheOthers() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.ready)
            try await Self.sign(db, .facilitator, name: "Uji fasil")
            try await SQLTest.attemptWhileHolding(db, forum: 1, ["""
                INSERT INTO fkp.signatures (forum_id, forum_version, signatory_role, signer_name, status, method, recorded_by)
                VALUES (1, 1, 'village_head', 'Pak Kades', 'signed', 'paper', 'test')
                """]) {
                try await SQLTest.write(db, forum: 1, ["UPDATE fkp.forums SET state = 'reviewing' WHERE id = 1"])
            }
            let standing = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.signatures WHERE forum_id = 1", as: Int64.self)
            XCTAssertEqual(standing, 0, "the signature recorded during the move is voided too")
        }
    }

    func testNotesWrittenWhileTheFirstSignatureIsRecordedWaitAndAreThenRefused() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.ready)
            let refused = try await SQLTest.attemptWhileHolding(db, forum: 1, ["""
                INSERT INTO fkp.signatures (forum_id, forum_version, signatory_role, signer_name, status, method, recorded_by)
                VALUES (1, 1, 'village_head', 'Pak Kades', 'signed', 'paper', 'test')
                """]) {
                try await SQLTest.attempt(db, forum: 1, setup: [],
                                          "INSERT INTO fkp.minutes (forum_id, forum_version, notes) VALUES (1, 1, 'Catatan tambahan')")
            }
            XCTAssertEqual(refused?.constraint, "minutes_signed_as_they_stand", refused?.message ?? "notes were written under a signature")
        }
    }

    func testTheNotesOfMinutesBeingSignedNoLongerChange() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.ready)
            let minutes = MinutesRepository(database: db)
            let first = try await minutes.saveNotes(forumID: 1, notes: "Forum berjalan lancar.", expectedVersion: 0, context: Self.bps)
            XCTAssertEqual(first, .saved(version: 1))
            try await Self.sign(db, .facilitator, name: "Uji fasil")
            await SQLTest.assertRefused("minutes_signed_as_they_stand") {
                _ = try await minutes.saveNotes(forumID: 1, notes: "Ditambah setelah ditandatangani.", expectedVersion: 1, context: Self.bps)
            }
        }
    }

    /// A signature on screen is its signatory's own act: the database takes it only from the account
    /// of the place, whoever else writes to it (the application refuses the same before asking).
    func testOnlyThePlacesOwnAccountSignsItOnScreenEvenByHandTypedSQL() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.readyToClose(inviting: [
                "INSERT INTO fkp.forum_participants (forum_id, kind, full_name, user_id) "
                    + "SELECT 1, 'community_figure', 'Uji tokoh', id FROM fkp.users WHERE username = 'tokoh'",
            ]))
            let places = try await SignatureRepository(database: db).signatories(forumID: 1)
            let facilitator = try XCTUnwrap(places.first { $0.role == .facilitator })
            let figure = try XCTUnwrap(places.first { $0.name == "Uji tokoh" })
            let villageHead = try XCTUnwrap(places.first { $0.role == .villageHead })
            let ketua = try await SQLTest.scalar(db, "SELECT id FROM fkp.users WHERE username = 'ketua'", as: Int64.self)
            func onScreen(_ place: Signatory, as actor: String, role: Role) async throws {
                try await SignatureRepository(database: db).record(
                    forumID: 1, place: place, signerName: place.name ?? "Pak Kades", status: .signed, method: .screen, refusalReason: nil,
                    withStamp: false, context: WriteContext(actor: actor, role: role, action: "minutes.signed", forumID: 1))
            }
            await SQLTest.assertRefused("signatures_screen_by_signatory") { try await onScreen(facilitator, as: "bps", role: .bpsStaff) }
            await SQLTest.assertRefused("signatures_screen_by_signatory") { try await onScreen(villageHead, as: "fasil", role: .facilitator) }
            var someoneElses = figure
            someoneElses.userID = ketua
            await SQLTest.assertRefused("signatures_screen_by_signatory", { try await onScreen(someoneElses, as: "ketua", role: .slsHead) })
            await SQLTest.assertRefused("signatures_screen_by_signatory", {
                try await SQLTest.write(db, forum: 1, ["""
                    INSERT INTO fkp.signatures (forum_id, forum_version, signatory_role, user_id, signer_name, status, method, recorded_by)
                    SELECT 1, 1, 'facilitator', id, 'Uji fasil', 'signed', 'screen', 'fasil' FROM fkp.users WHERE username = 'fasil'
                    """])
            })
            let none = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.signatures", as: Int64.self)
            XCTAssertEqual(none, 0)

            try await onScreen(facilitator, as: "fasil", role: .facilitator)
            try await onScreen(figure, as: "tokoh", role: .communityFigure)
            let signed = try await SQLTest.scalar(db, """
                SELECT string_agg(recorded_by || ' ' || method, ', ' ORDER BY id) FROM fkp.signatures
                """, as: String.self)
            XCTAssertEqual(signed, "fasil screen, tokoh screen")
        }
    }

    /// A forum held above village level takes units of several villages: its minutes ask the head of
    /// each of them, named by their village, and take no village head of no village or of another. An
    /// SLS head's refusal asks the head of that unit's village.
    func testAForumAboveVillageLevelAsksTheHeadOfEachOfItsVillages() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1"), SQLTest.family("F3", sls: "32010100020001")]
                + SQLTest.forum(units: ["32010100010001", "32010100020001"], region: "3201010", level: "above_village")
                + TestAccounts.statements() + [
                    "INSERT INTO fkp.forum_team (forum_id, user_id, team_role) SELECT 1, id, 'facilitator' FROM fkp.users WHERE username = 'fasil'",
                    "INSERT INTO fkp.forum_participants (forum_id, kind, sls_code, full_name) VALUES (1, 'sls_head', '32010100020001', 'Pak Ujang')",
                    "INSERT INTO fkp.forum_participants (forum_id, kind, sls_code, full_name) VALUES (1, 'sls_head', '32010100010001', 'Pak Zainal')",
                ] + SQLTest.advance(to: .open) + ["UPDATE fkp.forum_participants SET attended = true, attended_at = now() WHERE forum_id = 1"]
                + SQLTest.advance(from: .open, to: .readyToClose))
            let closings = ClosingRepository(database: db)
            let blockers = try await closings.blockers(forumID: 1)
            XCTAssertEqual(blockers, [.unsigned(role: .facilitator, name: "Uji fasil"), .unsigned(role: .slsHead, name: "Pak Zainal"),
                                      .unsigned(role: .slsHead, name: "Pak Ujang"), .unsigned(role: .villageHead, name: "Desa Satu"),
                                      .unsigned(role: .villageHead, name: "Desa Dua")], "the SLS heads in their units' order, as the minutes")
            let places = try await SignatureRepository(database: db).signatories(forumID: 1)
            XCTAssertEqual(places.filter { $0.role == .slsHead }.map(\.unit), ["32010100010001", "32010100020001"])
            let heads = places.filter { $0.role == .villageHead }
            XCTAssertEqual(heads.map(\.slot), ["village_head:3201010001", "village_head:3201010002"])
            XCTAssertEqual(heads.map(\.village), [Signatory.Village(code: "3201010001", name: "Desa Satu"),
                                                   Signatory.Village(code: "3201010002", name: "Desa Dua")])

            for village in ["NULL", "'3201010003'"] {
                await SQLTest.assertRefused("signatures_known_signatory", {
                    try await SQLTest.write(db, forum: 1, ["""
                        INSERT INTO fkp.signatures (forum_id, forum_version, signatory_role, village_code, signer_name, status, method, recorded_by)
                        VALUES (1, 1, 'village_head', \(village), 'Pak Kades', 'signed', 'paper', 'bps')
                        """])
                })
            }
            for head in heads {
                try await SignatureRepository(database: db).record(
                    forumID: 1, place: head, signerName: "Kepala \(head.village?.name ?? "")", status: .signed, method: .paper,
                    refusalReason: nil, withStamp: true, context: Self.bps)
            }
            await SQLTest.assertRefused("signatures_one_per_slot") {
                try await SignatureRepository(database: db).record(forumID: 1, place: heads[0], signerName: "Orang lain", status: .signed,
                                                                   method: .paper, refusalReason: nil, withStamp: true, context: Self.bps)
            }
            // The team belongs to no one village: the facilitator's refusal asks the district's head.
            try await Self.sign(db, .facilitator, name: "Uji fasil", status: .refused, reason: "Tidak hadir sampai selesai")
            let facilitator = try await Self.refusalID(db, of: "Uji fasil")
            let districtAsked = try await closings.blockers(forumID: 1)
            XCTAssertEqual(districtAsked.last, .escalation(role: .districtHead, refusedBy: "Uji fasil"))
            await SQLTest.assertRefused("signatures_escalation_goes_up") {
                try await SQLTest.write(db, forum: 1, ["""
                    INSERT INTO fkp.signatures (forum_id, forum_version, signatory_role, signer_name, status, method, escalated_from, recorded_by)
                    VALUES (1, 1, 'village_head', 'Kepala desa tanpa desa', 'signed', 'paper', \(facilitator), 'bps')
                    """])
            }
            try await Self.sign(db, .districtHead, name: "Pak Camat", refusing: facilitator)
            try await Self.sign(db, .slsHead, name: "Pak Zainal")
            try await Self.sign(db, .slsHead, name: "Pak Ujang", status: .refused, reason: "Tidak setuju")
            let ujang = try await Self.refusalID(db, of: "Pak Ujang")
            let asked = try await SignatureRepository(database: db).signatories(forumID: 1).first { $0.escalatedFrom == ujang }
            XCTAssertEqual(asked?.village, Signatory.Village(code: "3201010002", name: "Desa Dua"), "the head of the unit's village")
            for village in ["NULL", "'3201010001'"] {
                await SQLTest.assertRefused("signatures_escalation_goes_up", {
                    try await SQLTest.write(db, forum: 1, ["""
                        INSERT INTO fkp.signatures (forum_id, forum_version, signatory_role, village_code, signer_name, status, method,
                                                    escalated_from, recorded_by)
                        VALUES (1, 1, 'village_head', \(village), 'Pak Kades', 'signed', 'paper', \(ujang), 'bps')
                        """])
                })
            }
            try await Self.sign(db, .villageHead, name: "Kepala Desa Dua", refusing: ujang)
            let none = try await closings.blockers(forumID: 1)
            XCTAssertEqual(none, [])

            let document = try await MinutesRepository(database: db).assemble(forumID: 1)
            _ = try await closings.close(forumID: 1, version: 1, minutes: try XCTUnwrap(document), context: Self.bps)
            let kept = try await SignatureRepository(database: db).recorded(forumID: 1, version: 1).filter { $0.role == .villageHead }
            XCTAssertEqual(kept.map(\.slot), ["village_head:3201010001", "village_head:3201010002", "escalation:\(ujang)"])
            XCTAssertEqual(kept.map { "\($0.name ?? "") for \($0.village?.name ?? "") with stamp \($0.mark?.withStamp == true)" },
                           ["Kepala Desa Satu for Desa Satu with stamp true", "Kepala Desa Dua for Desa Dua with stamp true",
                            "Kepala Desa Dua for Desa Dua with stamp false"])
        }
    }
}
