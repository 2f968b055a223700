import FKPCore
import FKPStore
import PostgresNIO
import XCTest

/// Small helpers so schema tests read as setup, act, verify.
public enum SQLTest {
    /// Runs raw SQL statements in one transaction that first declares a test actor.
    public static func write(_ database: Database, role: String = "admin", forum: Int64? = nil,
                             _ statements: [String]) async throws {
        try await database.client.withConnection { connection in
            try await connection.query("BEGIN", logger: database.logger)
            do {
                try await connection.query(
                    "SELECT audit.declare('test', \(role), 'test.write', 'test', \(forum), NULL, NULL, NULL)",
                    logger: database.logger)
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: database.logger)
                }
                try await connection.query("COMMIT", logger: database.logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: database.logger)
                throw error
            }
        }
    }

    /// Alters rows as someone with the database's keys could, past the audit and append-only triggers.
    public static func tamper(_ database: Database, _ statements: [String]) async throws {
        try await database.client.withConnection { connection in
            try await connection.query("SET session_replication_role = replica", logger: database.logger)
            for statement in statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: database.logger) }
            try await connection.query("SET session_replication_role = DEFAULT", logger: database.logger)
        }
    }

    /// Runs raw SQL statements in a transaction that declares a test actor and stays open while
    /// `body` runs (so its locks are held), then commits.
    public static func holding(_ database: Database, forum: Int64? = nil, _ statements: [String],
                               while body: () async throws -> Void) async throws {
        try await database.client.withConnection { connection in
            func run(_ sql: String) async throws { try await connection.query(PostgresQuery(unsafeSQL: sql), logger: database.logger) }
            try await run("BEGIN")
            do {
                try await run("SELECT audit.declare('test', 'admin', 'test.hold', 'test', \(forum.map(String.init) ?? "NULL"), NULL, NULL, NULL)")
                for statement in statements { try await run(statement) }
                try await body()
                try await run("COMMIT")
            } catch {
                try? await run("ROLLBACK")
                throw error
            }
        }
    }

    /// Starts `attempt` (on another connection) while `statements` are held in an open transaction,
    /// commits them 300 ms later, when the attempt is waiting for them, and returns what the
    /// attempt came to: a race between two writers, in the order that shows whether the second
    /// one sees what the first committed.
    public static func attemptWhileHolding<Outcome: Sendable>(_ database: Database, forum: Int64? = nil, _ statements: [String],
                                                              _ attempt: @escaping @Sendable () async throws -> Outcome) async throws -> Outcome {
        var started: Task<Outcome, any Error>?
        try await holding(database, forum: forum, statements) {
            started = Task { try await attempt() }
            try await Task.sleep(for: .milliseconds(300))
        }
        return try await started!.value
    }

    /// Runs `setup`, then `statement` and the `rest` that completes it, in one transaction that is
    /// always rolled back; returns the database's refusal, or nil when it was accepted. Setup must succeed.
    public static func attempt(_ database: Database, forum: Int64? = nil, setup: [String], _ statement: String,
                               then rest: [String] = []) async throws -> DatabaseRefusal? {
        try await database.client.withConnection { connection in
            func run(_ sql: String) async throws { try await connection.query(PostgresQuery(unsafeSQL: sql), logger: database.logger) }
            try await run("BEGIN")
            var refusal: DatabaseRefusal?
            do {
                try await run("SELECT audit.declare('test', 'admin', 'test.attempt', 'test', \(forum.map(String.init) ?? "NULL"), NULL, NULL, NULL)")
                for step in setup { try await run(step) }
            } catch {
                try? await run("ROLLBACK")
                throw error
            }
            do {
                try await run(statement)
                for step in rest { try await run(step) }
                // Deferred checks run at commit; ask for them now.
                try await run("SET CONSTRAINTS ALL IMMEDIATE")
            } catch {
                refusal = DatabaseRefusal(error)
                if refusal == nil {
                    try? await run("ROLLBACK")
                    throw error
                }
            }
            try await run("ROLLBACK")
            return refusal
        }
    }

    /// Runs raw SQL with no declared actor (as someone typing into psql would).
    public static func undeclared(_ database: Database, _ statement: String) async throws {
        try await database.client.query(PostgresQuery(unsafeSQL: statement), logger: database.logger)
    }

    public static func scalar<T: PostgresDecodable & Sendable>(_ database: Database, _ sql: String, as type: T.Type) async throws -> T? {
        let rows = try await database.client.query(PostgresQuery(unsafeSQL: sql), logger: database.logger)
        for try await value in rows.decode(T.self) { return value }
        return nil
    }

    /// A moment just after the last audit entry, to the second in the forum's local time as a
    /// page's `at` takes it (2026-12-01T10:30:05); then waits until the clock has passed it, so
    /// that what is written next lies after it.
    public static func momentAfterLastEntry(_ database: Database) async throws -> String {
        let moment = try await scalar(database, """
            SELECT to_char((date_trunc('second', max(occurred_at)) + interval '1 second') AT TIME ZONE 'Asia/Jakarta',
                           'YYYY-MM-DD"T"HH24:MI:SS') FROM audit.entries
            """, as: String.self) ?? ""
        try await write(database, ["SELECT pg_sleep(1.2)"])
        return moment
    }

    /// Asserts that the write is refused by the database, and that the refusal mentions `fragment`
    /// (a constraint name or words of the message).
    public static func assertRefused(_ fragment: String, file: StaticString = #filePath, line: UInt = #line,
                                     _ work: () async throws -> Void) async {
        do {
            try await work()
            XCTFail("expected the database to refuse (\(fragment)), but the write succeeded", file: file, line: line)
        } catch {
            guard let refusal = DatabaseRefusal(error) else {
                return XCTFail("expected a database refusal, got \(String(reflecting: error))", file: file, line: line)
            }
            let text = "\(refusal.constraint ?? "") \(refusal.message)"
            XCTAssertTrue(text.contains(fragment), "refusal '\(text)' does not mention '\(fragment)'", file: file, line: line)
        }
    }

    /// A small place tree: province 32, regency 3201, district 3201010, villages ...001 and ...002,
    /// units ...0001-0003 in village 1 and ...0001 in village 2.
    public static let places = [
        "INSERT INTO fkp.regions (code, name, level) VALUES ('32', 'Jawa Barat', 'province'), ('3201', 'Bogor', 'regency'), "
            + "('3201010', 'Nanggung', 'district'), ('3201010001', 'Desa Satu', 'village'), ('3201010002', 'Desa Dua', 'village'), "
            + "('32010100010001', 'RT 001', 'sls'), ('32010100010002', 'RT 002', 'sls'), ('32010100010003', 'RT 003', 'sls'), "
            + "('32010100020001', 'RT 001', 'sls')",
    ]

    /// A family row in unit `sls` with the given id and group, whose score puts it at `rank` in
    /// the unit's order.
    public static func family(_ id: String, sls: String = "32010100010001", group: Int = 2, rank: Int = 1) -> String {
        "INSERT INTO fkp.families (id, sls_code, head_name, address, members, kk_number, head_nik, welfare_group, "
            + "welfare_score) VALUES ('\(id)', '\(sls)', 'Kepala \(id)', 'Kp. Babakan', 4, '3201010101000001', "
            + "'3201014501800001', \(group), \(rank * 10).5)"
    }

    /// A planned forum for village 1 covering the given units (its id is 1 in a fresh database);
    /// `level` "above_village" with a district's `region`.
    public static func forum(units: [String] = ["32010100010001"], region: String = "3201010001", level: String = "village",
                             starts: String = "2026-12-01 09:00+07") -> [String] {
        ["INSERT INTO fkp.forums (region_code, held_at_level, starts_at, ends_at, venue) VALUES ('\(region)', '\(level)', '\(starts)', "
            + "timestamptz '\(starts)' + interval '3 hours', 'Balai Desa')"]
            + units.enumerated().map { index, unit in
                "INSERT INTO fkp.forum_units (forum_id, sls_code, position) VALUES (currval('fkp.forums_id_seq'), '\(unit)', \(index + 1))"
            }
    }

    /// Walks forum `id` along the main path (planned, open, reviewing, ready to close, closed,
    /// reopened) from `from` up to `state`, one allowed move per statement; before it becomes ready
    /// to close, every family without a verdict gets "cannot judge". A planned forum is cancelled
    /// with a reason.
    public static func advance(forum id: Int = 1, from: ForumState = .planned, to state: ForumState) -> [String] {
        if state == .cancelled { return from == .planned ? [cancel(forum: id)] : [] }
        let path: [ForumState] = [.planned, .open, .reviewing, .readyToClose, .closed, .reopened]
        guard let start = path.firstIndex(of: from), let end = path.firstIndex(of: state), start < end else { return [] }
        return path[(start + 1)...end].flatMap { next -> [String] in
            switch next {
            case .readyToClose: [judgeTheRest(forum: id), "UPDATE fkp.forums SET state = 'ready_to_close' WHERE id = \(id)"]
            case .closed: close(forum: id)
            case .reopened: reopen(forum: id)
            default: ["UPDATE fkp.forums SET state = '\(next.rawValue)' WHERE id = \(id)"]
            }
        }
    }

    /// Closes forum `id`, ready to close, as BPS staff would: every place of the minutes signed on
    /// paper, the minutes stored, the move, and the closing with its chain head.
    public static func close(forum id: Int = 1) -> [String] {
        [
            "INSERT INTO fkp.signatures (forum_id, forum_version, signatory_role, participant_id, user_id, village_code, signer_name, "
                + "status, method, recorded_by) SELECT \(id), f.forum_version, s.signatory_role, s.participant_id, s.user_id, "
                + "CASE s.signatory_role WHEN 'village_head' THEN s.place_code END, coalesce(s.name, 'Kepala Desa'), "
                + "'signed', 'paper', 'test' FROM fkp.forums f, fkp.minutes_signatories(\(id)) s WHERE f.id = \(id) "
                + "AND NOT EXISTS (SELECT 1 FROM fkp.signatures g WHERE g.forum_id = f.id AND g.forum_version = f.forum_version "
                + "AND g.escalated_from IS NULL "
                + "AND fkp.signature_slot(g.signatory_role, g.participant_id, g.user_id, NULL, g.village_code) = s.slot)",
            "INSERT INTO fkp.minutes (forum_id, forum_version, document) SELECT id, forum_version, '{}' FROM fkp.forums WHERE id = \(id) "
                + "ON CONFLICT (forum_id, forum_version) DO UPDATE SET document = '{}'",
            "UPDATE fkp.forums SET state = 'closed' WHERE id = \(id)",
            "INSERT INTO fkp.forum_closings (forum_id, forum_version, closed_by) SELECT id, forum_version, 'test' FROM fkp.forums WHERE id = \(id)",
        ]
    }

    /// Calls off planned forum `id`, with a reason.
    public static func cancel(forum id: Int = 1) -> String {
        "UPDATE fkp.forums SET state = 'cancelled', cancel_reason = 'Digabung dengan forum lain' WHERE id = \(id)"
    }

    /// Reopens closed forum `id` with a reason, starting its next version.
    public static func reopen(forum id: Int = 1) -> [String] {
        [
            "UPDATE fkp.forum_closings SET reopened_at = now(), reopened_by = 'test', reopen_reason = 'uji' "
                + "WHERE forum_id = \(id) AND reopened_at IS NULL",
            "UPDATE fkp.forums SET state = 'reopened' WHERE id = \(id)",
        ]
    }

    /// Gives "cannot judge" to every family of forum `id` still without a verdict.
    public static func judgeTheRest(forum id: Int = 1) -> String {
        "INSERT INTO fkp.reviews (forum_id, family_id, verdict) SELECT u.forum_id, f.id, 'tidak_berpendapat' "
            + "FROM fkp.forum_units u JOIN fkp.families f ON f.sls_code LIKE u.sls_code || '%' WHERE u.forum_id = \(id) "
            + "ON CONFLICT (forum_id, family_id) DO UPDATE SET verdict = coalesce(fkp.reviews.verdict, 'tidak_berpendapat')"
    }
}
