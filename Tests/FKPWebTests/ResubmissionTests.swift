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
}
