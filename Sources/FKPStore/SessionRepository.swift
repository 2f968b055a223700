import Crypto
import FKPCore
import Foundation
import PostgresNIO

/// Session records (JSON text) in runtime.sessions, keyed by the SHA-256 of the session key so that a copy of
/// the table opens no session. Sessions are not domain data and are not audited row by row.
public struct SessionRepository: Sendable {
    let database: Database
    private let liveSessions: CoalescedReads<LiveSessionAsked, Stored?>

    public init(database: Database) {
        self.database = database
        // Two batches at once: one waits on PostgreSQL while the other's answers are handed out.
        liveSessions = CoalescedReads(limit: 2, largestBatch: 256) { asked in
            try await Self.readLiveSessions(asked, database: database)
        }
    }

    static func id(_ key: String) -> String { AuditHashing.hex(SHA256.hash(data: Array(key.utf8))) }

    /// Inserts; returns false when the key exists already.
    public func create(key: String, payload: Data, userID: Int64?, expiresAt: Date) async throws -> Bool {
        try await database.read { connection in
            let rows = try await connection.query("""
                INSERT INTO runtime.sessions (id, user_id, payload, expires_at)
                VALUES (\(Self.id(key)), \(userID), \(String(decoding: payload, as: UTF8.self)), \(expiresAt))
                ON CONFLICT (id) DO NOTHING RETURNING 1
                """, logger: database.logger)
            for try await _ in rows { return true }
            return false
        }
    }

    /// Replaces a stored session's record, keeping its expiry when `expiresAt` is nil. A session no
    /// longer stored (ended by a logout or a password change while a request of it was under way)
    /// stays ended: that request's end does not write it back.
    public func update(key: String, payload: Data, userID: Int64?, expiresAt: Date?) async throws {
        try await database.read { connection in
            try await connection.query("""
                UPDATE runtime.sessions SET payload = \(String(decoding: payload, as: UTF8.self)), user_id = \(userID),
                       expires_at = coalesce(\(expiresAt), expires_at)
                 WHERE id = \(Self.id(key))
                """, logger: database.logger)
        }
    }

    /// Inserts or replaces; keeps the old expiry when `expiresAt` is nil.
    public func set(key: String, payload: Data, userID: Int64?, expiresAt: Date?) async throws {
        try await database.read { connection in
            try await connection.query("""
                INSERT INTO runtime.sessions (id, user_id, payload, expires_at)
                VALUES (\(Self.id(key)), \(userID), \(String(decoding: payload, as: UTF8.self)), coalesce(\(expiresAt), now() + interval '12 hours'))
                ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, user_id = EXCLUDED.user_id,
                    expires_at = coalesce(\(expiresAt), runtime.sessions.expires_at)
                """, logger: database.logger)
        }
    }

    /// A live session, and the person its `userID` names (nil when none, or when that account is
    /// disabled), read together: every request of a logged-in person needs both. With
    /// `forumStampOf`, the same round trip reads that forum's stamp (nil when there is no such
    /// forum), which is all a view of a page kept in memory needs besides (ReviewPageCache).
    public struct Stored: Sendable {
        public var payload: Data
        public var expiresAt: Date
        public var userID: Int64?
        public var principal: Principal?
        public var forumStamp: ForumDataStamp?
    }

    public func get(key: String, forumStampOf forumID: Int64? = nil) async throws -> Stored? {
        try await liveSessions.read(LiveSessionAsked(id: Self.id(key), forumID: forumID))
    }

    struct LiveSessionAsked: Sendable {
        let id: String
        let forumID: Int64?
    }

