import FKPCore
import FKPStore
import FKPTestSupport
import XCTest

/// The database enforces the same forum life as ForumState: every pair of states, and every kind
/// of work in every state, tried against a real database.
final class ForumStateRulesTests: XCTestCase {
    func testTheDatabaseAllowsExactlyTheMovesOfTheDomain() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1")] + SQLTest.forum())
            for from in ForumState.allCases {
                for to in ForumState.allCases where to != from {
                    // Every family has a verdict, the minutes are signed and a closing is marked reopened,
                    // so that each move is judged on the state alone.
                    let closing = SQLTest.close()
                    let setup = SQLTest.advance(to: from) + (from.allows(.review) ? [SQLTest.judgeTheRest()] : [])
                        + (from == .readyToClose ? Array(closing.prefix(2)) : []) + (from == .closed ? Array(SQLTest.reopen().prefix(1)) : [])
                    let move = to == .cancelled ? SQLTest.cancel() : "UPDATE fkp.forums SET state = '\(to.rawValue)' WHERE id = 1"
                    let refusal = try await SQLTest.attempt(db, setup: setup, move,
                                                            then: to == .closed ? Array(closing.suffix(1)) : [])
                    XCTAssertEqual(refusal == nil, from.canMove(to: to), "\(from) → \(to): \(refusal?.message ?? "accepted")")
                    if let refusal { XCTAssertEqual(refusal.constraint, "forum_state_move") }
                }
            }
            let refusal = try await SQLTest.attempt(db, setup: [], """
                INSERT INTO fkp.forums (region_code, starts_at, ends_at, venue, state)
                VALUES ('3201010002', '2026-12-02 09:00+07', '2026-12-02 12:00+07', 'Balai', 'open')
                """)
            XCTAssertEqual(refusal?.constraint, "forum_state_move", "a forum starts planned")
        }
    }

    func testEachKindOfWorkIsRefusedOutsideItsStates() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1")] + SQLTest.forum() + [
                "INSERT INTO fkp.forum_participants (forum_id, kind, sls_code, full_name) VALUES (1, 'sls_head', '32010100010001', 'Pak RT')",
                "INSERT INTO fkp.users (username, display_name) VALUES ('fasil', 'Fasil')",
            ])
            let work: [(ForumState.Work, String)] = [
                (.planning, "INSERT INTO fkp.forum_units (forum_id, sls_code, position) VALUES (1, '32010100010002', 2)"),
                (.planning, "INSERT INTO fkp.forum_team (forum_id, user_id, team_role) VALUES (1, 1, 'facilitator')"),
                (.planning, "UPDATE fkp.forums SET venue = 'Masjid' WHERE id = 1"),
                (.planning, "UPDATE fkp.forum_participants SET full_name = 'Bu RT' WHERE id = 1"),
                (.attendance, "UPDATE fkp.forum_participants SET attended = true, attended_at = now(), representative_name = 'Ujang' WHERE id = 1"),
                (.review, "INSERT INTO fkp.reviews (forum_id, family_id, verdict) VALUES (1, 'F1', 'sesuai')"),
                (.review, """
                    INSERT INTO fkp.challenges (forum_id, family_id, kind, proposed_group, reason, raised_by_name)
                    VALUES (1, 'F1', 'group', 1, 'Baru kena PHK', 'Pak RT')
                    """),
                (.review, """
                    INSERT INTO fkp.added_families (forum_id, sls_code, head_name, members, proposed_group, reason)
                    VALUES (1, '32010100010001', 'Asep', 3, 1, 'Belum terdaftar')
                    """),
                (.minutes, "INSERT INTO fkp.minutes (forum_id, forum_version, notes) VALUES (1, 1, 'Lancar')"),
            ]
            for state in ForumState.allCases {
                for (kind, statement) in work {
                    let refusal = try await SQLTest.attempt(db, forum: 1, setup: SQLTest.advance(to: state), statement)
                    XCTAssertEqual(refusal == nil, state.allows(kind),
                                   "\(kind) in a \(state) forum: \(statement.prefix(60)): \(refusal?.message ?? "accepted")")
                    if let refusal {
                        XCTAssertTrue(["forum_state_allows", "forum_closed_read_only"].contains(refusal.constraint ?? ""),
                                      "\(refusal.constraint ?? "-"): \(refusal.message)")
                    }
                }
            }
        }
    }

    func testAForumIsReadyToCloseOnlyWhenEveryFamilyHasAVerdictAndNoChallengeIsOpen() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1"), SQLTest.family("F2", rank: 2)] + SQLTest.forum()
                                    + SQLTest.advance(to: .reviewing))
            let ready = "UPDATE fkp.forums SET state = 'ready_to_close' WHERE id = 1"
            let unreviewed = try await SQLTest.attempt(db, setup: [
                "INSERT INTO fkp.reviews (forum_id, family_id, verdict) VALUES (1, 'F1', 'sesuai')",
                "INSERT INTO fkp.reviews (forum_id, family_id, presence) VALUES (1, 'F2', 'died')",
            ], ready)
            XCTAssertEqual(unreviewed?.constraint, "forum_ready_to_close")
            XCTAssertTrue(unreviewed?.message.contains("1 families without a verdict, 0 open challenges") == true, unreviewed?.message ?? "")
            let challenged = try await SQLTest.attempt(db, setup: [SQLTest.judgeTheRest(), """
                INSERT INTO fkp.challenges (forum_id, family_id, kind, proposed_group, reason, raised_by_name)
                VALUES (1, 'F1', 'group', 1, 'Baru kena PHK', 'Pak RT')
                """], ready)
            XCTAssertEqual(challenged?.constraint, "forum_ready_to_close")
            let decided = try await SQLTest.attempt(db, setup: [SQLTest.judgeTheRest(), """
                INSERT INTO fkp.challenges (forum_id, family_id, kind, proposed_group, reason, raised_by_name, status, decided_at)
                VALUES (1, 'F1', 'group', 1, 'Baru kena PHK', 'Pak RT', 'withdrawn', now())
                """], ready)
            XCTAssertNil(decided, decided?.message ?? "")
        }
    }

    func testAChangeToFamiliesAndTheOpeningOfTheirForumHappenOneAfterTheOther() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1"), SQLTest.family("F2", sls: "32010100020001")]
                                    + SQLTest.forum() + SQLTest.forum(units: ["32010100020001"], region: "3201010002"))
            let waitBriefly = "SET LOCAL lock_timeout = '300ms'"
            func rename(_ id: String) -> String { "UPDATE fkp.families SET head_name = 'Kepala Baru' WHERE id = '\(id)'" }
            func open(_ forum: Int) -> String { "UPDATE fkp.forums SET state = 'open' WHERE id = \(forum)" }

            // Forum 1 opens first: a change to its families waits for the opening, then is refused.
            try await SQLTest.holding(db, forum: 1, [open(1)]) {
                let waiting = try await SQLTest.attempt(db, setup: [waitBriefly], rename("F1"))
                XCTAssertEqual(waiting?.sqlState, "55P03", "the change waits for the opening: \(waiting?.message ?? "accepted")")
            }
            let after = try await SQLTest.attempt(db, setup: [], rename("F1"))
            XCTAssertEqual(after?.constraint, "families_frozen_by_forum")

            // A change to forum 2's families first (an import still running): the opening waits for it.
            try await SQLTest.holding(db, [rename("F2")]) {
                let waiting = try await SQLTest.attempt(db, forum: 2, setup: [waitBriefly], open(2))
                XCTAssertEqual(waiting?.sqlState, "55P03", "the opening waits for the change: \(waiting?.message ?? "accepted")")
            }
            try await SQLTest.write(db, forum: 2, [open(2)])
            let name = try await SQLTest.scalar(db, "SELECT head_name FROM fkp.families WHERE id = 'F2'", as: String.self)
            XCTAssertEqual(name, "Kepala Baru", "the forum opened on the changed list")
        }
    }

    func testMovingAForumsTimeAndBookingItsTeamElsewhereHappenOneAfterTheOther() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, TestAccounts.world + [
                "UPDATE fkp.forums SET starts_at = '2026-12-02 09:00+07', ends_at = '2026-12-02 12:00+07' WHERE id = 1",
                "INSERT INTO fkp.forum_team (forum_id, user_id, team_role) SELECT 1, id, 'facilitator' FROM fkp.users WHERE username = 'fasil'",
            ])
            let book = "INSERT INTO fkp.forum_team (forum_id, user_id, team_role) SELECT 2, id, 'facilitator' FROM fkp.users WHERE username = 'fasil'"
            // Forum 1 moves onto forum 2's time (1 December, 09:00-12:00 WIB) while fasil is being booked into forum 2.
            let move = "UPDATE fkp.forums SET starts_at = '2026-12-01 10:00+07', ends_at = '2026-12-01 13:00+07' WHERE id = 1"
            try await SQLTest.holding(db, [move]) {
                let waiting = try await SQLTest.attempt(db, setup: ["SET LOCAL lock_timeout = '300ms'"], book)
                XCTAssertEqual(waiting?.sqlState, "55P03", "the booking waits for the move: \(waiting?.message ?? "accepted")")
            }
            let after = try await SQLTest.attempt(db, setup: [], book)
            XCTAssertEqual(after?.constraint, "forum_team_no_double_booking")
        }
    }

    func testTheTeamAndParticipantsWrittenAtOnceAreCheckedOneAfterTheOther() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + SQLTest.forum(units: ["32010100010001", "32010100010002"]))
            // Two assistants booked at once as the second: the second waits for the first, then is refused.
            try await SQLTest.write(db, TestAccounts.statements())
            @Sendable func assistant(_ username: String) -> String {
                "INSERT INTO fkp.forum_team (forum_id, user_id, team_role) SELECT 1, id, 'assistant_facilitator' FROM fkp.users WHERE username = '\(username)'"
            }
            try await SQLTest.write(db, forum: 1, [assistant("fasil")])
            let refusedThird = try await SQLTest.attemptWhileHolding(db, forum: 1, [assistant("ketua")]) {
                try await SQLTest.attempt(db, forum: 1, setup: [], assistant("tokoh"))
            }
            XCTAssertEqual(refusedThird?.constraint, "forum_team_two_assistants", refusedThird?.message ?? "a third assistant was booked")

            // Two figures invited at once as the fifth: the second waits for the first, then is refused.
            @Sendable func figure(_ n: Int) -> String {
                "INSERT INTO fkp.forum_participants (forum_id, kind, full_name) VALUES (1, 'community_figure', 'Tokoh \(n)')"
            }
            try await SQLTest.write(db, forum: 1, (1...4).map(figure))
            let refusedSixth = try await SQLTest.attemptWhileHolding(db, forum: 1, [figure(5)]) {
                try await SQLTest.attempt(db, forum: 1, setup: [], figure(6))
            }
            XCTAssertEqual(refusedSixth?.constraint, "forum_participants_five_figures", refusedSixth?.message ?? "a sixth figure was accepted")

            // An SLS head invited while a replan takes that SLS out of the forum: refused once the replan commits.
            let head = "INSERT INTO fkp.forum_participants (forum_id, kind, sls_code, full_name) VALUES (1, 'sls_head', '32010100010002', 'Ketua RT 002')"
            let refusedHead = try await SQLTest.attemptWhileHolding(db, forum: 1, [
                "SELECT id FROM fkp.forums WHERE id = 1 FOR UPDATE",
                "DELETE FROM fkp.forum_participants WHERE forum_id = 1 AND kind = 'sls_head' AND sls_code = '32010100010002'",
                "DELETE FROM fkp.forum_units WHERE forum_id = 1 AND sls_code = '32010100010002'",
            ]) {
                try await SQLTest.attempt(db, forum: 1, setup: [], head)
            }
            XCTAssertEqual(refusedHead?.constraint, "forum_participants_unit_in_forum", refusedHead?.message ?? "a head was kept for a unit the forum dropped")
        }
    }

    func testAVerdictOrAnAddedFamilySavedWhileTheForumMovesOnWaitsAndIsThenRefused() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1")] + SQLTest.forum() + SQLTest.advance(to: .reviewing))
            // F1 judged, so the forum may move on without touching its row (a row lock would hide the race).
            try await SQLTest.write(db, forum: 1, ["INSERT INTO fkp.reviews (forum_id, family_id, verdict) VALUES (1, 'F1', 'sesuai')"])
            let refused = try await SQLTest.attemptWhileHolding(db, forum: 1, ["UPDATE fkp.forums SET state = 'ready_to_close' WHERE id = 1"]) {
                try await SQLTest.attempt(db, forum: 1, setup: [], "UPDATE fkp.reviews SET verdict = 'tidak_berpendapat' WHERE forum_id = 1 AND family_id = 'F1'")
            }
            XCTAssertEqual(refused?.constraint, "forum_state_allows", refused?.message ?? "a verdict was saved in a forum ready to close")

            // The same for a family added while the forum moves on.
            try await SQLTest.write(db, forum: 1, ["UPDATE fkp.forums SET state = 'reviewing' WHERE id = 1"])
            let refusedAdded = try await SQLTest.attemptWhileHolding(db, forum: 1, ["UPDATE fkp.forums SET state = 'ready_to_close' WHERE id = 1"]) {
                try await SQLTest.attempt(db, forum: 1, setup: [], """
                    INSERT INTO fkp.added_families (forum_id, sls_code, head_name, members, proposed_group, reason)
                    VALUES (1, '32010100010001', 'Keluarga Baru', 3, 1, 'Belum terdaftar')
                    """)
            }
            XCTAssertEqual(refusedAdded?.constraint, "forum_state_allows", refusedAdded?.message ?? "a family was added to a forum ready to close")
        }
    }

}
