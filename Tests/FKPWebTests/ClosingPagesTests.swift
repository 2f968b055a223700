import FKPCore
import FKPStore
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// Signing the minutes, closing and reopening a forum, done through the pages.
final class ClosingPagesTests: XCTestCase {
    /// Forum 1 ready to close; 'ketua' is the SLS head who came (and can sign on screen), 'fasil'
    /// the facilitator, plus a community figure; a supervisor 'bps.kepala' of regency 3201.
    static let ready = gathered()

    /// As `ready`, but the SLS head could not come and sent a representative, Ibu Lilis.
    static let represented = gathered(attendance: [
        "UPDATE fkp.forum_participants SET representative_name = 'Ibu Lilis' WHERE forum_id = 1 AND kind = 'sls_head'",
    ])

    /// Forum 1's people came (`attendance`: what else the attendance recorded), then it moved on
    /// to ready to close.
    private static func gathered(attendance: [String] = []) -> [String] {
        people + SQLTest.advance(to: .open) + ["UPDATE fkp.forum_participants SET attended = true, attended_at = now() WHERE forum_id = 1"]
            + attendance + SQLTest.advance(from: .open, to: .readyToClose)
    }

    /// Forum 1's team and participants, before it opens.
    private static let people = TestAccounts.world + [
        "INSERT INTO fkp.forum_team (forum_id, user_id, team_role) SELECT 1, id, 'facilitator' FROM fkp.users WHERE username = 'fasil'",
        "INSERT INTO fkp.forum_participants (forum_id, kind, sls_code, full_name, user_id) SELECT 1, 'sls_head', '32010100010001', 'Pak Dadang', id FROM fkp.users WHERE username = 'ketua'",
        "INSERT INTO fkp.forum_participants (forum_id, kind, full_name) VALUES (1, 'community_figure', 'Ibu Euis')",
        "INSERT INTO fkp.users (username, display_name, password_hash, must_change_password) SELECT 'bps.kepala', 'Kepala BPS', password_hash, false FROM fkp.users WHERE username = 'bps'",
        "INSERT INTO fkp.role_assignments (user_id, role, region_code, is_supervisor) SELECT id, 'bps_staff', '3201', true FROM fkp.users WHERE username = 'bps.kepala'",
    ]

