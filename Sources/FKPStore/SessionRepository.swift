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

    public func get(key: String) async throws -> (payload: Data, expiresAt: Date)? {
        try await database.read { connection in
            for try await row in try await connection.query(LiveSession.self, Self.id(key), logger: database.logger) {
                let (payload, expires) = try row.decode((String, Date).self)
                return (Data(payload.utf8), expires)
            }
            return nil
        }
    }

    private enum LiveSession: PlannedSQL {
        static let sql = "SELECT payload, expires_at FROM runtime.sessions WHERE id = $1 AND expires_at > now()"
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
