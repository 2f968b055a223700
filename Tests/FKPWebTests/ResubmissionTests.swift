import FKPCore
import FKPStore
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import XCTest

/// On a weak connection a person taps a button again when nothing seems to happen, and the form
/// arrives twice, sometimes at once. What it records is recorded once, and the second sending is
/// answered as the first was (no conflict page, no error).
final class ResubmissionTests: XCTestCase {
    static let unit = "/forums/1/units/32010100010001"
    static let reviewing = TestAccounts.world + SQLTest.advance(to: .reviewing)

    func testAVerdictSentTwiceIsSavedOnceAndTheSecondSendingIsNotAConflict() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get(Self.unit)
            let form = ["version": "0", "verdict": "tidak_sesuai", "proposed_group": "2", "reason": "Usaha warung tutup"]
            let first = try await head.post("\(Self.unit)/families/F1", form)
            let second = try await head.post("\(Self.unit)/families/F1", form)
            XCTAssertEqual(first.status, .seeOther)
            XCTAssertEqual(second.status, .seeOther, "the row already holds what the second sending asks")
            XCTAssertEqual(second.location, first.location)
            let entries = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE table_name = 'fkp.reviews'", as: Int64.self)
            XCTAssertEqual(entries, 1, "one change, one entry")

            let different = try await head.post("\(Self.unit)/families/F1", ["version": "0", "verdict": "sesuai"])
            XCTAssertEqual(different.status, .conflict, "a stale form asking for something else still gets the conflict page")
        }
    }

    func testAChallengeSentTwiceIsRaisedOnce() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            try await figure.get("/forums/1/families/F2")
            let form = ["kind": "group", "proposed_group": "1", "reason": "Kepala keluarga sakit, tidak bekerja"]
            let path = "/forums/1/families/F2/challenges"
            let first = try await figure.post(path, form)
            let second = try await figure.post(path, form)
            XCTAssertEqual([first.status, second.status], [.seeOther, .seeOther])
            XCTAssertEqual(second.location, first.location)
            // Two sendings at once: the second waits for the first and finds its challenge.
            let challenges = ChallengeRepository(database: db)
            let raise = { @Sendable () async throws -> Int64 in
                try await challenges.raise(forumID: 1, on: .listed(familyID: "F2"), Challenge(kind: .group, proposedGroup: .veryPoor, reason: "Sakit keras"),
                                           userID: nil, name: "Uji tokoh",
                                           context: WriteContext(actor: "tokoh", role: .communityFigure, action: "challenge.raise", forumID: 1))
            }
            let ids = try await Self.bothWaitingFor("fkp.challenge 1/F2", db, raise)
            XCTAssertEqual(ids[0], ids[1])
            let raised = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.challenges", as: Int64.self)
            XCTAssertEqual(raised, 2, "two forms, each sent twice: two challenges")

            let another = try await figure.post(path, ["kind": "group", "proposed_group": "1", "reason": "Alasan lain"])
            XCTAssertEqual(another.status, .seeOther)
            let now = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.challenges", as: Int64.self)
            XCTAssertEqual(now, 3, "a challenge with another reason is another challenge")
        }
    }

    func testAnAddedFamilySentTwiceIsAddedOnce() async throws {
        try await WebTest.withApp(seed: Self.reviewing) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get(Self.unit)
            let form = ["head_name": "Ujang Sobari", "address": "Kp. Babakan RT 1", "members": "5", "presence": "present",
                        "proposed_group": "1", "reason": "Pindahan 2023, belum terdata"]
            let first = try await head.post("\(Self.unit)/added", form)
            let second = try await head.post("\(Self.unit)/added", form)
            XCTAssertEqual([first.status, second.status], [.seeOther, .seeOther])
            let added = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.added_families", as: Int64.self)
            XCTAssertEqual(added, 1)
            let entries = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE action = 'forum.add_family'", as: Int64.self)
            XCTAssertEqual(entries, 1)

            var again = form
            again["members"] = "6"
            let other = try await head.post("\(Self.unit)/added", again)
            XCTAssertEqual(other.status, .seeOther)
            let now = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.added_families", as: Int64.self)
            XCTAssertEqual(now, 2, "different details are another family")

            let additions = AddedFamilyRepository(database: db)
            let add = { @Sendable () async throws -> Int64 in
                try await additions.add(AddedFamily(headName: "Euis", address: "Gg. Mawar", members: 2, proposedGroup: .poor, reason: "Baru datang"),
                                        forumID: 1, unit: try RegionCode("32010100010001"),
                                        context: WriteContext(actor: "ketua", role: .slsHead, action: "forum.add_family", forumID: 1))
            }
            let ids = try await Self.bothWaitingFor("fkp.added 1/32010100010001", db, add)
            XCTAssertEqual(ids[0], ids[1], "two sendings at once add one family")
        }
    }

    /// Runs `send` twice at once while this test holds the lock on `place`, checks that both wait
    /// for it, then lets them go: without the lock both would find nothing and add.
    static func bothWaitingFor(_ place: String, _ db: Database, _ send: @escaping @Sendable () async throws -> Int64) async throws -> [Int64] {
        try await db.client.withConnection { holder in
            try await holder.query("SELECT pg_advisory_lock(hashtextextended(\(place), 0))", logger: db.logger)
            let sendings = [Task { try await send() }, Task { try await send() }]
            try await Task.sleep(for: .milliseconds(500))
            let waiting = try await SQLTest.scalar(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", as: Int64.self)
            XCTAssertEqual(waiting, 2, "both sendings wait for the first to commit")
            try await holder.query("SELECT pg_advisory_unlock(hashtextextended(\(place), 0))", logger: db.logger)
            var ids: [Int64] = []
            for sending in sendings { ids.append(try await sending.value) }
            return ids
        }
    }

    /// The account form sent twice makes one account. The first sending's answer, with its
    /// temporary password, never reached the person (the browser shows the last), so the second
    /// answers with a password of its own, which is the one that works, and says why.
    func testAnAccountFormSentTwiceMakesOneAccountWhosePasswordIsTheOneShown() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            try await staff.get("/users/new")
            let form = ["username": "siti", "display_name": "Siti Aminah", "role": "sls_head", "region_code": "32010100010002"]
            let first = try await staff.post("/users", form)
            let second = try await staff.post("/users", form)
            XCTAssertEqual([first.status, second.status], [.ok, .ok], second.text)
            XCTAssertFalse(first.text.contains("terkirim dua kali"))
            XCTAssertTrue(second.text.contains("Formulir ini terkirim dua kali, dan akunnya dibuat sekali."), second.text)
            func password(_ page: TestResponse) -> String? {
                page.text.range(of: #"fkp-[A-Za-z0-9_-]+"#, options: .regularExpression).map { String(page.text[$0]) }
            }
            let (shownFirst, shownSecond) = (try XCTUnwrap(password(first)), try XCTUnwrap(password(second)))
            XCTAssertNotEqual(shownFirst, shownSecond)
            let accounts = try await SQLTest.scalar(db, """
                SELECT count(*) FROM fkp.users u JOIN fkp.role_assignments a ON a.user_id = u.id WHERE u.username = 'siti'
                """, as: Int64.self)
            XCTAssertEqual(accounts, 1, "one account, one assignment")
            var siti = TestBrowser(client)
            let withFirst = try await siti.login("siti", shownFirst)
            XCTAssertEqual(withFirst.status, .unauthorized, "the password no one saw no longer works")
            let withSecond = try await siti.login("siti", shownSecond)
            XCTAssertEqual(withSecond.location, "/password", "the one shown does, to be changed at once")

            // Not the same form sent again: another person's, another name, or an account in use since.
            var admin = TestBrowser(client)
            try await admin.login("admin", TestAccounts.password)
            try await admin.get("/users/new")
            let byAnother = try await admin.post("/users", form)
            XCTAssertEqual(byAnother.status, .unprocessableContent)
            XCTAssertTrue(byAnother.text.contains("Nama pengguna ini sudah dipakai."))
            let budi = ["username": "budi", "display_name": "Budi", "role": "sls_head", "region_code": "32010100010002"]
            let made = try await staff.post("/users", budi)
            XCTAssertEqual(made.status, .ok)
            try await SQLTest.tamper(db, ["UPDATE fkp.users SET created_at = created_at - interval '11 minutes' WHERE username = 'budi'"])
            let pageLeftOpen = try await staff.post("/users", budi)
            XCTAssertEqual(pageLeftOpen.status, .unprocessableContent, "past minutes, the same form is not taken for the first sent again")
            var renamed = form
            renamed["display_name"] = "Siti Rahayu"
            let otherName = try await staff.post("/users", renamed)
            XCTAssertEqual(otherName.status, .unprocessableContent)
            try await siti.get("/password")
            let changed = try await siti.post("/password", ["current_password": shownSecond, "new_password": "Gunung Salak berkabut", "confirm_password": "Gunung Salak berkabut"])
            XCTAssertEqual(changed.status, .seeOther, changed.text)
            let inUse = try await staff.post("/users", form)
            XCTAssertEqual(inUse.status, .unprocessableContent, "an account whose person chose a password is theirs")
            var again = TestBrowser(client)
            let stands = try await again.login("siti", "Gunung Salak berkabut")
            XCTAssertEqual(stands.status, .seeOther, "and their password stands")
        }
    }

    /// A forum's move sent twice, one sending after the other or both at once, moves it once, and
    /// each sending is answered as the first was (the second was told someone else had moved it).
    func testAForumMoveSentTwiceMovesItOnce() async throws {
        let open = TestAccounts.world + [
            "INSERT INTO fkp.forum_team (forum_id, user_id, team_role) SELECT 1, id, 'facilitator' FROM fkp.users WHERE username = 'fasil'",
        ] + SQLTest.advance(to: .open)
        try await WebTest.withApp(seed: open) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await facilitator.get("/forums/1")
            let move = ["from": "open", "to": "reviewing"]
            let answers = try await facilitator.postTwiceAtOnce("/forums/1/state", move)
            XCTAssertEqual(answers.map(\.status), [.seeOther, .seeOther])
            XCTAssertEqual(answers.map(\.location), ["/forums/1", "/forums/1"])
            let later = try await facilitator.post("/forums/1/state", move)
            XCTAssertEqual(later.location, "/forums/1")
            let moves = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE action = 'forum.state.reviewing'", as: Int64.self)
            XCTAssertEqual(moves, 1)
        }
    }

    /// A signature sent twice, one sending after the other or both at once, is recorded once, each
    /// sending answered as the first was; another mark for a place already marked is still refused.
    func testASignatureSentTwiceIsRecordedOnce() async throws {
        try await WebTest.withApp(seed: ClosingPagesTests.ready) { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get("/forums/1/minutes")
            let sign = ["slot": "participant:1", "status": "signed", "method": "screen"]
            let first = try await head.post("/forums/1/signatures", sign)
            let second = try await head.post("/forums/1/signatures", sign)
            XCTAssertEqual([first.location, second.location], ["/forums/1/minutes#signatures", "/forums/1/minutes#signatures"])

            var bps = TestBrowser(client)
            try await bps.login("bps", TestAccounts.password)
            try await bps.get("/forums/1/minutes")
            let refusal = ["slot": "participant:2", "status": "refused", "method": "paper", "signer_name": "Ibu Euis", "reason": "Tidak setuju"]
            let answers = try await bps.postTwiceAtOnce("/forums/1/signatures", refusal)
            XCTAssertEqual(answers.map(\.status), [.seeOther, .seeOther])
            let marks = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.signatures", as: Int64.self)
            XCTAssertEqual(marks, 2, "one mark for each place")

            let otherMark = try await bps.post("/forums/1/signatures", ["slot": "participant:2", "status": "signed", "method": "paper",
                                                                        "signer_name": "Ibu Euis"])
            XCTAssertEqual(otherMark.status, .conflict)
            XCTAssertTrue(otherMark.text.contains("Tempat tanda tangan ini sudah terisi."))
        }
    }
}