    func testTheMinutesAreSignedOnScreenAndOnPaperThenBPSStaffCloseAndASupervisorReopens() async throws {
        try await WebTest.withApp(seed: Self.ready) { client, db in
            var bps = TestBrowser(client)
            try await bps.login("bps", TestAccounts.password)
            let blocked = try await bps.get("/forums/1")
            XCTAssertTrue(blocked.text.contains("Yang masih menghalangi penutupan"), blocked.text)
            XCTAssertTrue(blocked.text.contains("Pak Dadang: belum menandatangani"))
            XCTAssertFalse(blocked.text.contains("/forums/1/close"), "no close button while something blocks it")
            let early = try await bps.post("/forums/1/close", ["version": "1"])
            XCTAssertEqual(early.status, .conflict)
            XCTAssertTrue(early.text.contains("Forum belum dapat ditutup"))

            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let minutes = try await head.get("/forums/1/minutes")
            XCTAssertEqual(minutes.status, .ok)
            XCTAssertTrue(minutes.text.contains("Berita Acara Forum Konsultasi Publik") && minutes.text.contains("Konsep"))
            let signed = try await head.post("/forums/1/signatures", ["slot": "participant:1", "status": "signed", "method": "screen"])
            XCTAssertEqual(signed.status, .seeOther)
            let forSomeoneElse = try await head.post("/forums/1/signatures", ["slot": "participant:2", "status": "signed", "method": "screen"])
            XCTAssertEqual(forSomeoneElse.status, .forbidden, "nobody signs on screen for another person")
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await facilitator.get("/forums/1/minutes")
            let paperByFacilitator = try await facilitator.post("/forums/1/signatures", ["slot": "participant:2", "status": "signed", "method": "paper", "signer_name": "Ibu Euis"])
            XCTAssertEqual(paperByFacilitator.status, .forbidden, "paper signatures are recorded by the administrator or BPS staff")

            try await bps.get("/forums/1/minutes")
            let fasilID = try await SQLTest.scalar(db, "SELECT id FROM fkp.users WHERE username = 'fasil'", as: Int64.self) ?? 0
            let noReason = try await bps.post("/forums/1/signatures", ["slot": "participant:2", "status": "refused", "method": "paper", "signer_name": "Ibu Euis"])
            XCTAssertEqual(noReason.status, .unprocessableContent)
            XCTAssertTrue(noReason.text.contains("Alasan penolakan wajib diisi"))
            // The name and the reason typed are printed on the minutes everyone of the forum reads.
            let nameWithNIK = try await bps.post("/forums/1/signatures", ["slot": "participant:2", "status": "signed", "method": "paper",
                                                                          "signer_name": "Ibu Euis 3201014501800001"])
            XCTAssertEqual(nameWithNIK.status, .unprocessableContent)
            XCTAssertTrue(nameWithNIK.text.contains("Isian &quot;Nama penanda tangan&quot; memuat bilangan"), nameWithNIK.text)
            XCTAssertEqual(nameWithNIK.text.components(separatedBy: #"value="Ibu Euis 3201014501800001""#).count, 2,
                           "the name typed stays in its place's form, and in no other, to be mended")
            let reasonWithKK = try await bps.post("/forums/1/signatures", ["slot": "participant:2", "status": "refused", "method": "paper",
                                                                           "signer_name": "Ibu Euis", "reason": "KK 3201010101000001 tidak dibahas"])
            XCTAssertEqual(reasonWithKK.status, .unprocessableContent)
            XCTAssertTrue(reasonWithKK.text.contains("Isian &quot;Alasan penolakan&quot; memuat bilangan"), reasonWithKK.text)
            XCTAssertTrue(reasonWithKK.text.contains(#"name="reason" maxlength="1000" value="KK 3201010101000001 tidak dibahas""#))
            let unsigned = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.signatures", as: Int64.self)
            XCTAssertEqual(unsigned, 1, "neither was recorded: the SLS head's signature on screen alone")
            for fields in [
                ["slot": "user:\(fasilID)", "status": "signed", "method": "paper", "signer_name": "Uji fasil"],
                ["slot": "participant:2", "status": "refused", "method": "paper", "signer_name": "Ibu Euis", "reason": "Tidak setuju"],
                ["slot": "village_head", "status": "signed", "method": "paper", "signer_name": "Pak Kades", "stamp": "yes"],
            ] {
                let recorded = try await bps.post("/forums/1/signatures", fields)
                XCTAssertEqual(recorded.status, .seeOther, "\(fields): \(recorded.text.prefix(300))")
            }
            let awaiting = try await bps.get("/forums/1")
            XCTAssertTrue(awaiting.text.contains("Kepala desa/lurah: tanda tangan diminta karena penolakan oleh Ibu Euis"), awaiting.text)
            let refusal = try await SQLTest.scalar(db, "SELECT id FROM fkp.signatures WHERE status = 'refused'", as: Int64.self) ?? 0
            let escalated = try await bps.post("/forums/1/signatures", ["slot": "escalation:\(refusal)", "status": "signed", "method": "paper", "signer_name": "Pak Kades"])
            XCTAssertEqual(escalated.status, .seeOther)

            let ready = try await bps.get("/forums/1")
            XCTAssertTrue(ready.text.contains("/forums/1/close"), "the close button once nothing blocks")
            let closed = try await bps.post("/forums/1/close", ["version": "1"])
            XCTAssertEqual(closed.status, .seeOther)
            XCTAssertEqual(closed.location, "/forums/1/minutes")
            let closedAgain = try await bps.post("/forums/1/close", ["version": "1"])
            XCTAssertEqual(closedAgain.location, "/forums/1/minutes", "the form sent twice is answered as its first sending was")
            let closings = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.forum_closings WHERE forum_id = 1", as: Int64.self)
            XCTAssertEqual(closings, 1)
            let stored = try await SQLTest.scalar(db, "SELECT chain_head FROM fkp.forum_closings WHERE forum_id = 1", as: String.self) ?? ""
            let blocks = ChainHead(seq: 0, hash: stored).blocks
            let printed = try await bps.get("/forums/1/minutes")
            XCTAssertTrue(printed.text.contains(blocks), "the chain head is printed in blocks of four")
            XCTAssertFalse(printed.text.contains("Konsep"), "closed minutes are no draft")
            XCTAssertTrue(printed.text.contains("dengan cap desa") && printed.text.contains("menolak menandatangani"))

            let notSupervisor = try await bps.post("/forums/1/reopen", ["version": "1", "reason": "Ada yang terlewat"])
            XCTAssertEqual(notSupervisor.status, .forbidden)
            var supervisor = TestBrowser(client)
            try await supervisor.login("bps.kepala", TestAccounts.password)
            let page = try await supervisor.get("/forums/1")
            XCTAssertTrue(page.text.contains("/forums/1/reopen"))
            let withoutReason = try await supervisor.post("/forums/1/reopen", ["version": "1", "reason": " "])
            XCTAssertEqual(withoutReason.status, .unprocessableContent)
            XCTAssertTrue(withoutReason.text.contains("Alasan membuka kembali wajib diisi"))
            let withKK = try await supervisor.post("/forums/1/reopen", ["version": "1", "reason": "KK 3201-0101-0100-0001 terlewat"])
            XCTAssertEqual(withKK.status, .unprocessableContent, "the reason is shown on the forum's page and in its history")
            XCTAssertTrue(withKK.text.contains("Isian &quot;Alasan membuka kembali&quot; memuat bilangan sekitar 16 angka"), withKK.text)
            XCTAssertTrue(withKK.text.contains(#"value="KK 3201-0101-0100-0001 terlewat""#), "the reason typed stays in the form")
            let reopened = try await supervisor.post("/forums/1/reopen", ["version": "1", "reason": "Keluarga terlewat"])
            XCTAssertEqual(reopened.status, .seeOther)
            let reopenedAgain = try await supervisor.post("/forums/1/reopen", ["version": "1", "reason": "Keluarga terlewat"])
            XCTAssertEqual(reopenedAgain.location, "/forums/1", "the form sent twice is answered as its first sending was")
            let state = try await SQLTest.scalar(db, "SELECT state || ' ' || forum_version FROM fkp.forums WHERE id = 1", as: String.self)
            XCTAssertEqual(state, "reopened 2")
            let history = try await supervisor.get("/forums/1")
            XCTAssertTrue(history.text.contains(blocks) && history.text.contains("Keluarga terlewat"), "the closed version's head is kept")
            let firstMinutes = try await supervisor.get("/forums/1/minutes?version=1")
            XCTAssertTrue(firstMinutes.text.contains(blocks) && firstMinutes.text.contains("Pak Kades"))
            XCTAssertTrue(firstMinutes.text.contains(#"Versi: <span class="version" aria-current="page">1</span> <a class="version" href="/forums/1/minutes?version=2">2</a> </p>"#),
                          "every version of the minutes is offered, beside the trail rather than in it, the one shown marked as such")
            XCTAssertTrue(firstMinutes.text.contains("menggantikan tanda tangan yang ditolak oleh Ibu Euis"),
                          "the kept minutes say whose refusal the village head answered")
        }
    }

    /// A unit without a head, in the minutes of a closed forum: a dash, not the chain head's
    /// fields (the template looked the absent name up on the page, whose chain head is "head" too).
    func testTwoOfTheTeamWritingTheNotesAtOnceSeeEachOthersTextAndSignaturesFreezeTheNotes() async throws {
        try await WebTest.withApp(seed: Self.ready) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            // The facilitator's laptop and phone, or two of the team: two sessions on one form.
            var other = TestBrowser(client)
            try await other.login("fasil", TestAccounts.password)
            let shown = try await facilitator.get("/forums/1/minutes")
            XCTAssertTrue(shown.text.contains(#"name="version" value="0""#), "the notes form names the notes' version")
            try await other.get("/forums/1/minutes")

            let first = try await facilitator.post("/forums/1/minutes/notes", ["notes": "Hujan deras, forum mulai terlambat.", "version": "0"])
            XCTAssertEqual(first.status, .seeOther)
            let sentTwice = try await facilitator.post("/forums/1/minutes/notes", ["notes": "Hujan deras, forum mulai terlambat.", "version": "0"])
            XCTAssertEqual(sentTwice.location, first.location, "the form sent twice finds its notes saved: answered as the first sending was")
            let second = try await other.post("/forums/1/minutes/notes", ["notes": "Forum berjalan lancar.", "version": "0"])
            XCTAssertEqual(second.status, .conflict, "the second writer does not overwrite the first unseen")
            XCTAssertTrue(second.text.contains("Catatan telah diubah orang lain"), second.text)
            XCTAssertTrue(second.text.contains("Hujan deras, forum mulai terlambat."), "the saved notes are shown")
            XCTAssertTrue(second.text.contains(">Forum berjalan lancar.</textarea>"), "the text typed stays in the box")
            XCTAssertTrue(second.text.contains(#"name="version" value="1""#))
            let again = try await other.post("/forums/1/minutes/notes", ["notes": "Forum berjalan lancar.", "version": "1"])
            XCTAssertEqual(again.status, .seeOther, "saved again knowingly, it replaces them")
            let notes = try await SQLTest.scalar(db, "SELECT notes FROM fkp.minutes WHERE forum_id = 1", as: String.self)
            XCTAssertEqual(notes, "Forum berjalan lancar.")
            // A NIK in the notes would be read and signed by everyone: refused, the text kept in the box.
            let withNIK = try await other.post("/forums/1/minutes/notes", ["notes": "Keluarga NIK 3201014501800001 pindah.", "version": "2"])
            XCTAssertEqual(withNIK.status, .unprocessableContent)
            XCTAssertTrue(withNIK.text.contains("Hapus nomor itu"), withNIK.text)
            XCTAssertTrue(withNIK.text.contains(">Keluarga NIK 3201014501800001 pindah.</textarea>"))
            let unchanged = try await SQLTest.scalar(db, "SELECT notes FROM fkp.minutes WHERE forum_id = 1", as: String.self)
            XCTAssertEqual(unchanged, "Forum berjalan lancar.")

            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get("/forums/1/minutes")
            let signed = try await head.post("/forums/1/signatures", ["slot": "participant:1", "status": "signed", "method": "screen"])
            XCTAssertEqual(signed.status, .seeOther)
            let frozen = try await facilitator.get("/forums/1/minutes")
            XCTAssertFalse(frozen.text.contains("/forums/1/minutes/notes"), "no notes form once someone has signed")
            XCTAssertTrue(frozen.text.contains("Catatan tidak dapat diubah lagi"), frozen.text)
            let late = try await facilitator.post("/forums/1/minutes/notes", ["notes": "Ditambah kemudian.", "version": "2"])
            XCTAssertEqual(late.status, .conflict)
            XCTAssertTrue(late.text.contains("Berita acara sudah mulai ditandatangani"), late.text)
        }
    }

    func testASignatureRecordedByMistakeIsVoidedWithAReasonUnlessTheLevelAboveAnsweredIt() async throws {
        try await WebTest.withApp(seed: Self.ready) { client, db in
            var bps = TestBrowser(client)
            try await bps.login("bps", TestAccounts.password)
            try await bps.get("/forums/1/minutes")
            let mistaken = try await bps.post("/forums/1/signatures", ["slot": "participant:2", "status": "refused", "method": "paper",
                                                                       "signer_name": "Ibu Euis", "reason": "Tidak setuju"])
            XCTAssertEqual(mistaken.status, .seeOther)
            let markID = try await SQLTest.scalar(db, "SELECT id FROM fkp.signatures WHERE signer_name = 'Ibu Euis'", as: Int64.self) ?? 0
            let page = try await bps.get("/forums/1/minutes")
            XCTAssertTrue(page.text.contains("/forums/1/signatures/\(markID)/void"), "a recorded mark offers its voiding")

            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await facilitator.get("/forums/1/minutes")
            let notTheirs = try await facilitator.post("/forums/1/signatures/\(markID)/void", ["reason": "Salah catat"])
            XCTAssertEqual(notTheirs.status, .forbidden, "only those who record paper signatures void them")
            let noReason = try await bps.post("/forums/1/signatures/\(markID)/void", ["reason": ""])
            XCTAssertEqual(noReason.status, .unprocessableContent)
            let withNIK = try await bps.post("/forums/1/signatures/\(markID)/void", ["reason": "Bukan Ibu Euis NIK 3201014501800001"])
            XCTAssertEqual(withNIK.status, .unprocessableContent, "the reason goes into the forum's history")
            XCTAssertTrue(withNIK.text.contains("Isian &quot;Alasan pembatalan&quot; memuat bilangan"), withNIK.text)
            XCTAssertTrue(withNIK.text.contains(#"<details class="noprint" open>"#), "the voiding's form stays open")
            XCTAssertTrue(withNIK.text.contains(#"value="Bukan Ibu Euis NIK 3201014501800001""#), "with the reason typed")
            let standing = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.signatures WHERE id = \(markID)", as: Int64.self)
            XCTAssertEqual(standing, 1)

            // The village head is asked in place of the refusal: the refusal now stands answered.
            let escalated = try await bps.post("/forums/1/signatures", ["slot": "escalation:\(markID)", "status": "signed", "method": "paper",
                                                                        "signer_name": "Pak Kades"])
            XCTAssertEqual(escalated.status, .seeOther)
            let answered = try await bps.post("/forums/1/signatures/\(markID)/void", ["reason": "Ibu Euis sebenarnya menandatangani"])
            XCTAssertEqual(answered.status, .conflict)
            XCTAssertTrue(answered.text.contains("sudah dijawab tanda tangan tingkat di atasnya"), answered.text)
            let escalationID = try await SQLTest.scalar(db, "SELECT id FROM fkp.signatures WHERE escalated_from IS NOT NULL", as: Int64.self) ?? 0
            for id in [escalationID, markID] {
                let voided = try await bps.post("/forums/1/signatures/\(id)/void", ["reason": "Ibu Euis sebenarnya menandatangani"])
                XCTAssertEqual(voided.status, .seeOther, "the answer first, then the refusal")
            }
            let left = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.signatures", as: Int64.self)
            XCTAssertEqual(left, 0)
            let audited = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE action = 'minutes.void' AND operation = 'DELETE'", as: Int64.self)
            XCTAssertEqual(audited, 2, "both are kept in the audit trail")
            let signed = try await bps.post("/forums/1/signatures", ["slot": "participant:2", "status": "signed", "method": "paper", "signer_name": "Ibu Euis"])
            XCTAssertEqual(signed.status, .seeOther, "the place is open again")
        }
    }

    /// An SLS head who could not come sent a representative: the representative signs, not the head,
    /// and has no account here, so the place is recorded from the paper.
    func testARepresentativesPlaceIsSignedOnPaperNotByTheAbsentHeadsAccount() async throws {
        try await WebTest.withApp(seed: Self.represented) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let minutes = try await head.get("/forums/1/minutes")
            XCTAssertTrue(minutes.text.contains("<p><b>Wakil ketua SLS</b> · RT 001 (32010100010001)</p>") && minutes.text.contains("Ibu Lilis"),
                          "the place names its unit as the minutes' part for it does: \(minutes.text)")
            XCTAssertFalse(minutes.text.contains(#"<input type="hidden" name="slot" value="participant:1">"#),
                           "the head's account is offered no signing in the representative's place")
            let onScreen = try await head.post("/forums/1/signatures", ["slot": "participant:1", "status": "signed", "method": "screen"])
            XCTAssertEqual(onScreen.status, .forbidden)
            XCTAssertTrue(onScreen.text.contains("Hanya orang itu sendiri yang menandatangani di layar"))

            var bps = TestBrowser(client)
            try await bps.login("bps", TestAccounts.password)
            try await bps.get("/forums/1/minutes")
            let onPaper = try await bps.post("/forums/1/signatures", ["slot": "participant:1", "status": "signed", "method": "paper",
                                                                      "signer_name": "Ibu Lilis"])
            XCTAssertEqual(onPaper.status, .seeOther)
            let recorded = try await SQLTest.scalar(db, """
                SELECT signatory_role || ' ' || signer_name || ' ' || method || ' ' || coalesce(user_id::text, 'no account') FROM fkp.signatures
                """, as: String.self)
            XCTAssertEqual(recorded, "sls_representative Ibu Lilis paper no account")
        }
    }

    /// A district's forum held above village level, with units of its villages 1 and 2: its minutes ask
    /// the head of each village, by name, and record each one's signature with their village's stamp.
    func testTheMinutesOfAForumAboveVillageLevelAskTheHeadOfEachOfItsVillages() async throws {
        let seed = SQLTest.places + [SQLTest.family("F1"), SQLTest.family("F3", sls: "32010100020001")]
            + SQLTest.forum(units: ["32010100010001", "32010100020001"], region: "3201010", level: "above_village")
            + TestAccounts.statements() + SQLTest.advance(to: .readyToClose)
        try await WebTest.withApp(seed: seed) { client, db in
            var bps = TestBrowser(client)
            try await bps.login("bps", TestAccounts.password)
            let forum = try await bps.get("/forums/1")
            XCTAssertTrue(forum.text.contains("Kepala desa/lurah Desa Satu: belum menandatangani")
                          && forum.text.contains("Kepala desa/lurah Desa Dua: belum menandatangani"), forum.text)
            let minutes = try await bps.get("/forums/1/minutes")
            XCTAssertTrue(minutes.text.contains("<p><b>Kepala desa/lurah</b> · Desa Satu (3201010001)</p>")
                          && minutes.text.contains("<p><b>Kepala desa/lurah</b> · Desa Dua (3201010002)</p>"), minutes.text)
            let noVillage = try await bps.post("/forums/1/signatures", ["slot": "village_head", "status": "signed", "method": "paper",
                                                                         "signer_name": "Pak Kades", "stamp": "yes"])
            XCTAssertEqual(noVillage.status, .unprocessableContent)
            XCTAssertTrue(noVillage.text.contains("Tempat tanda tangan itu tidak ada dalam berita acara ini."))

            let signed = try await bps.post("/forums/1/signatures", ["slot": "village_head:3201010002", "status": "signed",
                                                                      "method": "paper", "signer_name": "Pak Kades Dua", "stamp": "yes"])
            XCTAssertEqual(signed.status, .seeOther)
            let recorded = try await SQLTest.scalar(db, """
                SELECT string_agg(signatory_role || ' ' || village_code || ' ' || signer_name || ' ' || with_stamp, ', ') FROM fkp.signatures
                """, as: String.self)
            XCTAssertEqual(recorded, "village_head 3201010002 Pak Kades Dua true")
            let after = try await bps.get("/forums/1")
            XCTAssertTrue(after.text.contains("Kepala desa/lurah Desa Satu: belum menandatangani"))
            XCTAssertFalse(after.text.contains("Kepala desa/lurah Desa Dua: belum menandatangani"), "the village that signed is no longer asked")

            // Desa Satu's head refuses: the district head is asked, and signs with the district's stamp.
            let refused = try await bps.post("/forums/1/signatures", ["slot": "village_head:3201010001", "status": "refused",
                                                                       "method": "paper", "signer_name": "Pak Kades Satu",
                                                                       "reason": "Belum membaca daftar"])
            XCTAssertEqual(refused.status, .seeOther)
            let refusal = try await SQLTest.scalar(db, "SELECT id FROM fkp.signatures WHERE status = 'refused'", as: Int64.self) ?? 0
            let asked = try await bps.get("/forums/1/minutes")
            XCTAssertTrue(asked.text.contains("<b>Camat</b> · menggantikan tanda tangan yang ditolak oleh Pak Kades Satu")
                          && asked.text.contains("Dengan cap kecamatan"), asked.text)
            let camat = try await bps.post("/forums/1/signatures", ["slot": "escalation:\(refusal)", "status": "signed", "method": "paper",
                                                                     "signer_name": "Pak Camat", "stamp": "yes"])
            XCTAssertEqual(camat.status, .seeOther)
            let stamped = try await bps.get("/forums/1/minutes")
            XCTAssertTrue(stamped.text.contains("Pak Camat · dengan cap kecamatan") && stamped.text.contains("Pak Kades Dua · dengan cap desa"),
                          stamped.text)
        }
    }

    func testAClosedForumWhoseUnitALaterForumHoldsSaysSoInsteadOfReopening() async throws {
        try await WebTest.withApp(seed: Self.ready + SQLTest.close()) { client, db in
            var supervisor = TestBrowser(client)
            try await supervisor.login("bps.kepala", TestAccounts.password)
            let before = try await supervisor.get("/forums/1")
            XCTAssertTrue(before.text.contains("/forums/1/reopen"), "the unit is free: the reopen form is offered")

            // Meanwhile forum 3 is planned on the same unit, as it may be once forum 1 is closed.
            try await SQLTest.write(db, SQLTest.forum(starts: "2026-12-20 09:00+07"))
            let refused = try await supervisor.post("/forums/1/reopen", ["version": "1", "reason": "Keluarga terlewat"])
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertTrue(refused.text.contains("SLS 32010100010001 sudah masuk forum #3 yang belum ditutup"), refused.text)
            let state = try await SQLTest.scalar(db, "SELECT state || ' ' || forum_version FROM fkp.forums WHERE id = 1", as: String.self)
            XCTAssertEqual(state, "closed 1")

            let after = try await supervisor.get("/forums/1?lang=en")
            XCTAssertTrue(after.text.contains("Unit 32010100010001 is in forum #3, which is not closed."), after.text)
            XCTAssertFalse(after.text.contains("/forums/1/reopen"), "no reopen form while a later forum holds a unit")
        }
    }

    func testAUnitWithoutAHeadShowsADashInClosedMinutes() async throws {
        // Every place signed on paper, then closed through the page, which stores the minutes.
        let seed = TestAccounts.world + ["INSERT INTO fkp.forum_units (forum_id, sls_code, position) VALUES (1, '32010100010002', 2)"]
            + SQLTest.advance(to: .readyToClose) + [SQLTest.close(forum: 1)[0]]
        try await WebTest.withApp(seed: seed) { client, _ in
            var bps = TestBrowser(client)
            try await bps.login("bps", TestAccounts.password)
            try await bps.get("/forums/1")
            let closed = try await bps.post("/forums/1/close", ["version": "1"])
            XCTAssertEqual(closed.status, .seeOther, closed.text)
            let minutes = try await bps.get("/forums/1/minutes")
            XCTAssertEqual(minutes.status, .ok)
            XCTAssertTrue(minutes.text.contains("Kepala rantai audit saat ditutup"), "the closed minutes print the chain head")
            XCTAssertFalse(minutes.text.contains("Head("), "no view-model text on the minutes")
            XCTAssertTrue(minutes.text.contains("Ketua SLS: –"))
        }
    }

    /// A unit reviewed again by a later forum: each family counts once, with the later forum's verdict.
    func testTheRegencyOverviewCountsAFamilyOnceWithItsMostRecentForum() async throws {
        let reviewing = Array(Self.ready.prefix { $0 != SQLTest.judgeTheRest() })  // forum 1 under review, its team present
        let seed = reviewing + [
            "INSERT INTO fkp.reviews (forum_id, family_id, verdict, proposed_group, reason) VALUES (1, 'F1', 'tidak_sesuai', 2, 'Sudah bekerja')",
        ] + SQLTest.advance(from: .reviewing, to: .closed)
            + SQLTest.forum(starts: "2026-12-20 09:00+07") + SQLTest.advance(forum: 3, to: .reviewing) + [
                "INSERT INTO fkp.reviews (forum_id, family_id, verdict) VALUES (3, 'F1', 'sesuai')",
            ]
        try await WebTest.withApp(seed: seed) { client, _ in
            var bps = TestBrowser(client)
            try await bps.login("bps", TestAccounts.password)
            let page = try await bps.get("/regions/3201/overview")
            XCTAssertEqual(page.status, .ok)
            XCTAssertFalse(page.text.contains("<title>2 Miskin: 1</title>"), "forum 1's correction was reviewed again by forum 3")
            XCTAssertEqual(page.text.components(separatedBy: "<title>1 ").count - 1, 2, "F1 in group 1 before and after")
        }
    }

    func testTheRegencyOverviewCountsForumsChangesAndDrawsGroupsBeforeAndAfterPerDistrict() async throws {
        let seed = TestAccounts.world + SQLTest.advance(to: .reviewing) + [
            "INSERT INTO fkp.reviews (forum_id, family_id, verdict, proposed_group, reason) VALUES (1, 'F1', 'tidak_sesuai', 2, 'Sudah bekerja')",
            "INSERT INTO fkp.reviews (forum_id, family_id, verdict, presence) VALUES (1, 'F2', 'tidak_berpendapat', 'died')",
            "INSERT INTO fkp.added_families (forum_id, sls_code, head_name, members, proposed_group, reason) VALUES (1, '32010100010001', 'Asep <b>', 3, 1, 'Belum terdaftar')",
            "UPDATE fkp.forums SET state = 'ready_to_close' WHERE id = 1",
            // Village 3 has a unit and no forum; village 4 has no unit, so no forum to hold.
            "INSERT INTO fkp.regions (code, name, level) VALUES ('3201010003', 'Desa Tiga', 'village'), ('32010100030001', 'RT 001', 'sls'), "
                + "('3201010004', 'Desa Empat', 'village')",
        ]
        try await WebTest.withApp(seed: seed) { client, _ in
            var bps = TestBrowser(client)
            try await bps.login("bps", TestAccounts.password)
            let regency = try await bps.get("/regions/3201")
            XCTAssertTrue(regency.text.contains("/regions/3201/overview") && regency.text.contains("/regions/3201/rerank"))
            let page = try await bps.get("/regions/3201/overview")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("<svg") && page.text.contains("Nanggung"), "the chart names the district")
            // Before: F1 in group 1, F2 in group 3. After: F1 corrected to 2, F2 died, the added family in 1.
            XCTAssertTrue(page.text.contains("<title>2 Miskin: 1</title>"), "group 2 appears only after the forums")
            XCTAssertEqual(page.text.components(separatedBy: "<title>1 ").count - 1, 2, "group 1 before (F1) and after (the added family)")
            XCTAssertTrue(page.text.contains(#"<a href="/forums/1">"#), "forum 1 is listed as ready to close")
            XCTAssertTrue(page.text.contains("2 / 2 keluarga sudah dinilai"))
            XCTAssertFalse(page.text.contains("Asep <b>"))
            XCTAssertTrue(page.text.contains(#"<a href="/regions/3201010003/forums">Desa Tiga</a>"#), "village 3 holds no forum yet")
            XCTAssertFalse(page.text.contains("Desa Empat"), "a village without units holds none")
            XCTAssertFalse(page.text.contains(#"<a href="/regions/3201010001/forums">"#) || page.text.contains(#"<a href="/regions/3201010002/forums">"#),
                           "villages 1 and 2 have theirs")

            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let refused = try await head.get("/regions/3201/overview")
            XCTAssertEqual(refused.status, .notFound)
        }
    }
}
