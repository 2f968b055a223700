import Crypto
import FKPCore
import Foundation
import PostgresNIO

/// Session records (JSON text) in runtime.sessions, keyed by the SHA-256 of the session key so that a copy of
/// the table opens no session. Sessions are not domain data and are not audited row by row.
public struct SessionRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

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
        try await database.read { connection in
            var stored: Stored?
            var person = PrincipalRows()
            // 0 names no forum (their ids start at 1): the planned statement binds a number either way.
            for try await row in try await connection.query(LiveSession.self, Self.id(key), forumID ?? 0, logger: database.logger) {
                let (payload, expires, sessionUser, userID, username, name, mustChange, role, region, forum, supervisor, heads)
                    = try row.decode((String, Date, Int64?, Int64?, String?, String?, Bool?, String?, String?, Int64?, Bool?, [String]?).self)
                if stored == nil {
                    stored = Stored(payload: Data(payload.utf8), expiresAt: expires, userID: sessionUser, forumStamp: heads.map(ForumDataStamp.init))
                }
                if let userID, let username, let name {
                    person.add(userID: userID, username: username, displayName: name, mustChangePassword: mustChange ?? false,
                               role: role, region: region, forumID: forum, isSupervisor: supervisor)
                }
            }
            stored?.principal = person.principal
            return stored
        }
    }

    private enum LiveSession: PlannedSQL {
        static let sql = """
            SELECT s.payload, s.expires_at, s.user_id,
                   u.id, u.username, u.display_name, u.must_change_password, a.role, a.region_code, a.forum_id, a.is_supervisor,
                   (SELECT \(ForumRepository.chainHeads) FROM fkp.forums f WHERE f.id = $2)
              FROM runtime.sessions s
              LEFT JOIN fkp.users u ON u.id = s.user_id AND u.disabled_at IS NULL
              LEFT JOIN fkp.role_assignments a ON a.user_id = u.id AND a.revoked_at IS NULL
             WHERE s.id = $1 AND s.expires_at > now()
             ORDER BY a.id
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

    @discardableResult
    public func removeExpired() async throws -> Int {
        try await database.read { connection in
            let rows = try await connection.query(
                "WITH gone AS (DELETE FROM runtime.sessions WHERE expires_at <= now() RETURNING 1) SELECT count(*) FROM gone",
                logger: database.logger)
            for try await count in rows.decode(Int64.self) { return Int(count) }
            return 0
        }
    }
}
