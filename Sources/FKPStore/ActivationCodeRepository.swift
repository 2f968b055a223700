import Crypto
import FKPCore
import Foundation
import PostgresNIO

/// One-time codes with which people from the community set their own password. Only the SHA-256
/// of a code is stored; a code works once and until it expires.
public struct ActivationCodeRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public enum Problem: Error, Equatable { case unknown, used, expired }

    public struct Holder: Sendable, Equatable {
        public var codeID: Int64
        public var userID: Int64
        public var username: String
    }

    static func hash(_ code: String) -> String {
        let normalized = code.uppercased().filter { $0.isLetter || $0.isNumber }
        return AuditHashing.hex(SHA256.hash(data: Array(normalized.utf8)))
    }

    public func issue(userID: Int64, code: String, expiresAt: Date, context: WriteContext) async throws {
        try await database.write(context) { connection in
            try await connection.query("""
                INSERT INTO fkp.activation_codes (user_id, code_hash, expires_at) VALUES (\(userID), \(Self.hash(code)), \(expiresAt))
                """, logger: database.logger)
        }
    }


    public func lookup(_ code: String, now: Date = Date()) async throws -> Result<Holder, Problem> {
        try await database.read { connection in
            let rows = try await connection.query("""
                SELECT c.id, c.user_id, u.username, c.used_at IS NOT NULL, c.expires_at <= \(now)
                  FROM fkp.activation_codes c JOIN fkp.users u ON u.id = c.user_id
                 WHERE c.code_hash = \(Self.hash(code))
                """, logger: database.logger)
            for try await (id, userID, username, used, expired) in rows.decode((Int64, Int64, String, Bool, Bool).self) {
                if used { return .failure(.used) }
                if expired { return .failure(.expired) }
                return .success(Holder(codeID: id, userID: userID, username: username))
            }
            return .failure(.unknown)
        }
    }

    /// Marks the code used and sets the password, in one transaction; fails if the code was used
    /// or expired in the meantime.
    public func redeem(_ holder: Holder, passwordHash: String, context: WriteContext) async throws -> Bool {
        try await database.write(context) { connection in
            let rows = try await connection.query("""
                UPDATE fkp.activation_codes SET used_at = now()
                 WHERE id = \(holder.codeID) AND used_at IS NULL AND expires_at > now() RETURNING 1
                """, logger: database.logger)
            var claimed = false
            for try await _ in rows { claimed = true }
            guard claimed else { return false }
            try await connection.query("""
                UPDATE fkp.users SET password_hash = \(passwordHash), must_change_password = false, version = version + 1
                 WHERE id = \(holder.userID)
                """, logger: database.logger)
            return true
        }
    }
}
