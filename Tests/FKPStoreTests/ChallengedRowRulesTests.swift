import FKPCore
import FKPStore
import FKPTestSupport
import XCTest

/// The database's rules for the row a challenge names: a listed family or an added family of the
/// challenge's own forum, only the presences an added family can have, and no challenge on (or
/// withdrawal of) an addition slipping past the other.
final class ChallengedRowRulesTests: XCTestCase {
    /// Two reviewing forums: forum 1 over unit ...0001 (family F1), forum 2 over unit ...0002
    /// (family F2), each with one added family (ids 1 and 2).
    static let twoForums = SQLTest.places + [SQLTest.family("F1"), SQLTest.family("F2", sls: "32010100010002")]
        + SQLTest.forum() + SQLTest.advance(to: .reviewing)
        + SQLTest.forum(units: ["32010100010002"], starts: "2026-12-02 09:00+07") + SQLTest.advance(forum: 2, to: .reviewing)
        + [1, 2].map { forum in
            """
            INSERT INTO fkp.added_families (forum_id, sls_code, head_name, members, proposed_group, reason)
            VALUES (\(forum), '3201010001000\(forum)', 'Keluarga Baru \(forum)', 3, 2, 'Belum terdaftar')
            """
        }

    static func challenge(forum: Int = 1, family: String? = nil, added: Int? = nil, kind: String = "group",
                          group: Int? = 1, presence: String? = nil) -> String {
        """
        INSERT INTO fkp.challenges (forum_id, family_id, added_family_id, kind, proposed_group, proposed_presence, reason, raised_by_name)
        VALUES (\(forum), \(family.map { "'\($0)'" } ?? "NULL"), \(added.map(String.init) ?? "NULL"), '\(kind)',
                \(group.map(String.init) ?? "NULL"), \(presence.map { "'\($0)'" } ?? "NULL"), 'Kata tetangga', 'Tokoh')
        """
    }

