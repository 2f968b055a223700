import FKPCore
import FKPStore
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

final class ReviewPageTests: XCTestCase {
    static let unit = "/forums/1/units/32010100010001"
    static let reviewing = TestAccounts.world + SQLTest.advance(to: .reviewing)

    func testTheSLSHeadRecordsAVerdictAndComesBackToTheSameRow() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let page = try await head.get(Self.unit)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("Kepala F1") && page.text.contains("Kepala F2"))
            XCTAssertTrue(page.text.contains(#"action="\#(Self.unit)/families/F1" class="verdict" aria-labelledby="w-F1""#),
                          "a form per family, named by the family's line for screen readers")
            XCTAssertTrue(page.text.contains(#"<p class="who" id="w-F1">"#))
            XCTAssertTrue(page.text.contains("Tidak berpendapat"))
            XCTAssertTrue(page.text.contains(#"data-saving="Menyimpan…""#), "the script's words come from the catalogue")

            let saved = try await head.post("\(Self.unit)/families/F1", ["version": "0", "verdict": "sesuai", "back": "verdict=none"])
            XCTAssertEqual(saved.status, .seeOther)
            XCTAssertEqual(saved.location, "\(Self.unit)?verdict=none#f-F1", "303 back to the same view and row")
            let entry = try await SQLTest.scalar(db, """
                SELECT actor || ' ' || action || ' ' || (new_row ->> 'verdict') || ' v' || (new_row ->> 'version')
                  FROM audit.entries WHERE table_name = 'fkp.reviews' AND chain = 'forum:1'
                """, as: String.self)
            XCTAssertEqual(entry, "ketua review.save sesuai v1")

            // Cards are told apart by their ids: a card names the family sharing its numbers (F1 and F2 share both).
            let unreviewed = try await head.get("\(Self.unit)?verdict=none")
            XCTAssertFalse(unreviewed.text.contains(#"id="f-F1""#), "the filter leaves out the family with a verdict")
            XCTAssertTrue(unreviewed.text.contains(#"id="f-F2""#))
            let searched = try await head.get("\(Self.unit)?q=f2")
            XCTAssertTrue(searched.text.contains(#"id="f-F2""#) && !searched.text.contains(#"id="f-F1""#), "search by name")
            let twoWords = try await head.get("\(Self.unit)?q=kepala+f2")
            XCTAssertTrue(twoWords.text.contains(#"id="f-F2""#) && !twoWords.text.contains(#"id="f-F1""#),
                          "a browser's GET form sends a space as '+'")
            XCTAssertTrue(twoWords.text.contains(#"name="q" value="kepala f2""#), "and the box shows what was typed")
            XCTAssertTrue(twoWords.text.contains(#"<a href="\#(Self.unit)?q=kepala+f2&amp;lang=en">English</a>"#),
                          "the other language shows the same view of the list")
            let pasted = try await head.get("\(Self.unit)?q=%E2%80%8Bf%E2%80%8B2")
            XCTAssertTrue(pasted.text.contains(#"id="f-F2""#) && !pasted.text.contains(#"id="f-F1""#), "a pasted zero-width space does not hide the name")
            let spaced = try await head.get("\(Self.unit)?q=+kepala%C2%A0+%09f2")
            XCTAssertTrue(spaced.text.contains(#"id="f-F2""#) && !spaced.text.contains(#"id="f-F1""#), "spaces typed twice or pasted as no-break spaces are one")
            let byGroup = try await head.get("\(Self.unit)?group=1")
            XCTAssertTrue(byGroup.text.contains(#"id="f-F1""#) && !byGroup.text.contains(#"id="f-F2""#), "filter by group")
            XCTAssertTrue(byGroup.text.contains(#"<form method="get" action="\#(Self.unit)" class="filter">"#)
                          && byGroup.text.contains(#"<a href="\#(Self.unit)">Hapus saringan</a>"#), "the filter's forms and links name the list's page")

            // With JavaScript the page asks for JSON and stays where it is.
            let inPlace = try await head.post("\(Self.unit)/families/F2", [
                "version": "0", "verdict": "tidak_sesuai", "proposed_group": "2", "reason": "Usaha warung tutup"],
                accept: "application/json")
            XCTAssertEqual(inPlace.status, .ok)
            XCTAssertTrue(inPlace.text.contains(#""version":"1""#))
            let after = try await SQLTest.scalar(db, "SELECT proposed_group::text || ' ' || reason FROM fkp.reviews WHERE family_id = 'F2'", as: String.self)
            XCTAssertEqual(after, "2 Usaha warung tutup")
            let summary = try await head.get(Self.unit)
            XCTAssertTrue(summary.text.contains("Sudah dinilai: 2 / 2"), "the summary is computed from the rows")
        }
    }

    func testAVerdictThatBreaksARuleIsShownInItsRowAndChangesNothing() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get(Self.unit)
            let missing = try await head.post("\(Self.unit)/families/F1", ["version": "0", "verdict": "tidak_sesuai", "reason": "Rumah permanen"])
            XCTAssertEqual(missing.status, .unprocessableContent)
            XCTAssertTrue(missing.text.contains("Pilih usulan kelompok"))
            XCTAssertTrue(missing.text.contains(#"value="Rumah permanen""#), "what the person typed is kept")
            let noReason = try await head.post("\(Self.unit)/families/F1", ["version": "0", "verdict": "tidak_sesuai", "proposed_group": "3"],
                                               accept: "application/json")
            XCTAssertEqual(noReason.status, .unprocessableContent)
            XCTAssertTrue(noReason.text.contains("Tuliskan alasannya"))
            let outside = try await head.post("\(Self.unit)/families/F1", ["version": "0", "presence": "duplicate", "other_family": "NOPE"])
            XCTAssertEqual(outside.status, .unprocessableContent)
            XCTAssertTrue(outside.text.contains("tidak ada dalam forum ini"))
            let itself = try await head.post("\(Self.unit)/families/F1", ["version": "0", "presence": "merged", "other_family": "F1"])
            XCTAssertEqual(itself.status, .unprocessableContent)
            // A NIK in a note would be read whole by everyone of the forum.
            let nik = try await head.post("\(Self.unit)/families/F1", ["version": "0", "verdict": "tidak_sesuai", "proposed_group": "3",
                                                                       "reason": "KK sebenarnya 3201010101000009, rumah permanen"])
            XCTAssertEqual(nik.status, .unprocessableContent)
            XCTAssertTrue(nik.text.contains("Hapus nomor itu"), nik.text)
            let rows = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.reviews", as: Int64.self)
            XCTAssertEqual(rows, 0)

            let duplicate = try await head.post("\(Self.unit)/families/F1", ["version": "0", "presence": "duplicate", "other_family": "F2"])
            XCTAssertEqual(duplicate.status, .seeOther)
            let stored = try await SQLTest.scalar(db, "SELECT presence || ' ' || duplicate_of FROM fkp.reviews WHERE family_id = 'F1'", as: String.self)
            XCTAssertEqual(stored, "duplicate F2")
        }
    }

    func testTwoPeopleOnTheSameRowGetAConflictPageNotALostUpdate() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await head.get(Self.unit)
            try await facilitator.get(Self.unit)  // both read version 0

            let first = try await head.post("\(Self.unit)/families/F1", ["version": "0", "verdict": "sesuai"])
            XCTAssertEqual(first.status, .seeOther)
            let late = try await facilitator.post("\(Self.unit)/families/F1", [
                "version": "0", "verdict": "tidak_sesuai", "proposed_group": "2", "reason": "Punya mobil"])
            XCTAssertEqual(late.status, .conflict)
            XCTAssertTrue(late.text.contains("Baris ini sudah diubah orang lain"))
            XCTAssertNotNil(late.text.range(of: #"Disimpan oleh ketua, \w+, \d{1,2} \w+ \d{4} \d{2}\.\d{2} WIB"#, options: .regularExpression),
                            "whose value stands now, and since when (local time of the forum)")
            XCTAssertTrue(late.text.contains("Sesuai") && late.text.contains("Punya mobil"), "both values, side by side")
            let theirs = try XCTUnwrap(late.text.range(of: "Nilai yang tersimpan sekarang")?.upperBound)
            let yours = try XCTUnwrap(late.text.range(of: "Nilai Anda")?.lowerBound)
            let theirSide = String(late.text[theirs..<yours])
            XCTAssertFalse(theirSide.contains("Punya mobil"), "the stored value has no reason; the late one's is not shown as its")
            XCTAssertFalse(theirSide.contains("Alasan"), "no reason row for a value without one")
            XCTAssertFalse(late.text.contains("Sesuai →"), "no arrow to an empty proposed group")
            XCTAssertFalse(late.text.contains("()"), "no empty details")
            let unchanged = try await SQLTest.scalar(db, "SELECT verdict || ' v' || version FROM fkp.reviews WHERE family_id = 'F1'", as: String.self)
            XCTAssertEqual(unchanged, "sesuai v1", "nothing silently overwritten")
            let json = try await facilitator.post("\(Self.unit)/families/F1", ["version": "0", "verdict": "tidak_berpendapat"], accept: "application/json")
            XCTAssertEqual(json.status, .conflict, "a script's stale save gets the same page")
            // A version no row can hold (the column is 32-bit) is only stale, never a crash.
            let forged = try await facilitator.post("\(Self.unit)/families/F1", ["version": "\(Int64.max)", "verdict": "tidak_berpendapat"])
            XCTAssertEqual(forged.status, .conflict)

            // The facilitator chooses their own value: the conflict page's form carries the version now.
            XCTAssertTrue(late.text.contains(#"name="version" value="1""#))
            let chosen = try await facilitator.post("\(Self.unit)/families/F1", [
                "version": "1", "verdict": "tidak_sesuai", "proposed_group": "2", "reason": "Punya mobil"])
            XCTAssertEqual(chosen.status, .seeOther)
            let history = try await SQLTest.scalar(db, """
                SELECT string_agg(actor || ':' || (new_row ->> 'verdict'), ' ' ORDER BY seq) FROM audit.entries WHERE table_name = 'fkp.reviews'
                """, as: String.self)
            XCTAssertEqual(history, "ketua:sesuai fasil:tidak_sesuai", "both writes kept in the trail")
        }
    }

    func testOnlyTheUnitsHeadAndTheForumsFacilitatorRecordAndOnlyWhileReviewing() async throws {
        try await WebTest.withApp(seed: TestAccounts.world + SQLTest.advance(to: .open)) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let page = try await head.get(Self.unit)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("Pembahasan daftar belum dimulai"), "no forms before the review starts, and the page says why")
            XCTAssertFalse(page.text.contains("families/F1\" class=\"verdict\""))
            let early = try await head.post("\(Self.unit)/families/F1", ["version": "0", "verdict": "sesuai"])
            XCTAssertEqual(early.status, .conflict)
            XCTAssertTrue(early.text.contains("hanya dapat dicatat pada tahap pembahasan"))

            for name in ["tokoh", "bps", "auditor", "bps.other"] {
                var other = TestBrowser(client)
                try await other.login(name, TestAccounts.password)
                _ = try await other.get("/regions")
                let refused = try await other.post("\(Self.unit)/families/F1", ["version": "0", "verdict": "sesuai"])
                XCTAssertEqual(refused.status, .forbidden, name)
            }
            var outsider = TestBrowser(client)
            try await outsider.login("bps.other", TestAccounts.password)
            let hidden = try await outsider.get(Self.unit)
            XCTAssertEqual(hidden.status, .notFound)
            var head2 = TestBrowser(client)
            try await head2.login("ketua", TestAccounts.password)
            let otherUnit = try await head2.get("/forums/1/units/32010100010002")
            XCTAssertEqual(otherUnit.status, .notFound, "a unit that is not the forum's")
            let rows = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.reviews", as: Int64.self)
            XCTAssertEqual(rows, 0)
        }
    }

    func testAListWithoutFormsSaysWhyByTheForumsStage() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            let reviewing = try await figure.get(Self.unit)
            XCTAssertTrue(reviewing.text.contains("hanya dapat dibaca di sini: penilaiannya dicatat oleh ketua SLS ini atau fasilitator forum"),
                          "while the review runs, a person who records nothing is told who does")
            let own = try await head.get(Self.unit)
            XCTAssertFalse(own.text.contains(#"<p class="note">"#), "the head, who records, reads no such note")

            let stages: [(ForumState, ForumState, String)] = [
                (.reviewing, .readyToClose, "berita acara sedang ditandatangani"),
                (.readyToClose, .closed, "Forum sudah ditutup: daftar ini tidak dapat diubah lagi"),
                (.closed, .reopened, "Forum dibuka kembali: penilaian dapat dicatat lagi setelah fasilitator melanjutkan"),
            ]
            for (from, to, said) in stages {
                try await SQLTest.write(db, SQLTest.advance(from: from, to: to))
                let page = try await head.get(Self.unit)
                XCTAssertEqual(page.status, .ok)
                XCTAssertTrue(page.text.contains(#"<p class="note">"#) && page.text.contains(said), "\(to): \(page.text.prefix(2000))")
                XCTAssertFalse(page.text.contains(#"class="verdict""#), "\(to): no verdict form")
            }
            let english = try await head.get("\(Self.unit)?lang=en")
            XCTAssertTrue(english.text.contains("The forum has been reopened: verdicts can be recorded again"))
        }
    }

    func testAFamilyMissingFromTheListIsAddedWithItsPresenceAndProposedGroup() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get(Self.unit)
            let incomplete = try await head.post("\(Self.unit)/added", ["head_name": "Ujang Sobari", "members": "0", "proposed_group": "1",
                                                                         "reason": "Pindahan 2023, belum terdata"])
            XCTAssertEqual(incomplete.status, .unprocessableContent)
            XCTAssertTrue(incomplete.text.contains("Jumlah anggota keluarga antara 1 dan 99"))
            XCTAssertTrue(incomplete.text.contains(#"value="Ujang Sobari""#))
            let withNIK = try await head.post("\(Self.unit)/added", ["head_name": "Ujang Sobari 3201014501800009", "members": "5",
                                                                      "presence": "present", "proposed_group": "1", "reason": "Belum terdata"])
            XCTAssertEqual(withNIK.status, .unprocessableContent)
            XCTAssertTrue(withNIK.text.contains("Hapus nomor itu"))
            let added = try await head.post("\(Self.unit)/added", ["head_name": "Ujang Sobari", "address": "Kp. Babakan RT 1", "members": "5",
                                                                    "presence": "present", "proposed_group": "1", "reason": "Pindahan 2023, belum terdata"])
            XCTAssertEqual(added.status, .seeOther)
            XCTAssertEqual(added.location, "\(Self.unit)#added")
            let page = try await head.get(Self.unit)
            XCTAssertTrue(page.text.contains("Ujang Sobari"))
            XCTAssertTrue(page.text.contains("Keluarga tambahan: Masih tinggal di sini 1"), "the summary counts added families by presence")
            XCTAssertTrue(page.text.contains(#"<th scope="row">1 Sangat miskin</th><td class="n">1</td><td class="n">2</td>"#),
                          "and in the group after the forum")
            let audited = try await SQLTest.scalar(db, "SELECT actor || ' ' || (new_row ->> 'head_name') FROM audit.entries WHERE action = 'forum.add_family'", as: String.self)
            XCTAssertEqual(audited, "ketua Ujang Sobari")

            // Once the forum has moved on, the refusal says why, though the page no longer offers the form.
            try await SQLTest.write(db, forum: 1, [SQLTest.judgeTheRest(), "UPDATE fkp.forums SET state = 'ready_to_close' WHERE id = 1"])
            let late = try await head.post("\(Self.unit)/added", ["head_name": "Asep", "members": "2", "presence": "present",
                                                                  "proposed_group": "2", "reason": "Belum terdata"])
            XCTAssertEqual(late.status, .conflict)
            XCTAssertTrue(late.text.contains("Penilaian hanya dapat dicatat pada tahap pembahasan daftar"))
            XCTAssertFalse(late.text.contains(#"action="\#(Self.unit)/added""#), "and no form")
        }
    }

    func testAFamilyAddedByMistakeIsWithdrawnWithAReasonAndCountsNowhere() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get(Self.unit)
            for name in ["Ujang Sobari", "Ujang Sobary"] {
                let added = try await head.post("\(Self.unit)/added", ["head_name": name, "members": "5", "presence": "present",
                                                                         "proposed_group": "1", "reason": "Belum terdata"])
                XCTAssertEqual(added.status, .seeOther)
            }
            let both = try await head.get(Self.unit)
            XCTAssertTrue(both.text.contains("Keluarga tambahan: Masih tinggal di sini 2"))
            let found = try await SQLTest.scalar(db, "SELECT id FROM fkp.added_families WHERE head_name = 'Ujang Sobary'", as: Int64.self)
            let mistaken = try XCTUnwrap(found)
            XCTAssertTrue(both.text.contains("\(Self.unit)/added/\(mistaken)/withdraw"), "each added family offers its withdrawal")

            let noReason = try await head.post("\(Self.unit)/added/\(mistaken)/withdraw", ["version": "1", "reason": " "])
            XCTAssertEqual(noReason.status, .unprocessableContent)
            XCTAssertTrue(noReason.text.contains("Alasan pembatalan wajib diisi"))
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            try await figure.get(Self.unit)
            let notTheirs = try await figure.post("\(Self.unit)/added/\(mistaken)/withdraw", ["version": "1", "reason": "Salah ketik"])
            XCTAssertEqual(notTheirs.status, .forbidden, "a community figure raises challenges; they do not edit the list")

            let withdrawn = try await head.post("\(Self.unit)/added/\(mistaken)/withdraw", ["version": "1", "reason": "Salah ketik, sama dengan Ujang Sobari"])
            XCTAssertEqual(withdrawn.status, .seeOther)
            XCTAssertEqual(withdrawn.location, "\(Self.unit)#added")
            let again = try await head.post("\(Self.unit)/added/\(mistaken)/withdraw", ["version": "1", "reason": "Dua kali"])
            XCTAssertEqual(again.status, .conflict, "a stale or second withdrawal changes nothing")
            XCTAssertTrue(again.text.contains("sudah dibatalkan atau diubah orang lain"))

            let page = try await head.get(Self.unit)
            XCTAssertTrue(page.text.contains("Dibatalkan oleh ketua: Salah ketik, sama dengan Ujang Sobari"), page.text)
            XCTAssertTrue(page.text.contains("<s><b>+</b> Ujang Sobary <small>5 jiwa · "), "struck through, not erased; no address, no separator")
            XCTAssertTrue(page.text.contains("Keluarga tambahan: Masih tinggal di sini 1"), "the summary no longer counts it")
            let tally = try await ReviewRepository(database: db).tally(forumID: 1)
            XCTAssertEqual(tally.first?.tally.added, [.present: 1], "nor does the forum's summary")
            let audited = try await SQLTest.scalar(db, """
                SELECT actor || ' ' || reason FROM audit.entries WHERE action = 'forum.withdraw_added_family'
                """, as: String.self)
            XCTAssertEqual(audited, "ketua Salah ketik, sama dengan Ujang Sobari")
            await SQLTest.assertRefused("added_families_withdrawal_final") {
                try await SQLTest.write(db, forum: 1, ["UPDATE fkp.added_families SET withdrawn_at = NULL, withdrawn_by = NULL, withdraw_reason = NULL WHERE id = \(mistaken)"])
            }
        }
    }

    func testCharactersNoOneSeesAreDroppedFromWhatIsTyped() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get(Self.unit)
            let added = try await head.post("\(Self.unit)/added", [
                "head_name": "Bu\u{200B}di\tSantoso", "address": "Kp.\u{202E} Babakan", "members": "5", "presence": "present",
                "proposed_group": "1", "reason": "Pindahan 2023\r\nbelum terdata\u{FEFF}"])
            XCTAssertEqual(added.status, .seeOther)
            let stored = try await SQLTest.scalar(db, "SELECT head_name || '|' || address || '|' || reason FROM fkp.added_families", as: String.self)
            XCTAssertEqual(stored, "Budi Santoso|Kp. Babakan|Pindahan 2023 belum terdata", "a reason is one line, as its text field sends it")
            let moved = try await head.post("\(Self.unit)/families/F1", ["version": "0", "verdict": "sesuai", "presence": "moved",
                                                                         "moved_to": "\u{202E}Bekasi\u{200B}"])
            XCTAssertEqual(moved.status, .seeOther)
            let movedTo = try await SQLTest.scalar(db, "SELECT moved_to FROM fkp.reviews WHERE family_id = 'F1'", as: String.self)
            XCTAssertEqual(movedTo, "Bekasi")
        }
    }

    func testTheListsSummaryCountsWhatTheForumsSummaryCounts() async throws {
        // The review page counts the rows it shows; the forum page counts in the database.
        let seed = Self.reviewing + [
            "INSERT INTO fkp.reviews (forum_id, family_id, verdict, proposed_group, reason) VALUES (1, 'F1', 'tidak_sesuai', 2, 'Baru kena PHK')",
            "INSERT INTO fkp.reviews (forum_id, family_id, verdict, presence, moved_to) VALUES (1, 'F2', 'sesuai', 'moved', 'Bekasi')",
        ] + [("present", 1), ("moved", 3), ("not_found", 2), ("present", 4)].map { presence, group in
            """
            INSERT INTO fkp.added_families (forum_id, sls_code, head_name, members, presence, proposed_group, reason)
            VALUES (1, '32010100010001', 'Tambahan \(group)', 3, '\(presence)', \(group), 'Belum terdata')
            """
        }
        try await WebTest.withApp(seed: seed) { _, db in
            let unit = try RegionCode("32010100010001")
            let rows = try await ReviewRepository(database: db).rows(forumID: 1, unit: unit)
            let added = try await AddedFamilyRepository(database: db).list(forumID: 1, unit: unit)
            let fromRows = ReviewTally(listed: rows.map { ($0.group, $0.review) }, added: added.map(\.family))
            let counted = try await ReviewRepository(database: db).tally(forumID: 1, unit: unit).first?.tally
            XCTAssertEqual(fromRows, counted)
            XCTAssertEqual(fromRows.after.total, 3, "F1 stays (in group 2), F2 moved away; two added families live here")
            XCTAssertEqual(fromRows.leaving, [.moved: 1])
            XCTAssertEqual(fromRows.added, [.present: 2, .moved: 1, .notFound: 1])
        }
    }

    func testNamesAndTypedTextAreEscapedInTheCards() async throws {
        // The name is set while the forum is planned: once it opens, its families no longer change.
        let seed = TestAccounts.world + ["UPDATE fkp.families SET head_name = '<script>x</script> & \"Ani\"' WHERE id = 'F1'"]
            + SQLTest.advance(to: .reviewing)
        try await WebTest.withApp(seed: seed) { client, _ in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get(Self.unit)
            let refused = try await head.post("\(Self.unit)/families/F1", ["version": "0", "verdict": "tidak_sesuai", "reason": "<img src=x>"])
            XCTAssertFalse(refused.text.contains("<script>x</script>"))
            XCTAssertTrue(refused.text.contains("&lt;script&gt;x&lt;/script&gt; &amp; &quot;Ani&quot;"))
            XCTAssertTrue(refused.text.contains(#"value="&lt;img src=x&gt;""#))
        }
    }

    func testAFormThatCannotBeReadGetsAPageInThePersonsLanguage() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get(Self.unit)
            let unknown = try await head.post("\(Self.unit)/families/F1", ["version": "0", "verdict": "mungkin"])
            XCTAssertEqual(unknown.status, .badRequest)
            XCTAssertTrue(unknown.text.contains("Isian formulir tidak lengkap atau tidak dikenali"))
            XCTAssertTrue(unknown.text.contains("<html"), "a page, not plain text")
            let incomplete = try await head.post("\(Self.unit)/families/F1", ["verdict": "sesuai"])
            XCTAssertEqual(incomplete.status, .badRequest, "no version")
            let rows = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.reviews", as: Int64.self)
            XCTAssertEqual(rows, 0)
        }
    }

    /// A sub-SLS's families are on its SLS's list: their page leads back there, not to a unit the
    /// forum does not have.
    func testAFamilyOfASubSLSLeadsBackToItsSLSList() async throws {
        let seed = SQLTest.places + ["INSERT INTO fkp.regions (code, name, level) VALUES ('3201010001000101', 'RT 001 bagian A', 'subsls')",
                                     SQLTest.family("F1"), SQLTest.family("S1", sls: "3201010001000101")]
            + SQLTest.forum() + TestAccounts.statements() + SQLTest.advance(to: .reviewing)
        try await WebTest.withApp(seed: seed) { client, _ in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let list = try await head.get(Self.unit)
            XCTAssertTrue(list.text.contains(#"id="f-S1""#), "the SLS's list holds its sub-SLS's families")
            XCTAssertTrue(list.text.contains(#"Nomor KK dan NIK kepala keluarga sama dengan: <a href="/forums/1/units/32010100010001#f-S1">Kepala S1 (3201010001000101, no. 1)</a>"#),
                          "a sub-SLS family named with its own code, linked on its SLS's list")
            let page = try await head.get("/forums/1/families/S1")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains(#"<a href="/forums/1/units/32010100010001#f-S1">"#), page.text)
            let back = try await head.get("/forums/1/units/32010100010001")
            XCTAssertEqual(back.status, .ok)
        }
    }
}
