import FKPCore
import Foundation
import PostgresNIO

/// Reading the audit trail for people: entries matching a filter, newest first, a page at a time
/// with stable links (each page starts below an entry id), limited to the reader's places.
public struct AuditBrowser: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Filter: Sendable, Equatable {
        public var forumID: Int64?
        public var region: RegionCode?
        public var familyID: String?
        public var actor: String?
        /// An action, or the start of one ("review." for every review action).
        public var action: String?
        public var from: Date?
        public var to: Date?

        public init(forumID: Int64? = nil, region: RegionCode? = nil, familyID: String? = nil, actor: String? = nil,
                    action: String? = nil, from: Date? = nil, to: Date? = nil) {
            self.forumID = forumID
            self.region = region
            self.familyID = familyID
            self.actor = actor
            self.action = action
            self.from = from
            self.to = to
        }
    }

    /// Up to `limit` entries below entry `before` (newest first); `within` limits them to entries of
    /// forums held in, or writes declared for, those places (nil: everywhere).
    public func entries(_ f: Filter, within roots: [RegionCode]?, before: Int64?, limit: Int) async throws -> [AuditEntry] {
        let places = roots?.map(\.value) ?? []
        let region = f.region?.value
        return try await database.read { connection in
            var found: [AuditEntry] = []
            let rows = try await connection.query("""
                SELECT id, chain, seq, prev_hash, hash, audit.timestamp_text(occurred_at), actor, actor_role, forum_id,
                       region_code, action, reason, decision_ref, table_name, operation, row_key, old_row::text, new_row::text
                  FROM audit.entries e
                 WHERE (\(before)::bigint IS NULL OR e.id < \(before))
                   AND (\(f.forumID)::bigint IS NULL OR e.chain = 'forum:' || \(f.forumID))
                   AND (\(region)::text IS NULL OR e.region_code LIKE \(region) || '%'
                        OR e.forum_id IN (SELECT id FROM fkp.forums WHERE region_code LIKE \(region) || '%'))
                   AND (\(f.familyID)::text IS NULL OR e.new_row ->> 'family_id' = \(f.familyID) OR e.old_row ->> 'family_id' = \(f.familyID)
                        OR (e.table_name = 'fkp.families' AND e.row_key = \(f.familyID)))
                   AND (\(f.actor)::text IS NULL OR e.actor = \(f.actor))
                   AND (\(f.action)::text IS NULL OR e.action = \(f.action) OR e.action LIKE \(f.action) || '%')
                   AND (\(f.from)::timestamptz IS NULL OR e.occurred_at >= \(f.from))
                   AND (\(f.to)::timestamptz IS NULL OR e.occurred_at < \(f.to))
                   AND (\(roots == nil) OR EXISTS (
                        SELECT 1 FROM unnest(\(places)::text[]) AS p(code)
                         WHERE e.region_code LIKE p.code || '%'
                            OR e.forum_id IN (SELECT id FROM fkp.forums WHERE region_code LIKE p.code || '%')))
                 ORDER BY e.id DESC
                 LIMIT \(limit)
                """, logger: database.logger)
            for try await row in rows { found.append(try AuditRepository.decode(row)) }
            return found
        }
    }
}
