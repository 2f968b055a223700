import FKPCore
import Foundation
import PostgresNIO

/// Closing a forum (BPS staff) and reopening it (a supervisor, with a reason). Each closing keeps
/// the version's minutes as printed and the head of the forum's audit chain.
public struct ClosingRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Closing: Sendable, Equatable {
        public var version: Int
        public var closedAt: Date
        public var closedBy: String
        public var head: ChainHead
        public var reopenedAt: Date?
        public var reopenedBy: String?
        public var reopenReason: String?
    }

    /// A unit of a closed forum that a later forum, not closed, now holds (the same SLS, a sub-SLS
    /// of it or the SLS above): while one does, the closed forum cannot reopen.
    public struct UnitHolder: Sendable, Equatable {
        public let unit: String
        public let forumID: Int64
    }

    public func unitHolders(forumID: Int64) async throws -> [UnitHolder] {
        try await database.read { connection in
            var found: [UnitHolder] = []
            let rows = try await connection.query("""
                SELECT mine.sls_code, u.forum_id
                  FROM fkp.forum_units mine
                  JOIN fkp.forum_units u ON u.forum_id <> mine.forum_id
                   AND (u.sls_code LIKE mine.sls_code || '%' OR mine.sls_code LIKE u.sls_code || '%')
                  JOIN fkp.forums o ON o.id = u.forum_id AND fkp.forum_holds_units(o.state)
                 WHERE mine.forum_id = \(forumID)
                 ORDER BY mine.position, mine.sls_code, u.forum_id
                """, logger: database.logger)
            for try await (unit, holder) in rows.decode((String, Int64).self) { found.append(UnitHolder(unit: unit, forumID: holder)) }
            return found
        }
    }

    /// What still keeps the forum from closing; empty when it may close.
    public func blockers(forumID: Int64) async throws -> [ClosingBlocker] {
        try await database.read { connection in
            var found: [ClosingBlocker] = []
            let rows = try await connection.query("SELECT kind, role, detail FROM fkp.closing_blockers(\(forumID))", logger: database.logger)
            for try await (kind, role, detail) in rows.decode((String, String?, String?).self) {
                if let blocker = ClosingBlocker(kind: kind, role: role, detail: detail) { found.append(blocker) }
            }
            return found
        }
    }

    /// Every closing of the forum, oldest first.
    public func closings(forumID: Int64) async throws -> [Closing] {
        try await database.read { connection in
            var found: [Closing] = []
            let rows = try await connection.query("""
                SELECT forum_version, closed_at, closed_by, chain_seq, chain_head, reopened_at, reopened_by, reopen_reason
                  FROM fkp.forum_closings WHERE forum_id = \(forumID) ORDER BY forum_version
                """, logger: database.logger)
            for try await (version, at, by, seq, head, reopenedAt, reopenedBy, reason)
                in rows.decode((Int32, Date, String, Int64, String, Date?, String?, String?).self) {
                found.append(Closing(version: Int(version), closedAt: at, closedBy: by, head: ChainHead(seq: seq, hash: head),
                                     reopenedAt: reopenedAt, reopenedBy: reopenedBy, reopenReason: reason))
            }
            return found
        }
    }

    /// Closes the forum, which must be ready to close at `version`: stores `minutes` as printed,
    /// moves the forum to closed (the database refuses while anything blocks it) and records the
    /// chain head that move produced. Nil when the forum is no longer ready to close at that version.
    public func close(forumID: Int64, version: Int, minutes: MinutesDocument, context: WriteContext) async throws -> ChainHead? {
        let document = String(decoding: try minutes.encoded(), as: UTF8.self)
        return try await database.write(context) { connection in
            var current = false
            for try await _ in try await connection.query("""
                SELECT id FROM fkp.forums WHERE id = \(forumID) AND state = 'ready_to_close' AND forum_version = \(version) FOR UPDATE
                """, logger: database.logger).decode(Int64.self) { current = true }
            guard current else { return nil }
            try await connection.query("""
                INSERT INTO fkp.minutes (forum_id, forum_version, document) VALUES (\(forumID), \(version), \(document)::jsonb)
                ON CONFLICT (forum_id, forum_version) DO UPDATE SET document = EXCLUDED.document, version = fkp.minutes.version + 1
                """, logger: database.logger)
            try await connection.query("""
                UPDATE fkp.forums SET state = 'closed', version = version + 1 WHERE id = \(forumID)
                """, logger: database.logger)
            let rows = try await connection.query("""
                INSERT INTO fkp.forum_closings (forum_id, forum_version, closed_by) VALUES (\(forumID), \(version), \(context.actor))
                RETURNING chain_seq, chain_head
                """, logger: database.logger)
            for try await (seq, hash) in rows.decode((Int64, String).self) { return ChainHead(seq: seq, hash: hash) }
            return nil
        }
    }

    /// Reopens the closed forum at `version` with a reason: its closing is marked reopened, and the
    /// database starts the forum's next version. False when the forum is no longer closed at that version.
    public func reopen(forumID: Int64, version: Int, reason: String, context: WriteContext) async throws -> Bool {
        try await database.write(context) { connection in
            // The forum's row before the closing's entry takes the forum's audit chain: the move
            // waits for the forum's writers (0025), who take the row before the chain.
            try await connection.query("SELECT 1 FROM fkp.forums WHERE id = \(forumID) FOR UPDATE", logger: database.logger)
            let rows = try await connection.query("""
                UPDATE fkp.forum_closings SET reopened_at = now(), reopened_by = \(context.actor), reopen_reason = \(reason)
                 WHERE forum_id = \(forumID) AND forum_version = \(version) AND reopened_at IS NULL
                   AND EXISTS (SELECT 1 FROM fkp.forums WHERE id = \(forumID) AND state = 'closed' AND forum_version = \(version))
                RETURNING forum_id
                """, logger: database.logger)
            var marked = false
            for try await _ in rows.decode(Int64.self) { marked = true }
            guard marked else { return false }
            try await connection.query("""
                UPDATE fkp.forums SET state = 'reopened', version = version + 1 WHERE id = \(forumID)
                """, logger: database.logger)
            return true
        }
    }
}
