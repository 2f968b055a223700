import FKPCore
import FKPStore
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

final class ChallengeTests: XCTestCase {
    static let reviewing = TestAccounts.world + SQLTest.advance(to: .reviewing)

    func testAFigureChallengesTheFacilitatorAcceptsAndTheRowAndSummaryChangeWithTheirHistory() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            let page = try await figure.get("/forums/1/families/F2")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("Ajukan sanggahan"))
            XCTAssertTrue(page.text.contains("Nilai yang benar, keluarga lain (nomor di daftar SLS-nya atau ID), atau tujuan pindah"), "a listed family may be another's duplicate")
            let raised = try await figure.post("/forums/1/families/F2/challenges", [
                "kind": "group", "proposed_group": "1", "reason": "Kepala keluarga sakit, tidak bekerja"])
            XCTAssertEqual(raised.status, .seeOther)
            XCTAssertEqual(raised.location, "/forums/1/families/F2#challenges")
            let raisedBy = try await SQLTest.scalar(db, "SELECT raised_by_name || ' ' || status FROM fkp.challenges", as: String.self)
            XCTAssertEqual(raisedBy, "Uji tokoh open")

            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let list = try await facilitator.get("/forums/1/challenges")
            XCTAssertTrue(list.text.contains("Kepala keluarga sakit"), "open challenges are listed per forum")
            XCTAssertTrue(list.text.contains("/forums/1/challenges/1/decision"))
            XCTAssertFalse(list.text.contains("Sudah diputuskan"), "no decided section while nothing is decided")
            let rows = try await facilitator.get("/forums/1/units/32010100010001")
            XCTAssertTrue(rows.text.contains("1 sanggahan terbuka"), "the row shows its open challenge")
            XCTAssertEqual(rows.text.components(separatedBy: "sanggahan terbuka").count, 2, "and only that row")
            let noMethod = try await facilitator.post("/forums/1/challenges/1/decision", ["version": "1", "status": "accepted"])
            XCTAssertEqual(noMethod.status, .unprocessableContent)
            XCTAssertTrue(noMethod.text.contains("Pilih cara memutuskan"))
            let noCounts = try await facilitator.post("/forums/1/challenges/1/decision", ["version": "1", "status": "accepted", "method": "vote", "votes_for": "5"])
            XCTAssertTrue(noCounts.text.contains("jumlah setuju dan tidak setuju"))
            let accepted = try await facilitator.post("/forums/1/challenges/1/decision", [
                "version": "1", "status": "accepted", "method": "vote", "votes_for": "6", "votes_against": "2", "note": "Disepakati forum"])
            XCTAssertEqual(accepted.status, .seeOther)
            let sentTwice = try await facilitator.post("/forums/1/challenges/1/decision", [
                "version": "1", "status": "accepted", "method": "vote", "votes_for": "6", "votes_against": "2", "note": "Disepakati forum "])
            XCTAssertEqual(sentTwice.location, accepted.location, "the form sent twice finds it decided so: answered as the first sending was")

            let row = try await SQLTest.scalar(db, "SELECT verdict || ' ' || proposed_group FROM fkp.reviews WHERE family_id = 'F2'", as: String.self)
            XCTAssertEqual(row, "tidak_sesuai 1", "an accepted challenge becomes the correction of the row")
            let decisionRef = try await SQLTest.scalar(db, """
                SELECT string_agg(table_name || ':' || action || ':' || decision_ref, ' ' ORDER BY seq) FROM audit.entries
                 WHERE decision_ref IS NOT NULL
                """, as: String.self)
            XCTAssertEqual(decisionRef, "fkp.challenges:challenge.accepted:challenge:1 fkp.reviews:challenge.accepted:challenge:1")

            let family = try await facilitator.get("/forums/1/families/F2")
            XCTAssertTrue(family.text.contains("<ins>1 Sangat miskin</ins>"), "history shows the new value")
            XCTAssertTrue(family.text.contains("Sanggahan #1"), "and the decision it carries out")
            XCTAssertTrue(family.text.contains("Diterima"))
            let forum = try await facilitator.get("/forums/1")
            XCTAssertTrue(forum.text.contains(#"<th scope="row">1 Sangat miskin</th><td class="n">1</td><td class="n">2</td>"#),
                          "the forum summary counts the corrected family in its new group")

            let decidedList = try await facilitator.get("/forums/1/challenges")
            XCTAssertTrue(decidedList.text.contains("Sudah diputuskan"))
            let again = try await facilitator.post("/forums/1/challenges/1/decision", ["version": "1", "status": "rejected", "method": "consensus"])
            XCTAssertEqual(again.status, .conflict, "a decided challenge is not decided twice")
        }
    }

    func testTheHistoryStrikesThroughEveryEarlierValue() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, _ in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get("/forums/1/units/32010100010001")
            try await head.post("/forums/1/units/32010100010001/families/F1", ["version": "0", "verdict": "sesuai"])
            try await head.post("/forums/1/units/32010100010001/families/F1", [
                "version": "1", "verdict": "tidak_sesuai", "proposed_group": "2", "reason": "Anak sudah bekerja"])
            let page = try await head.get("/forums/1/families/F1")
            XCTAssertTrue(page.text.contains("<del>Sesuai</del> <ins>Tidak sesuai</ins>"))
            XCTAssertTrue(page.text.contains("Anak sudah bekerja"))
            XCTAssertTrue(page.text.contains("ketua (Ketua SLS)"))
            XCTAssertEqual(page.text.components(separatedBy: "<p>Alasan: ").count - 1, 1, "only the change that had a reason shows one")
            // A refused challenge keeps what was typed in its form; no event takes the form's reason as its own.
            let refused = try await head.post("/forums/1/families/F1/challenges", ["kind": "data", "reason": "Kata tetangga"])
            XCTAssertEqual(refused.status, .unprocessableContent)
            XCTAssertTrue(refused.text.contains(#"value="Kata tetangga""#))
            XCTAssertFalse(refused.text.contains("<p>Alasan: Kata tetangga</p>"))
            XCTAssertEqual(refused.text.components(separatedBy: "<p>Alasan: ").count - 1, 1)
        }
    }

    func testRefusals() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            try await figure.get("/forums/1/families/F1")
            let noReason = try await figure.post("/forums/1/families/F1/challenges", ["kind": "data", "proposed_value": "Siti"])
            XCTAssertEqual(noReason.status, .unprocessableContent)
            XCTAssertTrue(noReason.text.contains("Tuliskan alasan sanggahan"))
            XCTAssertTrue(noReason.text.contains(#"value="Siti""#), "what was typed is kept")
            let withNIK = try await figure.post("/forums/1/families/F1/challenges", ["kind": "data", "proposed_value": "Siti",
                                                                                      "reason": "NIK-nya 3201014501800002"])
            XCTAssertEqual(withNIK.status, .unprocessableContent)
            XCTAssertTrue(withNIK.text.contains("Hapus nomor itu"))
            let challenges = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.challenges", as: Int64.self)
            XCTAssertEqual(challenges, 0)
            let decides = try await figure.post("/forums/1/challenges/1/decision", ["version": "1", "status": "accepted", "method": "consensus"])
            XCTAssertEqual(decides.status, .forbidden, "a community figure does not decide")

            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            _ = try await staff.get("/regions")
            let staffRaise = try await staff.post("/forums/1/families/F1/challenges", ["kind": "data", "proposed_value": "x", "reason": "y"])
            XCTAssertEqual(staffRaise.status, .forbidden)
            var outsider = TestBrowser(client)
            try await outsider.login("bps.other", TestAccounts.password)
            let hiddenFamily = try await outsider.get("/forums/1/families/F1")
            XCTAssertEqual(hiddenFamily.status, .notFound)
            let hiddenList = try await outsider.get("/forums/1/challenges")
            XCTAssertEqual(hiddenList.status, .notFound)

            // Once the forum has moved on, the refusal says why, though the page no longer offers the form.
            try await SQLTest.write(db, forum: 1, [SQLTest.judgeTheRest(), "UPDATE fkp.forums SET state = 'ready_to_close' WHERE id = 1"])
            let late = try await figure.post("/forums/1/families/F1/challenges", ["kind": "data", "proposed_value": "Siti", "reason": "Nama"])
            XCTAssertEqual(late.status, .conflict)
            XCTAssertTrue(late.text.contains("hanya dapat diajukan dan diputuskan pada tahap pembahasan daftar"))
            XCTAssertFalse(late.text.contains(#"action="/forums/1/families/F1/challenges""#), "and no form")
            let count = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.challenges", as: Int64.self)
            XCTAssertEqual(count, 0)
        }
    }

    func testAPresenceChallengeMustNameAnotherFamilyOfTheForum() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            try await figure.get("/forums/1/families/F2")
            let outside = try await figure.post("/forums/1/families/F2/challenges", [
                "kind": "presence", "proposed_presence": "duplicate", "proposed_value": "F9", "reason": "Sama dengan keluarga lain"])
            XCTAssertEqual(outside.status, .unprocessableContent)
            XCTAssertTrue(outside.text.contains("Keluarga dengan nomor atau ID itu tidak ada dalam forum ini"))
            let itself = try await figure.post("/forums/1/families/F2/challenges", [
                "kind": "presence", "proposed_presence": "merged", "proposed_value": "F2", "reason": "Sama"])
            XCTAssertEqual(itself.status, .unprocessableContent)
            XCTAssertTrue(itself.text.contains("tidak dapat ganda dengan atau bergabung ke dirinya sendiri"))
            let count = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.challenges", as: Int64.self)
            XCTAssertEqual(count, 0, "neither is raised")

            let raised = try await figure.post("/forums/1/families/F2/challenges", [
                "kind": "presence", "proposed_presence": "duplicate", "proposed_value": "F1", "reason": "Sama dengan keluarga F1"])
            XCTAssertEqual(raised.status, .seeOther)
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await facilitator.get("/forums/1/challenges")
            let accepted = try await facilitator.post("/forums/1/challenges/1/decision", ["version": "1", "status": "accepted", "method": "consensus"])
            XCTAssertEqual(accepted.status, .seeOther)
            let row = try await SQLTest.scalar(db, "SELECT presence || ' ' || duplicate_of FROM fkp.reviews WHERE family_id = 'F2'", as: String.self)
            XCTAssertEqual(row, "duplicate F1")

            // One naming a family outside the forum (written past the form) is refused when accepted, and nothing is decided.
            try await SQLTest.write(db, forum: 1, ["""
                INSERT INTO fkp.challenges (forum_id, family_id, kind, proposed_presence, proposed_value, reason, raised_by_name)
                VALUES (1, 'F1', 'presence', 'merged', 'F9', 'Bergabung', 'Tokoh')
                """])
            let unusable = try await facilitator.post("/forums/1/challenges/2/decision", ["version": "1", "status": "accepted", "method": "consensus"])
            XCTAssertEqual(unusable.status, .unprocessableContent)
            XCTAssertTrue(unusable.text.contains("Sanggahan ini tidak dapat diterima"))
            let still = try await SQLTest.scalar(db, "SELECT status FROM fkp.challenges WHERE id = 2", as: String.self)
            XCTAssertEqual(still, "open")
            let rejected = try await facilitator.post("/forums/1/challenges/2/decision", ["version": "1", "status": "rejected", "method": "consensus"])
            XCTAssertEqual(rejected.status, .seeOther, "it can still be rejected")
        }
    }

    /// Forum 1 reviewing with one added family (id 1) in its unit; forum 2 reviewing with one (id 2).
    static let withAdditions = reviewing + SQLTest.advance(forum: 2, to: .reviewing) + [
        """
        INSERT INTO fkp.added_families (forum_id, sls_code, head_name, address, members, proposed_group, reason, created_by)
        VALUES (1, '32010100010001', 'Ujang Sobari', 'Kp. Babakan RT 1', 5, 2, 'Pindahan 2023, belum terdata', 'ketua'),
               (2, '32010100020001', 'Asep Hidayat', '', 3, 2, 'Belum terdata', 'ketua')
        """,
    ]

    func testAnAddedFamilyIsChallengedAndTheAcceptedChallengeCorrectsItWithItsHistory() async throws {
        try await WebTest.withApp(seed: Self.withAdditions) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let list = try await head.get("/forums/1/units/32010100010001")
            XCTAssertTrue(list.text.contains(#"<a href="/forums/1/added/1">Riwayat dan sanggahan</a>"#), "the added row links to its page")

            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            let page = try await figure.get("/forums/1/added/1")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("Ujang Sobari"))
            XCTAssertTrue(page.text.contains("Pindahan 2023, belum terdata"))
            XCTAssertTrue(page.text.contains(#"action="/forums/1/added/1/challenges""#))
            XCTAssertTrue(page.text.contains(#"<option value="not_found">"#))
            XCTAssertFalse(page.text.contains(#"<option value="died">"#), "only the presences an added family can have are offered")
            XCTAssertTrue(page.text.contains("Nilai yang benar, atau tujuan pindah"), "an added family names no other family")
            let died = try await figure.post("/forums/1/added/1/challenges", ["kind": "presence", "proposed_presence": "died", "reason": "Kata tetangga"])
            XCTAssertEqual(died.status, .unprocessableContent)
            XCTAssertTrue(died.text.contains("Keluarga tambahan hanya dapat tinggal di sini, pindah, atau tidak ditemukan"))
            let same = try await figure.post("/forums/1/added/1/challenges", ["kind": "group", "proposed_group": "2", "reason": "Kata tetangga"])
            XCTAssertEqual(same.status, .unprocessableContent)
            XCTAssertTrue(same.text.contains("Usulan kelompok sama dengan kelompok sekarang"))
            let raised = try await figure.post("/forums/1/added/1/challenges", [
                "kind": "group", "proposed_group": "1", "reason": "Kepala keluarga sakit, tidak bekerja"])
            XCTAssertEqual(raised.status, .seeOther)
            XCTAssertEqual(raised.location, "/forums/1/added/1#challenges")
            let stored = try await SQLTest.scalar(db, "SELECT added_family_id || ' ' || coalesce(family_id, '-') FROM fkp.challenges", as: String.self)
            XCTAssertEqual(stored, "1 -")
            // A moment after the challenge was raised, for the view as it stood.
            let moment = try await SQLTest.momentAfterLastEntry(db)

            let challenged = try await head.get("/forums/1/units/32010100010001")
            XCTAssertTrue(challenged.text.contains("<strong>1 sanggahan terbuka</strong>"), "the added row shows its open challenge")
            let withdrawal = try await head.post("/forums/1/units/32010100010001/added/1/withdraw", ["version": "1", "reason": "Salah tambah"])
            XCTAssertEqual(withdrawal.status, .conflict, "an addition is not withdrawn under an open challenge")
            XCTAssertTrue(withdrawal.text.contains("masih punya sanggahan terbuka"))

            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let open = try await facilitator.get("/forums/1/challenges")
            XCTAssertTrue(open.text.contains(#"<a href="/forums/1/added/1">Ujang Sobari</a> <small class="code">keluarga tambahan</small>"#))
            let decided = try await facilitator.post("/forums/1/challenges/1/decision", [
                "version": "1", "status": "accepted", "method": "consensus", "note": "Disepakati", "back": "family"])
            XCTAssertEqual(decided.status, .seeOther)
            XCTAssertEqual(decided.location, "/forums/1/added/1#challenges")
            let row = try await SQLTest.scalar(db, "SELECT proposed_group || ' ' || version FROM fkp.added_families WHERE id = 1", as: String.self)
            XCTAssertEqual(row, "1 2", "the accepted challenge is the added family's correction")
            let entries = try await SQLTest.scalar(db, """
                SELECT string_agg(table_name || ':' || action || ':' || decision_ref, ' ' ORDER BY seq) FROM audit.entries
                 WHERE decision_ref IS NOT NULL
                """, as: String.self)
            XCTAssertEqual(entries, "fkp.challenges:challenge.accepted:challenge:1 fkp.added_families:challenge.accepted:challenge:1")

            let corrected = try await facilitator.get("/forums/1/added/1")
            XCTAssertTrue(corrected.text.contains("Usulan kelompok: <del>2 Miskin</del> <ins>1 Sangat miskin</ins>"), corrected.text)
            XCTAssertTrue(corrected.text.contains("Sanggahan #1"), "the history names the decision it carries out")
            let then = try await facilitator.get("/forums/1/added/1?at=\(moment)")
            XCTAssertTrue(then.text.contains("Tampilan historis"), "the page says it is a historical view")
            XCTAssertTrue(then.text.contains("<dd>2 Miskin</dd>"), "the group as it stood before the decision")
            XCTAssertFalse(then.text.contains("<ins>1 Sangat miskin</ins>"))
            XCTAssertFalse(then.text.contains(#"action="/forums/1/challenges/1/decision""#), "nothing is decided in a historical view")
            let unitThen = try await facilitator.get("/forums/1/units/32010100010001?at=\(moment)")
            XCTAssertTrue(unitThen.text.contains("<b>+</b> Ujang Sobari <small>Kp. Babakan RT 1 · 5 jiwa · Masih tinggal di sini · Usulan kelompok: 2 Miskin</small>"),
                          "the list as it stood shows its added family as it stood")
            XCTAssertTrue(unitThen.text.contains("<strong>1 sanggahan terbuka</strong>"), "with the challenge then open")
            XCTAssertFalse(unitThen.text.contains("/added/1/withdraw"), "and offers no withdrawal")
            XCTAssertTrue(unitThen.text.contains("href=\"/forums/1/added/1?at=\(moment)\""), "its page opens at the same moment")
            let unitNow = try await facilitator.get("/forums/1/units/32010100010001")
            XCTAssertTrue(unitNow.text.contains("Usulan kelompok: 1 Sangat miskin</small>"))
            let forum = try await facilitator.get("/forums/1")
            XCTAssertTrue(forum.text.contains(#"<th scope="row">1 Sangat miskin</th><td class="n">1</td><td class="n">2</td>"#),
                          "the forum summary counts the added family in its corrected group")

            let withdrawn = try await head.post("/forums/1/units/32010100010001/added/1/withdraw", ["version": "2", "reason": "Salah tambah"])
            XCTAssertEqual(withdrawn.status, .seeOther, "decided, the addition can be withdrawn")
            let sentTwice = try await head.post("/forums/1/units/32010100010001/added/1/withdraw", ["version": "2", "reason": "Salah tambah"])
            XCTAssertEqual(sentTwice.location, withdrawn.location, "the form sent twice finds it withdrawn so: answered as the first sending was")
            let otherReason = try await head.post("/forums/1/units/32010100010001/added/1/withdraw", ["version": "2", "reason": "Ganda"])
            XCTAssertEqual(otherReason.status, .conflict, "a withdrawal for another reason is not the same form")
            let gone = try await figure.get("/forums/1/added/1")
            XCTAssertTrue(gone.text.contains("Dibatalkan oleh ketua: Salah tambah"))
            XCTAssertFalse(gone.text.contains(#"action="/forums/1/added/1/challenges""#), "a withdrawn addition offers no challenge form")
            let late = try await figure.post("/forums/1/added/1/challenges", ["kind": "data", "proposed_value": "Ujang S.", "reason": "Nama"])
            XCTAssertEqual(late.status, .conflict)
            XCTAssertTrue(late.text.contains("tidak dapat disanggah lagi"))
            let count = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.challenges", as: Int64.self)
            XCTAssertEqual(count, 1)
        }
    }

    func testTheDataCorrectionsTheForumsAcceptedAreAFileForBPSToApply() async throws {
        try await WebTest.withApp(seed: Self.withAdditions) { client, _ in
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            try await figure.get("/forums/1/families/F1")
            for (row, value, reason) in [("families/F1", "=Siti Aminah", "Nama salah ketik, lihat KK"),
                                         ("added/1", "Ujang Sobari bin Asep", "Nama lengkap"),
                                         ("families/F2", "Kp. Babakan RT 2", "Alamat lama")] {
                let raised = try await figure.post("/forums/1/\(row)/challenges", ["kind": "data", "proposed_value": value, "reason": reason])
                XCTAssertEqual(raised.status, .seeOther)
            }
            try await figure.post("/forums/1/families/F2/challenges", ["kind": "group", "proposed_group": "1", "reason": "Sakit"])
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await facilitator.get("/forums/1/challenges")
            for (id, status) in [(1, "accepted"), (2, "accepted"), (3, "rejected"), (4, "accepted")] {
                let decided = try await facilitator.post("/forums/1/challenges/\(id)/decision", [
                    "version": "1", "status": status, "method": "consensus", "note": id == 1 ? "Sesuai KK" : ""])
                XCTAssertEqual(decided.status, .seeOther)
            }

            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let overview = try await staff.get("/regions/3201/overview")
            XCTAssertTrue(overview.text.contains(#"<a href="/regions/3201/data-corrections.csv">"#))
            let file = try await staff.get("/regions/3201/data-corrections.csv")
            XCTAssertEqual(file.status, .ok)
            XCTAssertEqual(file.headers[.contentType], "text/csv; charset=utf-8")
            let lines = file.text.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.count, 3, "the header and the two accepted data corrections, not the rejected one nor the group's: \(file.text)")
            XCTAssertEqual(lines.first, "challenge_id,forum_id,family_id,added_family_id,sls_code,head_name,proposed_value,reason,decision_note,decided_by,decided_at")
            XCTAssertTrue(lines[1].hasPrefix("1,1,F1,,32010100010001,Kepala F1,'=Siti Aminah,\"Nama salah ketik, lihat KK\",Sesuai KK,fasil,"),
                          "a listed family first, its typed values safe in a spreadsheet: \(lines[1])")
            XCTAssertTrue(lines[2].hasPrefix("2,1,,1,32010100010001,Ujang Sobari,Ujang Sobari bin Asep,Nama lengkap,,fasil,"), lines[2])
            XCTAssertTrue(lines[2].hasSuffix("Z"), "the time in UTC")

            var auditor = TestBrowser(client)
            try await auditor.login("auditor", TestAccounts.password)
            let audited = try await auditor.get("/regions/3201/data-corrections.csv")
            XCTAssertEqual(audited.status, .ok, "auditors of the regency read it too")
            var other = TestBrowser(client)
            try await other.login("bps.other", TestAccounts.password)
            let otherRegency = try await other.get("/regions/3201/data-corrections.csv")
            XCTAssertEqual(otherRegency.status, .notFound)
            let own = try await other.get("/regions/3202/data-corrections.csv")
            XCTAssertEqual(own.text.split(separator: "\n").count, 1, "another regency's file holds only the header")
            let head = try await figure.get("/regions/3201/data-corrections.csv")
            XCTAssertEqual(head.status, .notFound)
        }
    }

    func testAddedFamiliesOfOtherForumsAndPlacesAreRefused() async throws {
        try await WebTest.withApp(seed: Self.withAdditions) { client, db in
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            try await figure.get("/forums/1/added/1")
            let otherForums = try await figure.get("/forums/1/added/2")
            XCTAssertEqual(otherForums.status, .notFound, "forum 2's addition is not a row of forum 1")
            let raiseThere = try await figure.post("/forums/1/added/2/challenges", ["kind": "data", "proposed_value": "x", "reason": "y"])
            XCTAssertEqual(raiseThere.status, .forbidden)
            let raiseInForum2 = try await figure.post("/forums/2/added/2/challenges", ["kind": "data", "proposed_value": "x", "reason": "y"])
            XCTAssertEqual(raiseInForum2.status, .forbidden, "a figure of forum 1 takes no part in forum 2")
            let notANumber = try await figure.get("/forums/1/added/x")
            XCTAssertEqual(notANumber.status, .notFound)

            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let seen = try await staff.get("/forums/1/added/1?lang=en")
            XCTAssertEqual(seen.status, .ok)
            XCTAssertTrue(seen.text.contains("<dt>Why it was added</dt><dd>Pindahan 2023, belum terdata</dd><dt>Added by</dt><dd>ketua</dd>"),
                          "the page in English")
            XCTAssertFalse(seen.text.contains(#"action="/forums/1/added/1/challenges""#), "BPS staff see the page but raise no challenge")
            let staffRaise = try await staff.post("/forums/1/added/1/challenges", ["kind": "data", "proposed_value": "x", "reason": "y"])
            XCTAssertEqual(staffRaise.status, .forbidden)
            var outsider = TestBrowser(client)
            try await outsider.login("bps.other", TestAccounts.password)
            let hidden = try await outsider.get("/forums/1/added/1")
            XCTAssertEqual(hidden.status, .notFound)
            let count = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.challenges", as: Int64.self)
            XCTAssertEqual(count, 0)
        }
    }
}