    /// The sessions asked for by the requests of one moment, read in one query (CoalescedReads);
    /// answers in the order asked.
    static func readLiveSessions(_ asked: [LiveSessionAsked], database: Database) async throws -> [Stored?] {
        try await database.read { connection in
            var stored = [Stored?](repeating: nil, count: asked.count)
            var people = [PrincipalRows](repeating: PrincipalRows(), count: asked.count)
            // 0 names no forum (their ids start at 1): the planned statement binds a number either way.
            let rows = try await connection.query(LiveSessions.self, asked.map(\.id), asked.map { $0.forumID ?? 0 }, logger: database.logger)
            for try await row in rows {
                let (number, payload, expires, sessionUser, userID, username, name, mustChange, role, region, forum, supervisor, heads)
                    = try row.decode((Int64, String, Date, Int64?, Int64?, String?, String?, Bool?, String?, String?, Int64?, Bool?, [String]?).self)
                let index = Int(number) - 1
                if stored[index] == nil {
                    stored[index] = Stored(payload: Data(payload.utf8), expiresAt: expires, userID: sessionUser, forumStamp: heads.map(ForumDataStamp.init))
                }
                if let userID, let username, let name {
                    people[index].add(userID: userID, username: username, displayName: name, mustChangePassword: mustChange ?? false,
                                      role: role, region: region, forumID: forum, isSupervisor: supervisor)
                }
            }
            for index in stored.indices { stored[index]?.principal = people[index].principal }
            return stored
        }
    }

    /// Each asked session (`$1`, by id) with the forum whose stamp it asks for (`$2`), numbered in
    /// the order asked; one row per current assignment of the session's person. Each session is
    /// looked up on its own (`OFFSET 0` keeps the sub-query from being joined as a whole), by its
    /// key and its person's, whatever the statistics: a plan that joined every live session and
    /// assignment with the batch was what PostgreSQL chose for small tables.
    private enum LiveSessions: PlannedSQL {
        static let sql = """
            SELECT q.n, live.payload, live.expires_at, live.session_user, live.user_id, live.username, live.display_name,
                   live.must_change_password, live.role, live.region_code, live.forum_id, live.is_supervisor, live.heads
              FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS q (id, forum, n)
             CROSS JOIN LATERAL (
                   SELECT s.payload, s.expires_at, s.user_id AS session_user,
                          u.id AS user_id, u.username, u.display_name, u.must_change_password,
                          a.role, a.region_code, a.forum_id, a.is_supervisor, a.id AS assignment,
                          (SELECT \(ForumRepository.chainHeads) FROM fkp.forums f WHERE f.id = q.forum) AS heads
                     FROM runtime.sessions s
                     LEFT JOIN fkp.users u ON u.id = s.user_id AND u.disabled_at IS NULL
                     LEFT JOIN fkp.role_assignments a ON a.user_id = u.id AND a.revoked_at IS NULL
                    WHERE s.id = q.id AND s.expires_at > now()
                   OFFSET 0) live
             ORDER BY q.n, live.assignment
            """
    }

    public func remove(key: String) async throws {
        try await database.read { connection in
            try await connection.query("DELETE FROM runtime.sessions WHERE id = \(Self.id(key))", logger: database.logger)
        }
    }

    /// Ends every session of a person (after a password reset or when the account is disabled).
    public func removeAll(userID: Int64) async throws {
        try await database.read { connection in
            try await connection.query("DELETE FROM runtime.sessions WHERE user_id = \(userID)", logger: database.logger)
        }
    }

    /// Removes the sessions that ended a day ago or more. Until then an ended one is read by no request
    /// (`get` reads live ones only), but a request that began while it lived, and outlasted its idle
    /// time (a list sent for an hour over a weak connection), still renews it when it ends (`update`).
    @discardableResult
    public func removeExpired() async throws -> Int {
        try await database.read { connection in
            let rows = try await connection.query(
                "WITH gone AS (DELETE FROM runtime.sessions WHERE expires_at <= now() - interval '1 day' RETURNING 1) SELECT count(*) FROM gone",
                logger: database.logger)
            for try await count in rows.decode(Int64.self) { return Int(count) }
            return 0
        }
    }
}