    func testAChallengeNamesARowOfItsOwnForum() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.twoForums)
            let otherForumsFamily = try await SQLTest.attempt(db, forum: 1, setup: [], Self.challenge(family: "F2"))
            XCTAssertEqual(otherForumsFamily?.constraint, "challenges_row_in_forum", otherForumsFamily?.message ?? "accepted")
            let otherForumsAddition = try await SQLTest.attempt(db, forum: 1, setup: [], Self.challenge(added: 2))
            XCTAssertEqual(otherForumsAddition?.constraint, "challenges_row_in_forum", otherForumsAddition?.message ?? "accepted")
            let died = try await SQLTest.attempt(db, forum: 1, setup: [], Self.challenge(added: 1, kind: "presence", group: nil, presence: "died"))
            XCTAssertEqual(died?.constraint, "challenges_added_family_presence", died?.message ?? "accepted")
            let both = try await SQLTest.attempt(db, forum: 1, setup: [],
                                                 Self.challenge(family: "F1", added: 1))
            XCTAssertEqual(both?.constraint, "challenges_on_one_row", both?.message ?? "accepted")

            try await SQLTest.write(db, forum: 1, [Self.challenge(family: "F1"), Self.challenge(added: 1, kind: "presence", group: nil, presence: "moved")])
            let count = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.challenges", as: Int64.self)
            XCTAssertEqual(count, 2, "a listed family and an added family of the forum are challenged")
        }
    }

    func testAnAdditionIsNeitherChallengedOnceWithdrawnNorWithdrawnWhileChallenged() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.twoForums)
            let withdraw = "UPDATE fkp.added_families SET withdrawn_at = now(), withdrawn_by = 'ketua', withdraw_reason = 'Ganda' WHERE id = 1"

            // A challenge raised while the withdrawal is under way waits for it, then is refused.
            let refusedChallenge = try await SQLTest.attemptWhileHolding(db, forum: 1, [withdraw]) {
                try await SQLTest.attempt(db, forum: 1, setup: [], Self.challenge(added: 1))
            }
            XCTAssertEqual(refusedChallenge?.constraint, "challenges_added_family_withdrawn", refusedChallenge?.message ?? "accepted")

            // Forum 2: a withdrawal asked while a challenge is being raised waits for it, then is refused.
            let challengeOn2 = Self.challenge(forum: 2, added: 2)
            let withdraw2 = "UPDATE fkp.added_families SET withdrawn_at = now(), withdrawn_by = 'ketua', withdraw_reason = 'Ganda' WHERE id = 2"
            let refusedWithdrawal = try await SQLTest.attemptWhileHolding(db, forum: 2, [challengeOn2]) {
                try await SQLTest.attempt(db, forum: 2, setup: [], withdraw2)
            }
            XCTAssertEqual(refusedWithdrawal?.constraint, "added_families_open_challenge", refusedWithdrawal?.message ?? "withdrawn")

            // Once the challenge is decided, the addition can be withdrawn.
            try await SQLTest.write(db, forum: 2, [
                "UPDATE fkp.challenges SET status = 'rejected', decision_method = 'consensus', decided_by = 'fasil', decided_at = now() WHERE forum_id = 2",
                withdraw2,
            ])
            let withdrawn = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.added_families WHERE withdrawn_at IS NOT NULL", as: Int64.self)
            XCTAssertEqual(withdrawn, 2)
        }
    }

    func testAnAcceptedChallengeCorrectsTheAddedFamilyInTheDecisionsTransaction() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, Self.twoForums)
            let challenges = ChallengeRepository(database: db)
            let raised = WriteContext(actor: "tokoh", role: .communityFigure, action: "challenge.raise", forumID: 1)
            let group = try await challenges.raise(forumID: 1, on: .added(id: 1), Challenge(kind: .group, proposedGroup: .veryPoor, reason: "Sakit"),
                                                   userID: nil, name: "Tokoh", context: raised)
            let presence = try await challenges.raise(forumID: 1, on: .added(id: 1),
                                                      Challenge(kind: .presence, proposedPresence: .moved, proposedValue: "Bogor", reason: "Pindah"),
                                                      userID: nil, name: "Tokoh", context: raised)
            let listed = try await challenges.list(forumID: 1, on: .added(id: 1))
            XCTAssertEqual(listed.map(\.id), [group, presence])
            XCTAssertEqual(listed.first?.headName, "Keluarga Baru 1")
            XCTAssertEqual(listed.first?.unit, "32010100010001")
            let none = try await challenges.list(forumID: 1, on: .listed(familyID: "F1"))
            XCTAssertEqual(none, [], "a listed family's challenges are its own")

            func decide(_ id: Int64, _ status: Challenge.Status) async throws -> ChallengeRepository.Outcome {
                try await challenges.decide(id, forumID: 1, Challenge.Decision(status: status, method: .consensus), expectedVersion: 1,
                                            context: WriteContext(actor: "fasil", role: .facilitator, action: "challenge.\(status.rawValue)",
                                                                  forumID: 1, decisionRef: "challenge:\(id)"))
            }
            let acceptedGroup = try await decide(group, .accepted)
            XCTAssertEqual(acceptedGroup, .decided)
            let rejectedPresence = try await decide(presence, .rejected)
            XCTAssertEqual(rejectedPresence, .decided)
            let row = try await SQLTest.scalar(db, "SELECT proposed_group || ' ' || presence || ' ' || version FROM fkp.added_families WHERE id = 1",
                                               as: String.self)
            XCTAssertEqual(row, "1 present 2", "the accepted group is written, the rejected presence is not")
            let entries = try await SQLTest.scalar(db, """
                SELECT string_agg(table_name || ':' || decision_ref, ' ' ORDER BY seq) FROM audit.entries WHERE decision_ref IS NOT NULL
                """, as: String.self)
            XCTAssertEqual(entries, "fkp.challenges:challenge:\(group) fkp.added_families:challenge:\(group) fkp.challenges:challenge:\(presence)")
            let other = try await SQLTest.scalar(db, "SELECT proposed_group FROM fkp.added_families WHERE id = 2", as: Int16.self)
            XCTAssertEqual(other, 2, "no other row changes")
        }
    }
}
